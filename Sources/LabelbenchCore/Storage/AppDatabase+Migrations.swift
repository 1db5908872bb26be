import ArtifactStore
import GRDB

extension AppDatabase {
    /// Named migrations; shipped ones are never edited, only followed by new ones.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-accounts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE user (
                      id INTEGER PRIMARY KEY,
                      name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
                      role TEXT NOT NULL CHECK (role IN ('admin', 'practitioner', 'annotator')),
                      password_hash TEXT,
                      created_at REAL NOT NULL
                    );
                    CREATE TABLE session (
                      id_hash TEXT PRIMARY KEY,
                      user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                      csrf_token TEXT NOT NULL,
                      created_at REAL NOT NULL,
                      expires_at REAL NOT NULL
                    );
                    CREATE INDEX session_user ON session(user_id);
                    CREATE TABLE api_token (
                      id INTEGER PRIMARY KEY,
                      user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                      token_hash TEXT NOT NULL UNIQUE,
                      created_at REAL NOT NULL,
                      revoked_at REAL
                    );
                    """)
        }
        migrator.registerMigration("v1-tasks") { db in
            try db.execute(
                sql: """
                    CREATE TABLE task (
                      id INTEGER PRIMARY KEY,
                      name TEXT NOT NULL UNIQUE,
                      title TEXT NOT NULL,
                      kind TEXT NOT NULL CHECK (kind IN ('text', 'image')),
                      answer TEXT NOT NULL CHECK (answer IN ('single', 'multiple', 'rating')),
                      labels TEXT NOT NULL,
                      overlap INTEGER NOT NULL CHECK (overlap BETWEEN 1 AND 50),
                      lease_seconds INTEGER NOT NULL CHECK (lease_seconds BETWEEN 1 AND 86400),
                      gold_rate REAL NOT NULL CHECK (gold_rate BETWEEN 0 AND 1),
                      guideline_version INTEGER NOT NULL,
                      created_at REAL NOT NULL,
                      created_by INTEGER REFERENCES user(id)
                    );
                    CREATE TABLE guideline_version (
                      task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
                      version INTEGER NOT NULL CHECK (version >= 1),
                      instructions TEXT NOT NULL,
                      guidelines TEXT NOT NULL,
                      created_at REAL NOT NULL,
                      created_by INTEGER REFERENCES user(id),
                      PRIMARY KEY (task_id, version)
                    );
                    CREATE TABLE task_annotator (
                      task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
                      user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                      PRIMARY KEY (task_id, user_id)
                    );
                    CREATE INDEX task_annotator_user ON task_annotator(user_id);
                    """)
        }
        migrator.registerMigration("v1-items") { db in
            // `assigned` counts annotations plus live leases; `full` marks items that reached the task's
            // overlap, so the next open item is the first entry of a small partial index.
            try db.execute(
                sql: """
                    CREATE TABLE item (
                      id INTEGER PRIMARY KEY,
                      task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
                      external_id TEXT NOT NULL CHECK (length(external_id) BETWEEN 1 AND 256),
                      text TEXT,
                      image_sha256 TEXT,
                      image_type TEXT,
                      image_width INTEGER,
                      image_height INTEGER,
                      meta TEXT,
                      gold TEXT,
                      assigned INTEGER NOT NULL DEFAULT 0 CHECK (assigned >= 0),
                      full INTEGER NOT NULL DEFAULT 0 CHECK (full IN (0, 1)),
                      created_at REAL NOT NULL,
                      CHECK ((text IS NULL) <> (image_sha256 IS NULL)),
                      UNIQUE (task_id, external_id)
                    );
                    CREATE INDEX item_queue ON item(task_id, id) WHERE full = 0 AND gold IS NULL;
                    CREATE INDEX item_gold ON item(task_id, id) WHERE gold IS NOT NULL;
                    CREATE INDEX item_image ON item(image_sha256) WHERE image_sha256 IS NOT NULL;
                    CREATE TABLE lease (
                      item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
                      user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                      task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
                      token TEXT NOT NULL UNIQUE,
                      guideline_version INTEGER NOT NULL,
                      created_at REAL NOT NULL,
                      expires_at REAL NOT NULL,
                      PRIMARY KEY (item_id, user_id)
                    );
                    CREATE INDEX lease_user ON lease(user_id, task_id);
                    CREATE INDEX lease_expiry ON lease(task_id, expires_at);
                    CREATE TABLE skip (
                      item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
                      user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                      created_at REAL NOT NULL,
                      PRIMARY KEY (item_id, user_id)
                    );
                    CREATE TABLE annotation (
                      id INTEGER PRIMARY KEY,
                      task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
                      item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
                      user_id INTEGER NOT NULL REFERENCES user(id),
                      label TEXT NOT NULL,
                      guideline_version INTEGER NOT NULL,
                      seconds REAL CHECK (seconds IS NULL OR seconds >= 0),
                      request_id TEXT,
                      source TEXT NOT NULL CHECK (source IN ('queue', 'import')),
                      leased_at REAL,
                      created_at REAL NOT NULL,
                      UNIQUE (item_id, user_id)
                    );
                    CREATE INDEX annotation_task ON annotation(task_id, item_id);
                    CREATE INDEX annotation_user ON annotation(user_id, task_id);
                    CREATE UNIQUE INDEX annotation_request ON annotation(user_id, request_id) WHERE request_id IS NOT NULL;
                    """)
        }
        ArtifactRepository.registerMigrations(in: &migrator)
        migrator.registerMigration("v2-adjudication") { db in
            // One ruling per item (flow 6); its label replaces the consensus in exports. Annotations of
            // an item sent back for relabeling are kept aside here: no longer counted or exported.
            try db.execute(
                sql: """
                    CREATE TABLE adjudication (
                      item_id INTEGER PRIMARY KEY REFERENCES item(id) ON DELETE CASCADE,
                      task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
                      label TEXT NOT NULL,
                      note TEXT CHECK (note IS NULL OR length(note) <= 2000),
                      guideline_version INTEGER NOT NULL,
                      user_id INTEGER NOT NULL REFERENCES user(id),
                      created_at REAL NOT NULL
                    );
                    CREATE INDEX adjudication_task ON adjudication(task_id);
                    CREATE TABLE superseded_annotation (
                      id INTEGER PRIMARY KEY,
                      -- Annotation ids can be reused once the rows are gone, so this one is not unique.
                      annotation_id INTEGER NOT NULL,
                      task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
                      item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
                      user_id INTEGER NOT NULL REFERENCES user(id),
                      label TEXT NOT NULL,
                      guideline_version INTEGER NOT NULL,
                      seconds REAL,
                      source TEXT NOT NULL,
                      created_at REAL NOT NULL,
                      superseded_at REAL NOT NULL,
                      superseded_by INTEGER NOT NULL REFERENCES user(id)
                    );
                    CREATE INDEX superseded_annotation_item ON superseded_annotation(item_id);
                    """)
        }
        migrator.registerMigration("v3-offboarding-and-collections") { db in
            // A disabled account keeps its rows (its annotations stay attributed) but cannot act.
            // A collection belongs to the task whose export created it; existing collections go to
            // the task of their first version.
            try db.execute(
                sql: """
                    ALTER TABLE user ADD COLUMN disabled_at REAL;
                    CREATE TABLE task_collection (
                      collection TEXT PRIMARY KEY CHECK (length(collection) BETWEEN 1 AND 128),
                      task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
                      created_at REAL NOT NULL
                    );
                    CREATE INDEX task_collection_task ON task_collection(task_id);
                    INSERT OR IGNORE INTO task_collection (collection, task_id, created_at)
                      SELECT c.name, t.id, CAST(strftime('%s', 'now') AS REAL) FROM artifact_version v
                      JOIN artifact_collection c ON c.id = v.collection_id
                      JOIN task t ON t.name = json_extract(v.lineage, '$.task')
                      ORDER BY v.collection_id, v.number;
                    """)
        }
        migrator.registerMigration("v3-queue-revisions-and-archive") { db in
            // A revised answer keeps its earlier label here, so a change of mind stays on record.
            // A skip may carry the annotator's reason; an archived task leaves the working lists.
            try db.execute(
                sql: """
                    ALTER TABLE task ADD COLUMN archived_at REAL;
                    ALTER TABLE skip ADD COLUMN reason TEXT CHECK (reason IS NULL OR length(reason) <= 500);
                    CREATE TABLE annotation_revision (
                      id INTEGER PRIMARY KEY,
                      annotation_id INTEGER NOT NULL REFERENCES annotation(id) ON DELETE CASCADE,
                      task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
                      user_id INTEGER NOT NULL REFERENCES user(id),
                      previous_label TEXT NOT NULL,
                      label TEXT NOT NULL,
                      revised_at REAL NOT NULL
                    );
                    CREATE INDEX annotation_revision_annotation ON annotation_revision(annotation_id);
                    """)
        }
        migrator.registerMigration("v4-span-answers") { db in
            try widenTaskAnswers(
                db, from: "CHECK (answer IN ('single', 'multiple', 'rating'))",
                to: "CHECK (answer IN ('single', 'multiple', 'rating', 'spans'))",
                migration: "v4-span-answers", madeBy: "v1")
        }
        migrator.registerMigration("v5-box-answers") { db in
            try widenTaskAnswers(
                db, from: "CHECK (answer IN ('single', 'multiple', 'rating', 'spans'))",
                to: "CHECK (answer IN ('single', 'multiple', 'rating', 'spans', 'boxes'))",
                migration: "v5-box-answers", madeBy: "v4")
        }
        migrator.registerMigration("v6-gold-feedback-and-trust") { db in
            // An item's gold may carry the reason shown to an annotator who misses it. An annotator whose
            // gold accuracy falls under the task's `min_trust` is paused: their annotations stay but are
            // marked `trusted = 0`, and every count and statistic reads `counted_annotation`, so "stop
            // counting" is this one view. `annotator_trust` holds who is paused now and where their gold
            // count restarts (the last resume); `trust_event` keeps every pause and resume.
            try db.execute(
                sql: """
                    ALTER TABLE item ADD COLUMN gold_reason TEXT;
                    ALTER TABLE task ADD COLUMN min_trust REAL NOT NULL DEFAULT 0 CHECK (min_trust BETWEEN 0 AND 1);
                    ALTER TABLE task ADD COLUMN min_gold_seen INTEGER NOT NULL DEFAULT 5 CHECK (min_gold_seen BETWEEN 1 AND 100000);
                    ALTER TABLE annotation ADD COLUMN trusted INTEGER NOT NULL DEFAULT 1 CHECK (trusted IN (0, 1));
                    CREATE INDEX annotation_untrusted ON annotation(task_id, user_id) WHERE trusted = 0;
                    CREATE VIEW counted_annotation AS SELECT * FROM annotation WHERE trusted = 1;
                    CREATE TABLE annotator_trust (
                      task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
                      user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                      paused_at REAL,
                      gold_since REAL NOT NULL,
                      PRIMARY KEY (task_id, user_id)
                    );
                    CREATE TABLE trust_event (
                      id INTEGER PRIMARY KEY,
                      task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
                      user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                      kind TEXT NOT NULL CHECK (kind IN ('pause', 'resume')),
                      gold_correct INTEGER NOT NULL CHECK (gold_correct >= 0),
                      gold_seen INTEGER NOT NULL CHECK (gold_seen >= gold_correct),
                      count_earlier INTEGER NOT NULL DEFAULT 0 CHECK (count_earlier IN (0, 1)),
                      by_user_id INTEGER REFERENCES user(id),
                      created_at REAL NOT NULL
                    );
                    CREATE INDEX trust_event_task ON trust_event(task_id, id);
                    """)
        }
        migrator.registerMigration("v6-item-flags") { db in
            // An annotator's flag on an item, open until a practitioner resolves it. One open flag per
            // item and annotator (flagging again amends it); a resolved one keeps who, when and how,
            // and for a `guideline` resolution the guideline version that settled it.
            try db.execute(
                sql: """
                    CREATE TABLE flag (
                      id INTEGER PRIMARY KEY,
                      task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
                      item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
                      user_id INTEGER NOT NULL REFERENCES user(id),
                      reason TEXT NOT NULL CHECK (reason IN ('not_covered', 'ambiguous', 'broken')),
                      note TEXT CHECK (note IS NULL OR length(note) BETWEEN 1 AND 2000),
                      created_at REAL NOT NULL,
                      resolution TEXT CHECK (resolution IS NULL OR resolution IN ('guideline', 'ruled', 'dismissed')),
                      resolved_by INTEGER REFERENCES user(id),
                      resolved_at REAL,
                      guideline_version INTEGER CHECK (guideline_version IS NULL OR resolution = 'guideline'),
                      CHECK ((resolution IS NULL) = (resolved_by IS NULL) AND (resolution IS NULL) = (resolved_at IS NULL))
                    );
                    CREATE UNIQUE INDEX flag_open ON flag(item_id, user_id) WHERE resolution IS NULL;
                    CREATE INDEX flag_item ON flag(item_id);
                    CREATE INDEX flag_task ON flag(task_id, resolution, id);
                    """)
        }
        migrator.registerMigration("v6-adaptive-overlap") { db in
            // Adaptive overlap keeps the task's `min` in `overlap` and adds `max` and `confidence`; both are
            // NULL under fixed overlap. An item's `needed` is set once it has a judgment: the places
            // (annotations and live leases, as `assigned` counts them) it needs now; NULL means the task's
            // `overlap`. Items that have judgments and need more are served first, from their own index.
            try db.execute(
                sql: """
                    ALTER TABLE task ADD COLUMN overlap_max INTEGER CHECK (overlap_max IS NULL OR overlap_max BETWEEN 1 AND 50);
                    ALTER TABLE task ADD COLUMN overlap_confidence REAL
                      CHECK (overlap_confidence IS NULL OR (overlap_confidence > 0 AND overlap_confidence <= 1));
                    ALTER TABLE item ADD COLUMN needed INTEGER CHECK (needed IS NULL OR needed >= 1);
                    CREATE INDEX item_started ON item(task_id, id) WHERE full = 0 AND gold IS NULL AND needed IS NOT NULL;
                    """)
        }
        migrator.registerMigration("v7-quality-gates") { db in
            // A task's quality gates (`QualityGates` as JSON; '{}' sets none) and the aliases they protect.
            try db.execute(
                sql: """
                    ALTER TABLE task ADD COLUMN gates TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(gates));
                    ALTER TABLE task ADD COLUMN protected_aliases TEXT NOT NULL DEFAULT '["production"]'
                        CHECK (json_valid(protected_aliases));
                    """)
        }
        migrator.registerMigration("v8-item-browser") { db in
            // Full-text search over item text for the item browser: an external-content FTS5 index of
            // `item.text`, kept in step by triggers so every import, update and delete path updates it
            // in its own transaction. `item_task` walks one task's items in id order (keyset pages).
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE item_fts USING fts5(text, content = 'item', content_rowid = 'id');
                    INSERT INTO item_fts (item_fts) VALUES ('rebuild');
                    CREATE TRIGGER item_fts_insert AFTER INSERT ON item WHEN new.text IS NOT NULL BEGIN
                      INSERT INTO item_fts (rowid, text) VALUES (new.id, new.text);
                    END;
                    CREATE TRIGGER item_fts_delete AFTER DELETE ON item WHEN old.text IS NOT NULL BEGIN
                      INSERT INTO item_fts (item_fts, rowid, text) VALUES ('delete', old.id, old.text);
                    END;
                    CREATE TRIGGER item_fts_update AFTER UPDATE OF text ON item BEGIN
                      INSERT INTO item_fts (item_fts, rowid, text) SELECT 'delete', old.id, old.text WHERE old.text IS NOT NULL;
                      INSERT INTO item_fts (rowid, text) SELECT new.id, new.text WHERE new.text IS NOT NULL;
                    END;
                    CREATE INDEX item_task ON item(task_id, id);
                    """)
        }
        migrator.registerMigration("v8-consensus-method") { db in
            // The task's consensus method, and for a `dawid-skene` task the Dawid–Skene model that adaptive
            // overlap reads at every answer (`DawidSkeneModel` as JSON, keyed by annotator id): `annotations` is
            // what it was fitted on and `settled_since` counts the settles since, which decide when to refit.
            try db.execute(
                sql: """
                    ALTER TABLE task ADD COLUMN consensus TEXT NOT NULL DEFAULT 'majority'
                        CHECK (consensus IN ('majority', 'dawid-skene'));
                    CREATE TABLE consensus_model (
                      task_id INTEGER PRIMARY KEY REFERENCES task(id) ON DELETE CASCADE,
                      model TEXT NOT NULL CHECK (json_valid(model)),
                      annotations INTEGER NOT NULL CHECK (annotations >= 0),
                      settled_since INTEGER NOT NULL DEFAULT 0 CHECK (settled_since >= 0)
                    );
                    """)
        }
        migrator.registerMigration("v9-item-text-catch-up") { db in
            // Indexing text in the import's own transaction made a 100k import 3-4x slower (tokenizing 23 MB:
            // 0.6 s became 2.0-3.5 s), so new items are indexed after they are stored: `indexed_through` is the
            // last item id the index holds, the first search after an import catches up (`indexNewItemText`),
            // and the triggers keep only rows at or below it in step (an id reused after a delete is one).
            try db.execute(
                sql: """
                    DROP TRIGGER item_fts_insert;
                    DROP TRIGGER item_fts_delete;
                    DROP TRIGGER item_fts_update;
                    CREATE TABLE item_fts_state (id INTEGER PRIMARY KEY CHECK (id = 1), indexed_through INTEGER NOT NULL);
                    INSERT INTO item_fts_state (id, indexed_through) SELECT 1, ifnull(max(id), 0) FROM item;
                    CREATE TRIGGER item_fts_insert AFTER INSERT ON item
                    WHEN new.text IS NOT NULL AND new.id <= (SELECT indexed_through FROM item_fts_state) BEGIN
                      INSERT INTO item_fts (rowid, text) VALUES (new.id, new.text);
                    END;
                    CREATE TRIGGER item_fts_delete AFTER DELETE ON item
                    WHEN old.text IS NOT NULL AND old.id <= (SELECT indexed_through FROM item_fts_state) BEGIN
                      INSERT INTO item_fts (item_fts, rowid, text) VALUES ('delete', old.id, old.text);
                    END;
                    CREATE TRIGGER item_fts_update AFTER UPDATE OF text ON item
                    WHEN old.id <= (SELECT indexed_through FROM item_fts_state) BEGIN
                      INSERT INTO item_fts (item_fts, rowid, text) SELECT 'delete', old.id, old.text WHERE old.text IS NOT NULL;
                      INSERT INTO item_fts (rowid, text) SELECT new.id, new.text WHERE new.text IS NOT NULL;
                    END;
                    """)
        }
        return migrator
    }
}
