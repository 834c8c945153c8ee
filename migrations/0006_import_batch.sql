-- 0006: import batches, so `fieldbook import --undo BATCH` removes exactly what one import added.

CREATE TABLE import_batch (
    id         INTEGER PRIMARY KEY,
    source     TEXT NOT NULL,            -- the imported file's name, as given
    format     TEXT NOT NULL,            -- json, csv or vcard
    created_at TEXT NOT NULL,
    added      INTEGER NOT NULL DEFAULT 0,
    merged     INTEGER NOT NULL DEFAULT 0,
    skipped    INTEGER NOT NULL DEFAULT 0,
    rejected   INTEGER NOT NULL DEFAULT 0,
    undone_at  TEXT                      -- set by `import --undo`; the batch's rows are gone
);

-- Every row a batch added (action 'added') or filled in (action 'merged', with the row as it
-- was before in `before`), with a hash of its content right after the import: undo refuses
-- rows whose hash changed since, so nothing the rep edited is silently lost.
-- row_key is the JSON array of the row's primary key values.
CREATE TABLE import_row (
    batch_id   INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
    table_name TEXT NOT NULL,
    row_key    TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('added', 'merged')),
    before     TEXT,
    hash       TEXT NOT NULL,
    PRIMARY KEY (batch_id, table_name, row_key)
) WITHOUT ROWID;
-- The primary key serves the only query: the rows of one batch on `import --undo`.
