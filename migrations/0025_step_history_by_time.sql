-- 0025: the report's step history read as one range of a table kept by triggers (issue 14:
-- any report under 100 ms at 100k accounts / 1M visits; the quarter's ~25-46k step changes
-- cost a look-up each for the change before it, and each deal another for where it stood
-- when the period began). Never edit once released. Queries (store/report.rs):
-- report_step_history reads stage_event_timeline from the period's start on, in time order:
-- each change with the time of the deal's change before it (time in step), and for a change
-- to won or lost the deal's value and currency now and the lost reason, so nothing else is
-- read per change; where a deal stood when the period began is where its first change since
-- then moved it from. Kept by triggers on stage_event (insert, delete: its rows are never
-- rewritten) and on deal (its value or currency changed); `fieldbook check` compares it with
-- the rows; a bulk load sets the triggers aside and builds it once (store/summaries.rs).
-- The index stage_event_at, read by the report only, is dropped (this table holds what it
-- held). won_value_per_account reads the won deals per account from a small index of their
-- own instead of every won deal's entry of deal_state_totals, then sorting them.
-- Nothing is changed or lost: a table computed from the records, and indexes.

CREATE TABLE stage_event_timeline (
    at         TEXT NOT NULL,
    id         INTEGER NOT NULL,
    deal_id    INTEGER NOT NULL,
    from_stage TEXT,
    from_state TEXT,
    to_stage   TEXT NOT NULL,
    to_state   TEXT NOT NULL,
    -- When the deal's change before this one (by id) was made, if any.
    before_at  TEXT,
    -- For a change to won or lost: the deal's value (minor units) and currency now.
    value_minor INTEGER,
    currency   TEXT,
    -- For a change to lost: the reason given ('' otherwise).
    reason     TEXT NOT NULL,
    PRIMARY KEY (at, id)
) WITHOUT ROWID;
INSERT INTO stage_event_timeline (at, id, deal_id, from_stage, from_state, to_stage, to_state, before_at, value_minor, currency, reason)
SELECT e.at, e.id, e.deal_id, e.from_stage, e.from_state, e.to_stage, e.to_state,
       lag(e.at) OVER (PARTITION BY e.deal_id ORDER BY e.id),
       CASE WHEN e.to_state <> 'open' THEN d.value_minor END, CASE WHEN e.to_state <> 'open' THEN d.currency END,
       CASE WHEN e.to_state = 'lost' THEN e.reason ELSE '' END
FROM stage_event e LEFT JOIN deal d ON d.id = e.deal_id;
CREATE TRIGGER stage_event_timeline_insert AFTER INSERT ON stage_event BEGIN
    INSERT INTO stage_event_timeline (at, id, deal_id, from_stage, from_state, to_stage, to_state, before_at, value_minor, currency, reason)
    SELECT new.at, new.id, new.deal_id, new.from_stage, new.from_state, new.to_stage, new.to_state,
           (SELECT p.at FROM stage_event p WHERE p.deal_id = new.deal_id AND p.id < new.id ORDER BY p.id DESC LIMIT 1),
           CASE WHEN new.to_state <> 'open' THEN (SELECT d.value_minor FROM deal d WHERE d.id = new.deal_id) END,
           CASE WHEN new.to_state <> 'open' THEN (SELECT d.currency FROM deal d WHERE d.id = new.deal_id) END,
           CASE WHEN new.to_state = 'lost' THEN new.reason ELSE '' END;
    -- A change given an id below one of its deal's (never by Fieldbook itself): the next one's time before.
    UPDATE stage_event_timeline SET before_at = new.at
    WHERE (at, id) = (SELECT n.at, n.id FROM stage_event n WHERE n.deal_id = new.deal_id AND n.id > new.id ORDER BY n.id LIMIT 1);
END;
CREATE TRIGGER stage_event_timeline_delete AFTER DELETE ON stage_event BEGIN
    DELETE FROM stage_event_timeline WHERE at = old.at AND id = old.id;
    UPDATE stage_event_timeline
    SET before_at = (SELECT p.at FROM stage_event p WHERE p.deal_id = old.deal_id AND p.id < old.id ORDER BY p.id DESC LIMIT 1)
    WHERE (at, id) = (SELECT n.at, n.id FROM stage_event n WHERE n.deal_id = old.deal_id AND n.id > old.id ORDER BY n.id LIMIT 1);
END;
CREATE TRIGGER stage_event_timeline_deal_value AFTER UPDATE OF value_minor, currency ON deal BEGIN
    UPDATE stage_event_timeline SET value_minor = new.value_minor, currency = new.currency
    WHERE (at, id) IN (SELECT e.at, e.id FROM stage_event e WHERE e.deal_id = new.id AND e.to_state <> 'open');
END;

DROP INDEX stage_event_at;
CREATE INDEX deal_won_account ON deal(customer_id, currency, closed_at, value_minor) WHERE state = 'won';
