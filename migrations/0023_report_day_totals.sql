-- 0023: the report reads totals kept per day instead of every row of its period (issue 14:
-- any report under 100 ms at 100k accounts / 1M visits). Never edit once released.
-- Queries (store/report.rs): a period's visits and next steps are the rows of its days in
-- visit_day_tally and next_step_day_tally (some thousands instead of the period's 69k visits'
-- and 125k next steps' index entries in a quarter); the forecast sums deal_open_close_tally
-- (open deals per step, currency and expected close day) instead of every open deal's index
-- entry; the customer base sums customer_class_tally. Each is kept by triggers on its source
-- table (insert, delete, and an update of a column it reads), a row whose count falls to 0
-- deleted; `fieldbook check` compares each with its source rows; a bulk load sets the
-- triggers aside and builds the tables once at the end (store/summaries.rs). The step
-- history of a period is still read event by event (the funnel follows each deal), from two
-- indexes that hold what it reads: stage_event_at the events of the period (the step and
-- state before and after), stage_event_deal each deal's events with their time and step (the
-- change before one, where a deal stood when the period began) without the table's rows.
-- Nothing is changed or lost: indexes, and tables computed from the records.

DROP INDEX stage_event_at;
CREATE INDEX stage_event_at ON stage_event(at, deal_id, from_stage, from_state, to_stage, to_state);
DROP INDEX stage_event_deal;
CREATE INDEX stage_event_deal ON stage_event(deal_id, id, at, to_stage, to_state);

-- Open deals per step, currency and expected close day ('' for none): the report's forecast.
CREATE TABLE deal_open_close_tally (
    stage TEXT NOT NULL,
    currency TEXT NOT NULL,
    close_on TEXT NOT NULL,
    deals INTEGER NOT NULL,
    valued INTEGER NOT NULL,
    value_minor INTEGER NOT NULL,
    PRIMARY KEY (stage, currency, close_on)
) WITHOUT ROWID;
INSERT INTO deal_open_close_tally (stage, currency, close_on, deals, valued, value_minor)
SELECT r.stage, r.currency, coalesce(r.expected_close_on, ''), count(*), coalesce(sum(r.value_minor IS NOT NULL), 0), coalesce(sum(coalesce(r.value_minor, 0)), 0)
FROM deal r WHERE r.state = 'open'
GROUP BY r.stage, r.currency, coalesce(r.expected_close_on, '');
CREATE TRIGGER deal_open_close_tally_insert AFTER INSERT ON deal BEGIN
    INSERT INTO deal_open_close_tally (stage, currency, close_on, deals, valued, value_minor)
    SELECT new.stage, new.currency, coalesce(new.expected_close_on, ''), 1, new.value_minor IS NOT NULL, coalesce(new.value_minor, 0)
    WHERE new.state = 'open'
    ON CONFLICT (stage, currency, close_on) DO UPDATE SET deals = deals + excluded.deals, valued = valued + excluded.valued, value_minor = value_minor + excluded.value_minor;
END;
CREATE TRIGGER deal_open_close_tally_delete AFTER DELETE ON deal BEGIN
    UPDATE deal_open_close_tally SET deals = deals - (1), valued = valued - (old.value_minor IS NOT NULL), value_minor = value_minor - (coalesce(old.value_minor, 0))
    WHERE old.state = 'open' AND stage = (old.stage) AND currency = (old.currency) AND close_on = (coalesce(old.expected_close_on, ''));
    DELETE FROM deal_open_close_tally WHERE stage = (old.stage) AND currency = (old.currency) AND close_on = (coalesce(old.expected_close_on, '')) AND deals = 0;
END;
CREATE TRIGGER deal_open_close_tally_update AFTER UPDATE OF state, stage, currency, value_minor, expected_close_on ON deal BEGIN
    UPDATE deal_open_close_tally SET deals = deals - (1), valued = valued - (old.value_minor IS NOT NULL), value_minor = value_minor - (coalesce(old.value_minor, 0))
    WHERE old.state = 'open' AND stage = (old.stage) AND currency = (old.currency) AND close_on = (coalesce(old.expected_close_on, ''));
    DELETE FROM deal_open_close_tally WHERE stage = (old.stage) AND currency = (old.currency) AND close_on = (coalesce(old.expected_close_on, '')) AND deals = 0;
    INSERT INTO deal_open_close_tally (stage, currency, close_on, deals, valued, value_minor)
    SELECT new.stage, new.currency, coalesce(new.expected_close_on, ''), 1, new.value_minor IS NOT NULL, coalesce(new.value_minor, 0)
    WHERE new.state = 'open'
    ON CONFLICT (stage, currency, close_on) DO UPDATE SET deals = deals + excluded.deals, valued = valued + excluded.valued, value_minor = value_minor + excluded.value_minor;
