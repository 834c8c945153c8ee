-- 0032: the report's customer base by won value and its stuck deals read from tables kept by
-- triggers (issue 15: `report` within 2x the sqlite3 shell's open-plus-one-query; the ABC of
-- accounts read every won deal, 15k at 100k accounts, and each step's stuck deals counted up
-- to 16k open deals' index entries). Never edit once released. Queries (store/won_values.rs,
-- store/report.rs): won_account_tally holds each account's won deals with a value and a close
-- time, per currency (how many, their sum); won_value_tally how many accounts have won each
-- value, per currency: the ABC reads it, less the deals won at or after the period's end
-- (read from deal_won_closed, none for a period up to now) taken off their accounts' rows.
-- deal_open_since_tally counts the open deals per step and day they came into it (the first
-- ten characters of stage_since): those since a time are the days after its day plus the
-- ones of its day read from deal_open_board. Kept by triggers (deal for the first and the
-- last, won_account_tally for won_value_tally), a row whose count falls to 0 deleted;
-- `fieldbook check` compares each with its source rows; a bulk load sets the triggers aside
-- and builds them once (store/summaries.rs). deal_won_account (read only by the ABC) gives
-- way to deal_won_closed. Nothing is changed or lost: tables computed from the records, and
-- indexes.

CREATE TABLE won_account_tally (
    customer_id INTEGER NOT NULL,
    currency TEXT NOT NULL,
    deals INTEGER NOT NULL,
    value_minor INTEGER NOT NULL,
    PRIMARY KEY (customer_id, currency)
) WITHOUT ROWID;
INSERT INTO won_account_tally (customer_id, currency, deals, value_minor)
SELECT customer_id, currency, count(*), sum(value_minor) FROM deal
WHERE state = 'won' AND value_minor IS NOT NULL AND closed_at IS NOT NULL
GROUP BY customer_id, currency;

CREATE TABLE won_value_tally (
    currency TEXT NOT NULL,
    value_minor INTEGER NOT NULL,
    accounts INTEGER NOT NULL,
    PRIMARY KEY (currency, value_minor)
) WITHOUT ROWID;
INSERT INTO won_value_tally (currency, value_minor, accounts)
SELECT currency, value_minor, count(*) FROM won_account_tally GROUP BY currency, value_minor;

CREATE TABLE deal_open_since_tally (
    stage TEXT NOT NULL,
    day TEXT NOT NULL,
    deals INTEGER NOT NULL,
    PRIMARY KEY (stage, day)
) WITHOUT ROWID;
INSERT INTO deal_open_since_tally (stage, day, deals)
SELECT stage, substr(stage_since, 1, 10), count(*) FROM deal WHERE state = 'open'
GROUP BY stage, substr(stage_since, 1, 10);

CREATE TRIGGER won_account_tally_insert AFTER INSERT ON deal
WHEN new.state = 'won' AND new.value_minor IS NOT NULL AND new.closed_at IS NOT NULL BEGIN
    INSERT INTO won_account_tally (customer_id, currency, deals, value_minor)
    VALUES (new.customer_id, new.currency, 1, new.value_minor)
    ON CONFLICT (customer_id, currency) DO UPDATE SET deals = deals + 1, value_minor = value_minor + excluded.value_minor;
END;
CREATE TRIGGER won_account_tally_delete AFTER DELETE ON deal
WHEN old.state = 'won' AND old.value_minor IS NOT NULL AND old.closed_at IS NOT NULL BEGIN
    DELETE FROM won_account_tally WHERE customer_id = old.customer_id AND currency = old.currency AND deals = 1;
    UPDATE won_account_tally SET deals = deals - 1, value_minor = value_minor - old.value_minor
    WHERE customer_id = old.customer_id AND currency = old.currency;
