-- Planned visits and timed next steps as calendar events (`fieldbook calendar`, the config's
-- calendar.file). A phone keeps an imported event by its UID and takes a later copy only when
-- its SEQUENCE is higher: each row counts its revisions, and an event that is deleted leaves a
-- cancelled copy behind so the phone drops it too.

-- Query: the events of the exported period (`fieldbook calendar`, calendar.file): planned
-- visits, logged or not, and next steps with a time, by when they start.
CREATE INDEX visit_planned_event ON visit(planned_at) WHERE planned_at IS NOT NULL;
CREATE INDEX next_step_timed_event ON next_step(due_on) WHERE due_time IS NOT NULL;

-- What the event shows changed: its SEQUENCE goes up. Every row of version 13 starts at 0.
ALTER TABLE visit ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE next_step ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER visit_event_revised AFTER UPDATE OF planned_at, purpose, action_plan, expected_result, channel ON visit
WHEN new.planned_at IS NOT old.planned_at OR new.purpose IS NOT old.purpose
     OR new.action_plan IS NOT old.action_plan OR new.expected_result IS NOT old.expected_result
     OR new.channel IS NOT old.channel
BEGIN
    UPDATE visit SET revision = old.revision + 1 WHERE id = new.id;
END;

CREATE TRIGGER next_step_event_revised AFTER UPDATE OF text, due_on, due_time ON next_step
WHEN new.text IS NOT old.text OR new.due_on IS NOT old.due_on OR new.due_time IS NOT old.due_time
BEGIN
    UPDATE next_step SET revision = old.revision + 1 WHERE id = new.id;
END;

-- An event that was exported (a planned visit, a next step with a time) and is gone: exported
-- again as cancelled, one revision on. `uid` is the event's UID without the domain part
-- (`visit-12`, `next-step-3`); `starts_at` is local wall time, `YYYY-MM-DD HH:MM`.
CREATE TABLE cancelled_event (
    uid          TEXT PRIMARY KEY,
    customer     TEXT NOT NULL,
    title        TEXT NOT NULL,
    starts_at    TEXT NOT NULL,
    revision     INTEGER NOT NULL,
    cancelled_at TEXT NOT NULL
) WITHOUT ROWID;
-- Query: the cancelled events of the exported period (`fieldbook calendar --from/--to`).
CREATE INDEX cancelled_event_starts ON cancelled_event(starts_at);

CREATE TRIGGER visit_event_cancelled AFTER DELETE ON visit
WHEN old.planned_at IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO cancelled_event (uid, customer, title, starts_at, revision, cancelled_at)
    VALUES ('visit-' || old.id, coalesce((SELECT name FROM customer WHERE id = old.customer_id), ''),
            old.purpose, old.planned_at, old.revision + 1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;

CREATE TRIGGER next_step_event_cancelled AFTER DELETE ON next_step
WHEN old.due_time IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO cancelled_event (uid, customer, title, starts_at, revision, cancelled_at)
    VALUES ('next-step-' || old.id, coalesce((SELECT name FROM customer WHERE id = old.customer_id), ''),
            old.text, old.due_on || ' ' || old.due_time, old.revision + 1,
            strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;

-- A deleted row put back (undo) is the same event again, one revision past its cancellation.
CREATE TRIGGER visit_event_restored AFTER INSERT ON visit
WHEN EXISTS (SELECT 1 FROM cancelled_event WHERE uid = 'visit-' || new.id)
BEGIN
    UPDATE visit SET revision =
        max(new.revision, (SELECT revision FROM cancelled_event WHERE uid = 'visit-' || new.id)) + 1
    WHERE id = new.id;
    DELETE FROM cancelled_event WHERE uid = 'visit-' || new.id;
END;

CREATE TRIGGER next_step_event_restored AFTER INSERT ON next_step
WHEN EXISTS (SELECT 1 FROM cancelled_event WHERE uid = 'next-step-' || new.id)
BEGIN
    UPDATE next_step SET revision =
        max(new.revision, (SELECT revision FROM cancelled_event WHERE uid = 'next-step-' || new.id)) + 1
    WHERE id = new.id;
    DELETE FROM cancelled_event WHERE uid = 'next-step-' || new.id;
END;