END;

-- Visits per day (the day done, else planned), done or not, planned ahead or not, channel, type and outcome ('' for none): the report's activity.
CREATE TABLE visit_day_tally (
    day TEXT NOT NULL,
    done INTEGER NOT NULL,
    planned INTEGER NOT NULL,
    channel TEXT NOT NULL,
    kind TEXT NOT NULL,
    outcome TEXT NOT NULL,
    visits INTEGER NOT NULL,
    PRIMARY KEY (day, done, planned, channel, kind, outcome)
) WITHOUT ROWID;
INSERT INTO visit_day_tally (day, done, planned, channel, kind, outcome, visits)
SELECT substr(coalesce(r.done_at, r.planned_at), 1, 10), r.done_at IS NOT NULL, r.planned_at IS NOT NULL, r.channel, r.kind, coalesce(r.outcome, ''), count(*)
FROM visit r WHERE coalesce(r.done_at, r.planned_at) IS NOT NULL
GROUP BY substr(coalesce(r.done_at, r.planned_at), 1, 10), r.done_at IS NOT NULL, r.planned_at IS NOT NULL, r.channel, r.kind, coalesce(r.outcome, '');
CREATE TRIGGER visit_day_tally_insert AFTER INSERT ON visit BEGIN
    INSERT INTO visit_day_tally (day, done, planned, channel, kind, outcome, visits)
    SELECT substr(coalesce(new.done_at, new.planned_at), 1, 10), new.done_at IS NOT NULL, new.planned_at IS NOT NULL, new.channel, new.kind, coalesce(new.outcome, ''), 1
    WHERE coalesce(new.done_at, new.planned_at) IS NOT NULL
    ON CONFLICT (day, done, planned, channel, kind, outcome) DO UPDATE SET visits = visits + excluded.visits;
END;
CREATE TRIGGER visit_day_tally_delete AFTER DELETE ON visit BEGIN
    UPDATE visit_day_tally SET visits = visits - (1)
    WHERE coalesce(old.done_at, old.planned_at) IS NOT NULL AND day = (substr(coalesce(old.done_at, old.planned_at), 1, 10)) AND done = (old.done_at IS NOT NULL) AND planned = (old.planned_at IS NOT NULL) AND channel = (old.channel) AND kind = (old.kind) AND outcome = (coalesce(old.outcome, ''));
    DELETE FROM visit_day_tally WHERE day = (substr(coalesce(old.done_at, old.planned_at), 1, 10)) AND done = (old.done_at IS NOT NULL) AND planned = (old.planned_at IS NOT NULL) AND channel = (old.channel) AND kind = (old.kind) AND outcome = (coalesce(old.outcome, '')) AND visits = 0;
END;
CREATE TRIGGER visit_day_tally_update AFTER UPDATE OF done_at, planned_at, channel, kind, outcome ON visit BEGIN
    UPDATE visit_day_tally SET visits = visits - (1)
    WHERE coalesce(old.done_at, old.planned_at) IS NOT NULL AND day = (substr(coalesce(old.done_at, old.planned_at), 1, 10)) AND done = (old.done_at IS NOT NULL) AND planned = (old.planned_at IS NOT NULL) AND channel = (old.channel) AND kind = (old.kind) AND outcome = (coalesce(old.outcome, ''));
    DELETE FROM visit_day_tally WHERE day = (substr(coalesce(old.done_at, old.planned_at), 1, 10)) AND done = (old.done_at IS NOT NULL) AND planned = (old.planned_at IS NOT NULL) AND channel = (old.channel) AND kind = (old.kind) AND outcome = (coalesce(old.outcome, '')) AND visits = 0;
    INSERT INTO visit_day_tally (day, done, planned, channel, kind, outcome, visits)
    SELECT substr(coalesce(new.done_at, new.planned_at), 1, 10), new.done_at IS NOT NULL, new.planned_at IS NOT NULL, new.channel, new.kind, coalesce(new.outcome, ''), 1
    WHERE coalesce(new.done_at, new.planned_at) IS NOT NULL
    ON CONFLICT (day, done, planned, channel, kind, outcome) DO UPDATE SET visits = visits + excluded.visits;
END;

