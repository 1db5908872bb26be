import GRDB

extension ArtifactRepository {
    /// Adds the artifact tables to the service's migrator; migrations are named `artifact-…` and never edited once shipped.
    public static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("artifact-v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE artifact_collection (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 128),
                        type TEXT NOT NULL CHECK (length(type) BETWEEN 1 AND 128),
                        created_at TEXT NOT NULL
                    );
                    CREATE TABLE artifact_version (
                        id INTEGER PRIMARY KEY,
                        collection_id INTEGER NOT NULL REFERENCES artifact_collection(id) ON DELETE RESTRICT,
                        number INTEGER NOT NULL CHECK (number >= 0),
                        digest TEXT NOT NULL CHECK (digest LIKE 'sha256:%'),
                        wandb_digest TEXT NOT NULL CHECK (length(wandb_digest) = 32),
                        created_at TEXT NOT NULL,
                        created_by TEXT NOT NULL,
                        metadata TEXT NOT NULL,
                        lineage TEXT NOT NULL,
                        description TEXT,
                        UNIQUE (collection_id, number),
                        UNIQUE (collection_id, digest)
                    );
                    CREATE TABLE artifact_version_file (
                        version_id INTEGER NOT NULL REFERENCES artifact_version(id) ON DELETE CASCADE,
                        path TEXT NOT NULL CHECK (length(path) BETWEEN 1 AND 1024),
                        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
                        md5 TEXT NOT NULL CHECK (length(md5) = 32),
                        size INTEGER NOT NULL CHECK (size >= 0),
                        PRIMARY KEY (version_id, path)
                    );
                    CREATE INDEX artifact_version_file_sha256 ON artifact_version_file(sha256);
                    CREATE TABLE artifact_alias (
                        collection_id INTEGER NOT NULL REFERENCES artifact_collection(id) ON DELETE CASCADE,
                        alias TEXT NOT NULL CHECK (length(alias) BETWEEN 1 AND 128),
                        version_id INTEGER NOT NULL REFERENCES artifact_version(id) ON DELETE CASCADE,
                        updated_at TEXT NOT NULL,
                        PRIMARY KEY (collection_id, alias)
                    );
                    CREATE INDEX artifact_alias_version ON artifact_alias(version_id);
                    CREATE TABLE artifact_usage (
                        id INTEGER PRIMARY KEY,
                        version_id INTEGER NOT NULL REFERENCES artifact_version(id) ON DELETE CASCADE,
                        used_by TEXT NOT NULL,
                        used_at TEXT NOT NULL,
                        details TEXT NOT NULL DEFAULT '{}'
                    );
                    CREATE INDEX artifact_usage_version ON artifact_usage(version_id);
                    """)
        }
    }
}
