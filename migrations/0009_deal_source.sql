-- 0009: a deal remembers the id another system gave it (an opportunities export's own id
-- column), so importing the same file again updates those deals instead of adding them twice;
-- and the board's totals per step and currency read one index.

ALTER TABLE deal ADD COLUMN source_ref TEXT;
-- Query: re-importing a file finds the deal of a row by the file's id.
CREATE UNIQUE INDEX deal_source_ref ON deal(source_ref) WHERE source_ref IS NOT NULL;

-- Query: the pipeline's count and sums per step and currency (`pipeline_totals`, no filter).
CREATE INDEX deal_open_totals ON deal(stage, currency, value_minor) WHERE state = 'open';
