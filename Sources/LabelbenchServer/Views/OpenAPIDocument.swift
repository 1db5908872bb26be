/// The OpenAPI 3.1 description of `/api/v1`, served at `/api/v1/openapi.json`.
enum OpenAPIDocument {
    static let json = #"""
        {
          "openapi": "3.1.0",
          "info": {"title": "Labelbench API", "version": "1.0.0",
                   "description": "Labeling tasks, items, the annotator queue, agreement, aggregation and the artifact store. Authorize with `Authorization: Bearer TOKEN` (see `labelbench tokens create`). Errors are {\"error\": {\"message\": …}} with a 4xx status."},
          "servers": [{"url": "/api/v1"}],
          "security": [{"bearer": []}],
          "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "parameters": {
              "task": {"name": "task", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]{0,63}$"}},
              "name": {"name": "name", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[A-Za-z0-9_.-]{1,128}$"}},
              "ref": {"name": "ref", "in": "path", "required": true, "schema": {"type": "string"}, "description": "vN or an alias"}
            },
            "schemas": {
              "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["message"], "properties": {"message": {"type": "string"}}}}},
              "Label": {"type": "object", "required": ["name"], "additionalProperties": false,
                        "properties": {"name": {"type": "string"}, "key": {"type": "string"}, "description": {"type": "string"}}},
              "Guideline": {"type": "object", "required": ["title", "ruling"], "additionalProperties": false,
                            "properties": {"title": {"type": "string"}, "ruling": {"type": "string"}, "examples": {"type": "array", "items": {"type": "string"}}}},
              "TaskDefinition": {"type": "object", "required": ["name", "labels"], "additionalProperties": false,
                "properties": {
                  "name": {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]{0,63}$"},
                  "title": {"type": "string"}, "kind": {"enum": ["text", "image"]}, "answer": {"enum": ["single", "multiple", "rating", "spans", "boxes"]},
                  "labels": {"type": "array", "items": {"$ref": "#/components/schemas/Label"}},
                  "overlap": {"oneOf": [{"type": "integer", "minimum": 1, "maximum": 50},
                    {"type": "object", "required": ["min", "max", "confidence"], "additionalProperties": false,
                     "properties": {"min": {"type": "integer", "minimum": 1, "maximum": 50}, "max": {"type": "integer", "minimum": 1, "maximum": 50},
                       "confidence": {"type": "number", "exclusiveMinimum": 0, "maximum": 1}}}],
                    "description": "annotators per item: a number (fixed), or adaptive: min first, then one more at a time while the item's consensus confidence is below confidence, up to max (min <= max); returned as sent"},
                  "consensus": {"enum": ["majority", "dawid-skene"], "default": "majority",
                    "description": "the consensus confidence adaptive overlap compares (majority: the majority's share; dawid-skene: the Dawid–Skene posterior of the top label from each annotator's estimated confusion, refitted as the task grows) and the method aggregate uses without ?method=; dawid-skene needs single or rating answers (else 422)"},
                  "lease_seconds": {"type": "integer", "minimum": 1, "maximum": 86400},
                  "gold_rate": {"type": "number", "minimum": 0, "maximum": 1},
                  "min_trust": {"type": "number", "minimum": 0, "maximum": 1, "default": 0,
                    "description": "pause an annotator whose gold accuracy, over at least min_gold_seen gold answers since their last resume, is below this; 0 turns pausing off"},
                  "min_gold_seen": {"type": "integer", "minimum": 1, "maximum": 100000, "default": 5},
                  "instructions": {"type": "string"},
                  "guidelines": {"type": "array", "items": {"$ref": "#/components/schemas/Guideline"}},
                  "annotators": {"type": "array", "items": {"type": "string"}},
                  "gates": {"type": "object", "additionalProperties": false,
                    "properties": {"alpha_ci_low": {"type": "number", "minimum": -1, "maximum": 1}, "gold_accuracy": {"type": "number", "minimum": 0, "maximum": 1},
                      "max_untrusted_share": {"type": "number", "minimum": 0, "maximum": 1}},
                    "description": "quality gates every export is measured against (any subset; a figure that cannot be computed fails its check); results in the version's metadata as gates"},
                  "protected_aliases": {"type": "array", "maxItems": 20, "items": {"type": "string", "pattern": "^[A-Za-z0-9_.-]{1,128}$"},
                    "description": "aliases that refuse a version that failed its gates unless forced with a reason; default [\"production\"]"},
                  "guideline_version": {"type": "integer", "minimum": 1, "readOnly": true, "description": "returned by GET; accepted back and ignored"}}},
              "Label value": {"anyOf": [{"type": "string"}, {"type": "number"}, {"type": "array", "items": {"type": "string"}},
                {"type": "array", "items": {"$ref": "#/components/schemas/Span"}}, {"type": "array", "items": {"$ref": "#/components/schemas/Box"}}],
                "description": "by the task's answer: a label name (single), a scale point (rating), label names (multiple), spans of a text (spans) or boxes on an image (boxes); [] is an empty list of any kind"},
              "Span": {"type": "object", "required": ["start", "end", "label"],
                "properties": {"start": {"type": "integer", "minimum": 0}, "end": {"type": "integer"}, "label": {"type": "string"}}},
              "Box": {"type": "object", "required": ["x", "y", "w", "h", "label"],
                "description": "pixels of the stored image, origin top-left; inside the image (an edge past it by at most 0.5 px is clamped to it)",
                "properties": {"x": {"type": "number"}, "y": {"type": "number"}, "w": {"type": "number", "exclusiveMinimum": 0},
                               "h": {"type": "number", "exclusiveMinimum": 0}, "label": {"type": "string", "minLength": 1}}},
              "AnnotationInput": {"type": "object", "required": ["item", "label"], "additionalProperties": false,
                "properties": {"item": {"type": "string"}, "lease": {"type": "string"}, "label": {"$ref": "#/components/schemas/Label value"},
                               "request_id": {"type": "string"}, "seconds": {"type": "number", "minimum": 0, "maximum": 86400}}},
              "Annotation": {"type": "object", "properties": {"item": {"type": "string"}, "annotator": {"type": "string"},
                "label": {"$ref": "#/components/schemas/Label value"}, "guideline_version": {"type": "integer"},
                "seconds": {"type": ["number", "null"]}, "created_at": {"type": "string"},
                "trusted": {"type": "boolean", "description": "false once its annotator was paused on the task (kept, not counted), unless a resume counted it again"},
                "feedback": {"type": "object", "required": ["correct"], "properties": {"correct": {"type": "boolean"},
                  "expected": {"$ref": "#/components/schemas/Label value"}, "reason": {"type": ["string", "null"], "description": "the item's gold_reason (Markdown)"}},
                  "description": "submit answers to gold items only: {correct: true}, or correct false with the gold answer and the reason"}}},
              "TrustEvent": {"type": "object", "properties": {"annotator": {"type": "string"}, "event": {"enum": ["pause", "resume"]}, "at": {"type": "string"},
                "by": {"type": ["string", "null"]}, "gold_correct": {"type": "integer"}, "gold_seen": {"type": "integer"}, "count_earlier": {"type": "boolean"}}},
              "Lease": {"type": "object", "required": ["item", "lease", "expires_at"], "properties": {
                "item": {"type": "object", "properties": {"id": {"type": "string"}, "text": {"type": "string"}, "image_url": {"type": "string"},
                  "width": {"type": "integer", "description": "image items: the stored image's size in pixels, which boxes are checked against"}, "height": {"type": "integer"}, "meta": {"type": "object"}}},
                "lease": {"type": "string"}, "expires_at": {"type": "string"}, "guideline_version": {"type": "integer"}}},
              "Flag": {"type": "object", "required": ["id", "item", "reason", "note", "flagged_by", "created_at", "resolution", "resolved_by", "resolved_at", "guideline_version"], "properties": {
                "id": {"type": "integer"}, "item": {"type": "string"}, "reason": {"enum": ["not_covered", "ambiguous", "broken"]}, "note": {"type": ["string", "null"]},
                "flagged_by": {"type": "string"}, "created_at": {"type": "string"}, "resolution": {"enum": ["guideline", "ruled", "dismissed", null]},
                "resolved_by": {"type": ["string", "null"]}, "resolved_at": {"type": ["string", "null"]},
                "guideline_version": {"type": ["integer", "null"], "description": "the guideline version a guideline resolution made"}}},
              "InterchangeImportReport": {"type": "object", "description": "what import-from took and left out", "properties": {"records": {"type": "integer"}, "items_created": {"type": "integer"}, "items_existing": {"type": "integer"}, "annotations_imported": {"type": "integer"}, "annotations_unchanged": {"type": "integer"}, "new_annotators": {"type": "array", "items": {"type": "string"}}, "skipped": {"type": "object", "properties": {"cancelled": {"type": "integer"}, "rejected": {"type": "integer"}, "machine_labeled": {"type": "integer", "description": "SageMaker lines its model labeled: predictions are not supported yet"}, "failed": {"type": "integer"}}}}},
              "ImportReport": {"type": "object", "properties": {"imported": {"type": "integer"}, "updated": {"type": "integer"}, "gold": {"type": "integer"}, "duplicates": {"type": "array", "items": {"type": "string"}}, "skipped": {"type": "array", "items": {"type": "string"}}}}
            },
            "responses": {
              "Error": {"description": "A problem the caller can fix", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            }
          },
          "paths": {
            "/tasks": {
              "get": {"summary": "Tasks the caller may see", "responses": {"200": {"description": "tasks"}, "401": {"$ref": "#/components/responses/Error"}}},
              "post": {"summary": "Create a task (practitioners)", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TaskDefinition"}}}},
                       "responses": {"201": {"description": "created"}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}, "413": {"description": "too large"}, "422": {"$ref": "#/components/responses/Error"}}}
            },
            "/tasks/{task}": {
              "parameters": [{"$ref": "#/components/parameters/task"}],
              "get": {"summary": "A task's definition", "responses": {"200": {"description": "task"}, "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}},
              "put": {"summary": "Update a task; new guideline version when instructions or guidelines change", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TaskDefinition"}}}},
                      "responses": {"200": {"description": "updated"}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "413": {"description": "too large"}, "422": {"$ref": "#/components/responses/Error"}}}
            },
            "/tasks/{task}/items": {
              "parameters": [{"$ref": "#/components/parameters/task"}],
              "get": {"summary": "The item browser: one keyset page of the task's items with their states (practitioners)",
                      "parameters": [
                        {"name": "state", "in": "query", "schema": {"enum": ["adjudicated", "flagged", "gold", "paused_only", "contested", "done", "in_progress", "unlabeled"]}},
                        {"name": "label", "in": "query", "schema": {"type": "string", "maxLength": 1000}},
                        {"name": "annotator", "in": "query", "schema": {"type": "string", "maxLength": 1000}},
                        {"name": "agreement_below", "in": "query", "schema": {"type": "number"}},
                        {"name": "q", "in": "query", "description": "SQLite FTS5 query over the item text", "schema": {"type": "string", "maxLength": 1000}},
                        {"name": "sort", "in": "query", "schema": {"enum": ["id", "agreement"]}},
                        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500}},
                        {"name": "cursor", "in": "query", "description": "next_cursor of the page before", "schema": {"type": "string"}}],
                      "responses": {"200": {"description": "a page of items", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ItemPage"}}}}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error", "description": "a bad parameter, named first in the message"}}},
              "post": {"summary": "Import items: JSONL body, CSV body (text/csv) or multipart files (images, zip, lists)",
                       "parameters": [{"name": "update", "in": "query", "schema": {"enum": ["true", "false"]}}],
                       "requestBody": {"required": true, "content": {"application/x-ndjson": {"schema": {"type": "string"}}, "text/csv": {"schema": {"type": "string"}}, "multipart/form-data": {"schema": {"type": "object"}}}},
                       "responses": {"201": {"description": "imported", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ImportReport"}}}}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}, "413": {"description": "too large"}, "422": {"$ref": "#/components/responses/Error"}}}
            },
            "/tasks/{task}/next": {
              "parameters": [{"$ref": "#/components/parameters/task"}],
              "get": {"summary": "Lease the caller's next item", "responses": {"200": {"description": "leased", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Lease"}}}}, "204": {"description": "nothing left for this annotator (Retry-After when others hold leases)"}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error", "description": "paused: the caller's gold accuracy fell under the task's min_trust; the message says why and whom to ask"}, "404": {"$ref": "#/components/responses/Error"}}}
            },
            "/tasks/{task}/annotations": {
              "parameters": [{"$ref": "#/components/parameters/task"}],
              "post": {"summary": "Submit an answer (idempotent per item and annotator, and per request_id)", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AnnotationInput"}}}},
                       "responses": {"201": {"description": "recorded", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Annotation"}}}}, "200": {"description": "already recorded"}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}, "413": {"description": "too large"}, "422": {"$ref": "#/components/responses/Error"}}},
              "get": {"summary": "Every annotation as annotation JSONL (practitioners)", "responses": {"200": {"description": "JSON Lines", "content": {"application/x-ndjson": {"schema": {"type": "string"}}}}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}}
            },
            "/tasks/{task}/annotations/import": {
              "parameters": [{"$ref": "#/components/parameters/task"}],
              "post": {"summary": "Import annotation JSONL made elsewhere (practitioners); lines of at most 1 MB", "requestBody": {"required": true, "content": {"application/x-ndjson": {"schema": {"type": "string"}}, "text/plain": {"schema": {"type": "string"}}}},
                       "responses": {"201": {"description": "imported"}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}, "413": {"description": "too large"}, "422": {"$ref": "#/components/responses/Error"}}}
            },
            "/tasks/{task}/imports": {
              "parameters": [{"$ref": "#/components/parameters/task"}, {"name": "format", "in": "query", "required": true, "schema": {"enum": ["label-studio", "mturk", "sagemaker"]}}],
              "post": {"summary": "Import another tool's export (Label Studio JSON, MTurk batch results CSV, SageMaker Ground Truth output manifest): its items and annotations in one transaction, nothing stored when a record is bad (practitioners)", "requestBody": {"required": true, "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
                       "responses": {"201": {"description": "imported", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/InterchangeImportReport"}}}}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}, "413": {"description": "too large"}, "422": {"$ref": "#/components/responses/Error"}}}
            },
            "/tasks/{task}/skip": {
              "parameters": [{"$ref": "#/components/parameters/task"}],
              "post": {"summary": "Skip an item", "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["item"], "properties": {"item": {"type": "string"}}}}}},
                       "responses": {"204": {"description": "skipped"}, "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}
            },
            "/tasks/{task}/agreement": {
              "parameters": [{"$ref": "#/components/parameters/task"}, {"name": "level", "in": "query", "schema": {"enum": ["nominal", "ordinal", "interval", "ratio"]}}],
              "get": {"summary": "Agreement and annotator-bias report (practitioners)", "responses": {"200": {"description": "the agreement report", "content": {"application/json": {"schema": {"type": "object"}}}}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}
            },
            "/tasks/{task}/aggregate": {
              "parameters": [{"$ref": "#/components/parameters/task"}, {"name": "method", "in": "query", "description": "default: the task's consensus setting", "schema": {"enum": ["majority", "dawid-skene"]}}],
              "get": {"summary": "Consensus labels, annotator skill and confusion (practitioners)", "responses": {"200": {"description": "aggregation", "content": {"application/json": {"schema": {"type": "object"}}}}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}
            },
            "/tasks/{task}/exports": {
              "parameters": [{"$ref": "#/components/parameters/task"}],
              "post": {"summary": "Export a dataset version into the artifact store (practitioners)",
                       "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "properties": {
                         "name": {"type": "string"}, "aliases": {"type": "array", "items": {"type": "string"}}, "method": {"enum": ["majority", "dawid-skene"], "description": "default: the task's consensus setting"},
                         "format": {"enum": ["jsonl", "csv", "spacy", "conll", "coco", "yolo"]}, "include_unlabeled": {"type": "boolean"}, "pseudonymize": {"type": "boolean"},
                         "force": {"type": "boolean", "description": "export into a collection another task fills (recorded in lineage); with reason, also point a protected alias at a version that failed its gates"},
                         "reason": {"type": "string", "minLength": 1, "maxLength": 1000, "description": "with force: why a protected alias may point at a version that failed its gates (kept in lineage.overrides)"},
                         "where": {"type": "array", "items": {"type": "string", "pattern": "^meta\\.[^=]+=", "description": "meta.KEY=VALUE"}, "description": "slice: items whose meta holds each VALUE under its KEY (all must hold)"},
                         "label": {"type": "string", "description": "slice: rows whose exported label holds this label"}, "min_confidence": {"type": "number", "minimum": 0, "maximum": 1},
                         "guideline_version": {"type": "integer", "minimum": 1, "description": "slice: rows whose label was made under this guideline version"},
                         "state": {"enum": ["adjudicated", "flagged", "gold", "paused_only", "contested", "done", "in_progress", "unlabeled"]},
                         "split": {"type": "string", "description": "NAME=SHARE,… in order (shares above 0 summing to 1): NAME.jsonl per split beside labels.jsonl"},
                         "split_by": {"type": "string", "pattern": "^(id|annotator|meta\\..+)$", "description": "with split: id (default), annotator (the earliest) or meta.KEY"}}}}}},
                       "responses": {"201": {"description": "new version"}, "200": {"description": "identical content: the existing version"}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}, "413": {"description": "too large"}, "422": {"$ref": "#/components/responses/Error"}}}
            },
            "/tasks/{task}/exports/archive": {
              "parameters": [{"$ref": "#/components/parameters/task"}],
              "post": {"summary": "The same export as a zip of its files and manifest.json, committed nowhere (export --to DIR; practitioners)",
                       "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "properties": {
                         "name": {"type": "string"}, "aliases": {"type": "array", "maxItems": 0, "items": {"type": "string"}}, "method": {"enum": ["majority", "dawid-skene"]},
                         "format": {"enum": ["jsonl", "csv", "spacy", "conll", "coco", "yolo"]}, "include_unlabeled": {"type": "boolean"}, "pseudonymize": {"type": "boolean"},
                         "where": {"type": "array", "items": {"type": "string", "pattern": "^meta\\.[^=]+=", "description": "meta.KEY=VALUE"}, "description": "slice: items whose meta holds each VALUE under its KEY (all must hold)"},
                         "label": {"type": "string", "description": "slice: rows whose exported label holds this label"}, "min_confidence": {"type": "number", "minimum": 0, "maximum": 1},
                         "guideline_version": {"type": "integer", "minimum": 1, "description": "slice: rows whose label was made under this guideline version"},
                         "state": {"enum": ["adjudicated", "flagged", "gold", "paused_only", "contested", "done", "in_progress", "unlabeled"]},
                         "split": {"type": "string", "description": "NAME=SHARE,… in order (shares above 0 summing to 1): NAME.jsonl per split beside labels.jsonl"},
                         "split_by": {"type": "string", "pattern": "^(id|annotator|meta\\..+)$", "description": "with split: id (default), annotator (the earliest) or meta.KEY"}}}}}},
                       "responses": {"200": {"description": "zip archive", "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}}}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "413": {"description": "too large"}, "422": {"$ref": "#/components/responses/Error"}}}
            },
            "/tasks/{task}/adjudications": {
              "parameters": [{"$ref": "#/components/parameters/task"}],
              "get": {"summary": "Rulings on items as annotation-like JSON lines; ?item=ID for one (practitioners)", "parameters": [{"name": "item", "in": "query", "schema": {"type": "string"}}],
                      "responses": {"200": {"description": "rulings", "content": {"application/x-ndjson": {"schema": {"type": "string"}}}}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}},
              "put": {"summary": "Rule on an item: its label replaces the consensus in exports (practitioners)",
                      "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["item", "label"], "additionalProperties": false, "properties": {
                        "item": {"type": "string"}, "label": {}, "note": {"type": ["string", "null"], "maxLength": 2000}}}}}},
                      "responses": {"200": {"description": "the ruling"}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}},
              "delete": {"summary": "Withdraw the ruling on ?item=ID (practitioners)", "parameters": [{"name": "item", "in": "query", "required": true, "schema": {"type": "string"}}],
                         "responses": {"204": {"description": "withdrawn"}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}
            },
            "/tasks/{task}/relabel": {
              "parameters": [{"$ref": "#/components/parameters/task"}],
              "post": {"summary": "Send items back to be labeled again under the guideline version in force; their annotations are set aside and rulings withdrawn (practitioners)",
                       "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["items"], "additionalProperties": false, "properties": {
                         "items": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}}}}}},
                       "responses": {"200": {"description": "how many items and annotations were set aside", "content": {"application/json": {"schema": {"type": "object", "properties": {"items": {"type": "integer"}, "annotations_set_aside": {"type": "integer"}}}}}}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "413": {"description": "too large"}, "422": {"$ref": "#/components/responses/Error"}}}
            },
            "/tasks/{task}/items/{item}/flags": {
              "parameters": [{"$ref": "#/components/parameters/task"}, {"name": "item", "in": "path", "required": true, "schema": {"type": "string"}, "description": "the item id, percent-encoded"}],
              "post": {"summary": "Flag an item, with or without having answered it (people assigned to the task); while the caller's flag on the item is open, flagging again amends its reason and note",
                       "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["reason"], "additionalProperties": false, "properties": {
                         "reason": {"enum": ["not_covered", "ambiguous", "broken"]}, "note": {"type": ["string", "null"], "maxLength": 2000}}}}}},
                       "responses": {"201": {"description": "flagged", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Flag"}}}}, "200": {"description": "the caller's open flag on the item, amended", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Flag"}}}}, "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "413": {"description": "too large"}, "422": {"$ref": "#/components/responses/Error"}}}
            },
            "/tasks/{task}/flags": {
              "parameters": [{"$ref": "#/components/parameters/task"}],
              "get": {"summary": "The task's flags, oldest first (practitioners)", "parameters": [{"name": "state", "in": "query", "schema": {"enum": ["open", "resolved", "all"], "default": "open"}}, {"name": "item", "in": "query", "schema": {"type": "string"}}],
                      "responses": {"200": {"description": "flags", "content": {"application/json": {"schema": {"type": "object", "properties": {"flags": {"type": "array", "items": {"$ref": "#/components/schemas/Flag"}}}}}}}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}
            },
            "/tasks/{task}/annotators/{annotator}/resume": {
              "parameters": [{"$ref": "#/components/parameters/task"}, {"name": "annotator", "in": "path", "required": true, "schema": {"type": "string"}}],
              "post": {"summary": "Resume an annotator paused on the task (practitioners); their gold count starts afresh, and count_earlier counts their earlier, untrusted work again",
                       "requestBody": {"required": false, "content": {"application/json": {"schema": {"type": "object", "properties": {"count_earlier": {"type": "boolean", "default": false}}}}}},
                       "responses": {"200": {"description": "the resume as recorded", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TrustEvent"}}}}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}, "413": {"description": "too large"}, "422": {"$ref": "#/components/responses/Error"}}}
            },
            "/tasks/{task}/flags/{flag}/resolve": {
              "parameters": [{"$ref": "#/components/parameters/task"}, {"name": "flag", "in": "path", "required": true, "schema": {"type": "integer"}}],
              "post": {"summary": "Resolve a flag, recording who, when and how (practitioners); the same resolution again changes nothing, another is 409",
                       "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["resolution"], "additionalProperties": false, "properties": {"resolution": {"enum": ["guideline", "ruled", "dismissed"]}}}}}},
                       "responses": {"200": {"description": "the flag as resolved", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Flag"}}}}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}, "413": {"description": "too large"}, "422": {"$ref": "#/components/responses/Error"}}}
            },
            "/artifacts": {
              "get": {"summary": "Artifact collections", "responses": {"200": {"description": "collections"}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}}}
            },
            "/artifacts/{name}/versions": {
              "parameters": [{"$ref": "#/components/parameters/name"}],
              "get": {"summary": "Versions of a collection, newest first", "responses": {"200": {"description": "versions"}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}}
            },
            "/artifacts/{name}/{ref}": {
              "parameters": [{"$ref": "#/components/parameters/name"}, {"$ref": "#/components/parameters/ref"}],
              "get": {"summary": "A version as it stands now: manifest.json's fields with the aliases pointing at it and its lineage as stored, forced alias moves (lineage.overrides) included (artifacts show)", "responses": {"200": {"description": "the version"}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}
            },
            "/artifacts/{name}/{ref}/manifest": {
              "parameters": [{"$ref": "#/components/parameters/name"}, {"$ref": "#/components/parameters/ref"}],
              "get": {"summary": "A version's manifest.json", "responses": {"200": {"description": "manifest"}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}
            },
            "/artifacts/{name}/{ref}/files/{path}": {
              "parameters": [{"$ref": "#/components/parameters/name"}, {"$ref": "#/components/parameters/ref"}, {"name": "path", "in": "path", "required": true, "schema": {"type": "string"}}],
              "get": {"summary": "One file of a version (ETag = its SHA-256)", "responses": {"200": {"description": "file bytes", "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}, "304": {"description": "not modified"}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}
            },
            "/artifacts/{name}/aliases/{alias}": {
              "parameters": [{"$ref": "#/components/parameters/name"}, {"name": "alias", "in": "path", "required": true, "schema": {"type": "string"}}],
              "put": {"summary": "Point an alias at a version; a protected alias refuses a version that failed its quality gates (409 naming the failed checks) unless forced with a reason", "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["version"], "additionalProperties": false, "properties": {
                        "version": {"type": "string"}, "force": {"type": "boolean", "description": "needs reason"},
                        "reason": {"type": "string", "minLength": 1, "maxLength": 1000, "description": "with force: kept in the version's lineage as overrides"}}}}}},
                      "responses": {"200": {"description": "moved: {reference, alias, override}, override null unless the move was forced past failed gates"}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}
            },
            "/users": {
              "get": {"summary": "Every account with its role and state (admins)", "responses": {"200": {"description": "accounts"}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}}}
            },
            "/users/{user}": {
              "parameters": [{"name": "user", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$"}}],
              "patch": {"summary": "Disable or enable an account, change its role or reset its password (admins); disabling ends its sessions and refuses its tokens at once",
                        "requestBody": {"required": true, "content": {"application/json": {"schema": {"oneOf": [
                          {"type": "object", "required": ["disabled"], "additionalProperties": false, "properties": {"disabled": {"type": "boolean"}}},
                          {"type": "object", "required": ["role"], "additionalProperties": false, "properties": {"role": {"enum": ["admin", "practitioner", "annotator"]}}},
                          {"type": "object", "required": ["password"], "additionalProperties": false, "properties": {"password": {"type": "string", "minLength": 8, "maxLength": 72}}}]}}}},
                        "responses": {"200": {"description": "the account as it now is"}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}, "413": {"description": "too large"}, "422": {"$ref": "#/components/responses/Error"}}}
            }
          }
        }
        """#
}
