-- 0011: next steps of their own (下一步). A next step has its text, a due day and optionally a
-- time, belongs to a customer (and to one of its deals, if known), and stays open until it is
-- done; several can be open at once. A logged visit's "next step" field becomes one (the
-- store keeps that row in step with the visit). Never edit once released.
--
-- Dates: due_on 'YYYY-MM-DD', due_time 'HH:MM' local wall time; done_at, created_at and
-- updated_at RFC 3339 UTC, like the other timestamps.

CREATE TABLE next_step (
    id               INTEGER PRIMARY KEY,
    customer_id      INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    deal_id          INTEGER REFERENCES deal(id) ON DELETE SET NULL,
    -- The logged visit whose "next step" field this is (NULL for one added on its own);
    -- it goes with that visit.
    visit_id         INTEGER REFERENCES visit(id) ON DELETE CASCADE,
    text             TEXT NOT NULL CHECK (length(trim(text)) > 0),
    due_on           TEXT NOT NULL,
    due_time         TEXT,
    -- NULL while open.
    done_at          TEXT,
    -- The visit that did it, or that it was turned into (a planned visit).
    done_by_visit_id INTEGER REFERENCES visit(id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
-- Query: Today's next steps due (open, due_on <= today) and the header's count of late ones.
CREATE INDEX next_step_open_due ON next_step(due_on, id) WHERE done_at IS NULL;
-- Query: a customer's next steps (customer screen, brief, `next list ID`); the rollup's
-- earliest open one.
CREATE INDEX next_step_customer ON next_step(customer_id, due_on) WHERE done_at IS NULL;
-- Query: the next step of a visit (kept in step when the visit is edited); the cascades.
CREATE INDEX next_step_visit ON next_step(visit_id) WHERE visit_id IS NOT NULL;
CREATE INDEX next_step_done_by ON next_step(done_by_visit_id) WHERE done_by_visit_id IS NOT NULL;

-- Every logged visit's next step becomes a row: its text (else the topic for next time, else
-- the visit's purpose when only a date was set), due on its date (else the visit's day). Only
-- the customer's last logged visit's step was in force before (each new visit replaced it):
-- that one is open, each earlier one is done by the customer's next logged visit.
INSERT INTO next_step (customer_id, deal_id, visit_id, text, due_on, done_at, done_by_visit_id, created_at, updated_at)
SELECT v.customer_id, v.deal_id, v.id,
       coalesce(nullif(trim(v.next_step), ''), nullif(trim(v.next_topic), ''), v.purpose),
       coalesce(v.next_step_on, substr(v.done_at, 1, 10)),
       (SELECT l.created_at FROM visit l WHERE l.customer_id = v.customer_id AND l.done_at IS NOT NULL
            AND (l.done_at > v.done_at OR (l.done_at = v.done_at AND l.id > v.id))
            ORDER BY l.done_at, l.id LIMIT 1),
       (SELECT l.id FROM visit l WHERE l.customer_id = v.customer_id AND l.done_at IS NOT NULL
            AND (l.done_at > v.done_at OR (l.done_at = v.done_at AND l.id > v.id))
            ORDER BY l.done_at, l.id LIMIT 1),
       v.created_at, v.updated_at
FROM visit v
WHERE v.done_at IS NOT NULL AND (trim(v.next_step) <> '' OR v.next_step_on IS NOT NULL)
ORDER BY v.id;

-- The customer's next step (its rollup) is now the earliest of its open appointments and
-- open next steps (an appointment first on the same day).
UPDATE customer SET
    next_visit_id = (SELECT v.id FROM visit v WHERE v.customer_id = customer.id AND v.done_at IS NULL
                     ORDER BY v.planned_at, v.id LIMIT 1),
    next_step_on = (SELECT d FROM (
        SELECT substr(v.planned_at, 1, 10) AS d, 0 AS k, v.planned_at AS at, v.id AS i, v.purpose AS t
        FROM visit v WHERE v.customer_id = customer.id AND v.done_at IS NULL
        UNION ALL
        SELECT s.due_on, 1, s.due_time, s.id, s.text
        FROM next_step s WHERE s.customer_id = customer.id AND s.done_at IS NULL)
        ORDER BY d, k, at, i LIMIT 1),
    next_step = coalesce((SELECT t FROM (
        SELECT substr(v.planned_at, 1, 10) AS d, 0 AS k, v.planned_at AS at, v.id AS i, v.purpose AS t
        FROM visit v WHERE v.customer_id = customer.id AND v.done_at IS NULL
        UNION ALL
        SELECT s.due_on, 1, s.due_time, s.id, s.text
        FROM next_step s WHERE s.customer_id = customer.id AND s.done_at IS NULL)
        ORDER BY d, k, at, i LIMIT 1), '');