END;
CREATE TRIGGER won_account_tally_update AFTER UPDATE OF customer_id, currency, state, value_minor, closed_at ON deal BEGIN
    DELETE FROM won_account_tally
    WHERE old.state = 'won' AND old.value_minor IS NOT NULL AND old.closed_at IS NOT NULL
      AND customer_id = old.customer_id AND currency = old.currency AND deals = 1;
    UPDATE won_account_tally SET deals = deals - 1, value_minor = value_minor - old.value_minor
    WHERE old.state = 'won' AND old.value_minor IS NOT NULL AND old.closed_at IS NOT NULL
      AND customer_id = old.customer_id AND currency = old.currency;
    INSERT INTO won_account_tally (customer_id, currency, deals, value_minor)
    SELECT new.customer_id, new.currency, 1, new.value_minor
    WHERE new.state = 'won' AND new.value_minor IS NOT NULL AND new.closed_at IS NOT NULL
    ON CONFLICT (customer_id, currency) DO UPDATE SET deals = deals + 1, value_minor = value_minor + excluded.value_minor;
END;

CREATE TRIGGER won_value_tally_insert AFTER INSERT ON won_account_tally BEGIN
    INSERT INTO won_value_tally (currency, value_minor, accounts) VALUES (new.currency, new.value_minor, 1)
    ON CONFLICT (currency, value_minor) DO UPDATE SET accounts = accounts + 1;
END;
CREATE TRIGGER won_value_tally_delete AFTER DELETE ON won_account_tally BEGIN
    DELETE FROM won_value_tally WHERE currency = old.currency AND value_minor = old.value_minor AND accounts = 1;
    UPDATE won_value_tally SET accounts = accounts - 1 WHERE currency = old.currency AND value_minor = old.value_minor;
END;
CREATE TRIGGER won_value_tally_update AFTER UPDATE OF currency, value_minor ON won_account_tally BEGIN
    DELETE FROM won_value_tally WHERE currency = old.currency AND value_minor = old.value_minor AND accounts = 1;
    UPDATE won_value_tally SET accounts = accounts - 1 WHERE currency = old.currency AND value_minor = old.value_minor;
    INSERT INTO won_value_tally (currency, value_minor, accounts) VALUES (new.currency, new.value_minor, 1)
    ON CONFLICT (currency, value_minor) DO UPDATE SET accounts = accounts + 1;
END;

CREATE TRIGGER deal_open_since_tally_insert AFTER INSERT ON deal WHEN new.state = 'open' BEGIN
    INSERT INTO deal_open_since_tally (stage, day, deals) VALUES (new.stage, substr(new.stage_since, 1, 10), 1)
    ON CONFLICT (stage, day) DO UPDATE SET deals = deals + 1;
END;
CREATE TRIGGER deal_open_since_tally_delete AFTER DELETE ON deal WHEN old.state = 'open' BEGIN
    DELETE FROM deal_open_since_tally WHERE stage = old.stage AND day = substr(old.stage_since, 1, 10) AND deals = 1;
    UPDATE deal_open_since_tally SET deals = deals - 1 WHERE stage = old.stage AND day = substr(old.stage_since, 1, 10);
END;
CREATE TRIGGER deal_open_since_tally_update AFTER UPDATE OF state, stage, stage_since ON deal
WHEN old.state = 'open' OR new.state = 'open' BEGIN
    DELETE FROM deal_open_since_tally
    WHERE old.state = 'open' AND stage = old.stage AND day = substr(old.stage_since, 1, 10) AND deals = 1;
    UPDATE deal_open_since_tally SET deals = deals - 1
    WHERE old.state = 'open' AND stage = old.stage AND day = substr(old.stage_since, 1, 10);
    INSERT INTO deal_open_since_tally (stage, day, deals)
    SELECT new.stage, substr(new.stage_since, 1, 10), 1 WHERE new.state = 'open'
    ON CONFLICT (stage, day) DO UPDATE SET deals = deals + 1;
END;

DROP INDEX deal_won_account;
CREATE INDEX deal_won_closed ON deal(closed_at, customer_id, currency, value_minor) WHERE state = 'won';