-- Next steps per day due: how many, done by the day (kept), done after it (late), not done (open): the report's next steps set and kept.
CREATE TABLE next_step_day_tally (
    due_on TEXT NOT NULL,
    steps INTEGER NOT NULL,
    kept INTEGER NOT NULL,
    late INTEGER NOT NULL,
    open INTEGER NOT NULL,
    PRIMARY KEY (due_on)
) WITHOUT ROWID;
INSERT INTO next_step_day_tally (due_on, steps, kept, late, open)
SELECT r.due_on, count(*), coalesce(sum(r.done_at IS NOT NULL AND substr(r.done_at, 1, 10) <= r.due_on), 0), coalesce(sum(r.done_at IS NOT NULL AND substr(r.done_at, 1, 10) > r.due_on), 0), coalesce(sum(r.done_at IS NULL), 0)
FROM next_step r
GROUP BY r.due_on;
CREATE TRIGGER next_step_day_tally_insert AFTER INSERT ON next_step BEGIN
    INSERT INTO next_step_day_tally (due_on, steps, kept, late, open)
    SELECT new.due_on, 1, new.done_at IS NOT NULL AND substr(new.done_at, 1, 10) <= new.due_on, new.done_at IS NOT NULL AND substr(new.done_at, 1, 10) > new.due_on, new.done_at IS NULL
    WHERE 1
    ON CONFLICT (due_on) DO UPDATE SET steps = steps + excluded.steps, kept = kept + excluded.kept, late = late + excluded.late, open = open + excluded.open;
END;
CREATE TRIGGER next_step_day_tally_delete AFTER DELETE ON next_step BEGIN
    UPDATE next_step_day_tally SET steps = steps - (1), kept = kept - (old.done_at IS NOT NULL AND substr(old.done_at, 1, 10) <= old.due_on), late = late - (old.done_at IS NOT NULL AND substr(old.done_at, 1, 10) > old.due_on), open = open - (old.done_at IS NULL)
    WHERE 1 AND due_on = (old.due_on);
    DELETE FROM next_step_day_tally WHERE due_on = (old.due_on) AND steps = 0;
END;
CREATE TRIGGER next_step_day_tally_update AFTER UPDATE OF due_on, done_at ON next_step BEGIN
    UPDATE next_step_day_tally SET steps = steps - (1), kept = kept - (old.done_at IS NOT NULL AND substr(old.done_at, 1, 10) <= old.due_on), late = late - (old.done_at IS NOT NULL AND substr(old.done_at, 1, 10) > old.due_on), open = open - (old.done_at IS NULL)
    WHERE 1 AND due_on = (old.due_on);
    DELETE FROM next_step_day_tally WHERE due_on = (old.due_on) AND steps = 0;
    INSERT INTO next_step_day_tally (due_on, steps, kept, late, open)
    SELECT new.due_on, 1, new.done_at IS NOT NULL AND substr(new.done_at, 1, 10) <= new.due_on, new.done_at IS NOT NULL AND substr(new.done_at, 1, 10) > new.due_on, new.done_at IS NULL
    WHERE 1
    ON CONFLICT (due_on) DO UPDATE SET steps = steps + excluded.steps, kept = kept + excluded.kept, late = late + excluded.late, open = open + excluded.open;
END;

-- Active customers per class and portfolio quadrant ('' for none): the report's customer base.
CREATE TABLE customer_class_tally (
    class TEXT NOT NULL,
    portfolio TEXT NOT NULL,
    customers INTEGER NOT NULL,
    PRIMARY KEY (class, portfolio)
) WITHOUT ROWID;
INSERT INTO customer_class_tally (class, portfolio, customers)
SELECT r.class, coalesce(r.portfolio, ''), count(*)
FROM customer r WHERE r.archived = 0
GROUP BY r.class, coalesce(r.portfolio, '');
CREATE TRIGGER customer_class_tally_insert AFTER INSERT ON customer BEGIN
    INSERT INTO customer_class_tally (class, portfolio, customers)
    SELECT new.class, coalesce(new.portfolio, ''), 1
    WHERE new.archived = 0
    ON CONFLICT (class, portfolio) DO UPDATE SET customers = customers + excluded.customers;
END;
CREATE TRIGGER customer_class_tally_delete AFTER DELETE ON customer BEGIN
    UPDATE customer_class_tally SET customers = customers - (1)
    WHERE old.archived = 0 AND class = (old.class) AND portfolio = (coalesce(old.portfolio, ''));
    DELETE FROM customer_class_tally WHERE class = (old.class) AND portfolio = (coalesce(old.portfolio, '')) AND customers = 0;
END;
CREATE TRIGGER customer_class_tally_update AFTER UPDATE OF class, portfolio, archived ON customer BEGIN
    UPDATE customer_class_tally SET customers = customers - (1)
    WHERE old.archived = 0 AND class = (old.class) AND portfolio = (coalesce(old.portfolio, ''));
    DELETE FROM customer_class_tally WHERE class = (old.class) AND portfolio = (coalesce(old.portfolio, '')) AND customers = 0;
    INSERT INTO customer_class_tally (class, portfolio, customers)
    SELECT new.class, coalesce(new.portfolio, ''), 1
    WHERE new.archived = 0
    ON CONFLICT (class, portfolio) DO UPDATE SET customers = customers + excluded.customers;
END;
