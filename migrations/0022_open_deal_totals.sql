-- 0022: the open deals' count and value per step and currency, kept by triggers, so the
-- pipeline's totals read a few rows instead of every open deal's index entry (107k at 100k
-- accounts: 25 ms of `pipeline`). Never edit once released. Query: pipeline_totals
-- (store/pipeline.rs): these rows, less the open deals of archived accounts (few, through
-- customer_archived). Nothing is changed or lost: a table computed from `deal`, which
-- `fieldbook check` compares with the deals themselves; a bulk load sets its triggers aside
-- and builds it once at the end (store/summaries.rs).
CREATE TABLE deal_open_tally (
    stage       TEXT NOT NULL,
    currency    TEXT NOT NULL,
    -- Open deals of the step in the currency (a row with none is deleted).
    deals       INTEGER NOT NULL,
    -- Of them, those with a value, and the sum of those values in minor units.
    valued      INTEGER NOT NULL,
    value_minor INTEGER NOT NULL,
    PRIMARY KEY (stage, currency)
) WITHOUT ROWID;

INSERT INTO deal_open_tally (stage, currency, deals, valued, value_minor)
SELECT stage, currency, count(*), count(value_minor), coalesce(sum(value_minor), 0)
FROM deal WHERE state = 'open' GROUP BY stage, currency;

CREATE TRIGGER deal_open_tally_insert AFTER INSERT ON deal WHEN new.state = 'open' BEGIN
    INSERT INTO deal_open_tally (stage, currency, deals, valued, value_minor)
    VALUES (new.stage, new.currency, 1, new.value_minor IS NOT NULL, coalesce(new.value_minor, 0))
    ON CONFLICT (stage, currency) DO UPDATE SET deals = deals + 1, valued = valued + excluded.valued,
        value_minor = value_minor + excluded.value_minor;
END;

CREATE TRIGGER deal_open_tally_delete AFTER DELETE ON deal WHEN old.state = 'open' BEGIN
    UPDATE deal_open_tally SET deals = deals - 1, valued = valued - (old.value_minor IS NOT NULL),
        value_minor = value_minor - coalesce(old.value_minor, 0)
    WHERE stage = old.stage AND currency = old.currency;
    DELETE FROM deal_open_tally WHERE stage = old.stage AND currency = old.currency AND deals = 0;
END;

CREATE TRIGGER deal_open_tally_update AFTER UPDATE OF state, stage, currency, value_minor ON deal
WHEN old.state = 'open' OR new.state = 'open' BEGIN
    UPDATE deal_open_tally SET deals = deals - 1, valued = valued - (old.value_minor IS NOT NULL),
        value_minor = value_minor - coalesce(old.value_minor, 0)
    WHERE old.state = 'open' AND stage = old.stage AND currency = old.currency;
    DELETE FROM deal_open_tally WHERE stage = old.stage AND currency = old.currency AND deals = 0;
    INSERT INTO deal_open_tally (stage, currency, deals, valued, value_minor)
    SELECT new.stage, new.currency, 1, new.value_minor IS NOT NULL, coalesce(new.value_minor, 0)
    WHERE new.state = 'open'
    ON CONFLICT (stage, currency) DO UPDATE SET deals = deals + 1, valued = valued + excluded.valued,
        value_minor = value_minor + excluded.value_minor;
END;
