-- 0001: the initial schema. Never edit once released; add 0002_... instead.
-- Timestamps (created_at, updated_at, at) are RFC 3339 UTC text.
-- Appointment and visit times (planned_at, done_at) are local wall time 'YYYY-MM-DD HH:MM':
-- a 10:00 meeting stays at 10:00 wherever the rep's laptop is.
-- Dates a person means as dates (next_step_on, last_contact_on) are 'YYYY-MM-DD'.

CREATE TABLE customer (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    nickname        TEXT NOT NULL DEFAULT '',
    company         TEXT NOT NULL DEFAULT '',
    title           TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    address         TEXT NOT NULL DEFAULT '',
    source          TEXT NOT NULL DEFAULT '',
    referred_by     TEXT NOT NULL DEFAULT '',
    class           TEXT NOT NULL DEFAULT 'potential'
                    CHECK (class IN ('potential','intent','quasi','ordinary','quality','key','lost')),
    style           TEXT NOT NULL DEFAULT 'unknown'
                    CHECK (style IN ('driver','expressive','amiable','analytical','unknown')),
    money           TEXT NOT NULL DEFAULT 'unknown' CHECK (money IN ('yes','no','unknown')),
    authority       TEXT NOT NULL DEFAULT 'unknown' CHECK (authority IN ('yes','no','unknown')),
    need            TEXT NOT NULL DEFAULT 'unknown' CHECK (need IN ('yes','no','unknown')),
    portfolio       TEXT CHECK (portfolio IN ('star','question-mark','cash-cow','dog')),
    cadence_days    INTEGER CHECK (cadence_days IS NULL OR cadence_days > 0),
    -- Rollups kept by the store in the same transaction as every visit write:
    last_contact_on TEXT,               -- date of the last logged visit
    next_step_on    TEXT,               -- earliest open appointment, else last visit's next step
    next_step       TEXT NOT NULL DEFAULT '',
    next_visit_id   INTEGER,            -- the open appointment behind next_step_on, if any
    archived        INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
-- Query: duplicate check on add (same phone).
CREATE INDEX customer_phone ON customer(phone) WHERE phone <> '';
-- Query: duplicate check on add (same e-mail, case-insensitive).
CREATE INDEX customer_email ON customer(lower(email)) WHERE email <> '';
-- Query: duplicate check on add (same name and company); customers table sorted by name.
CREATE INDEX customer_name ON customer(name, company);
-- Query: today's "overdue next steps" (next_step_on < today).
CREATE INDEX customer_next_step ON customer(next_step_on) WHERE next_step_on IS NOT NULL AND archived = 0;
-- Query: today's "due by cadence" and the "losing touch" list (oldest contact first).
CREATE INDEX customer_last_contact ON customer(last_contact_on) WHERE archived = 0;

CREATE TABLE customer_fact (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    category    TEXT NOT NULL CHECK (category IN ('basic','business','personal','logistics','commercial')),
    label       TEXT NOT NULL,
    value       TEXT NOT NULL DEFAULT '',
    month_day   TEXT,                   -- 'MM-DD' for important dates reminded every year
    created_at  TEXT NOT NULL
);
-- Query: the record's facts on `show` and the customer screen.
CREATE INDEX fact_customer ON customer_fact(customer_id);
-- Query: today's "dates this week" (month_day IN the next 7 days).
CREATE INDEX fact_month_day ON customer_fact(month_day) WHERE month_day IS NOT NULL;

CREATE TABLE deal (
    id                INTEGER PRIMARY KEY,
    customer_id       INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    title             TEXT NOT NULL DEFAULT '',
    value_minor       INTEGER CHECK (value_minor IS NULL OR value_minor >= 0),
    currency          TEXT NOT NULL DEFAULT 'CNY',
    stage             TEXT NOT NULL CHECK (stage IN ('preparation','approach','survey','presentation','close')),
    state             TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','won','lost')),
    lost_reason       TEXT NOT NULL DEFAULT '',
    expected_close_on TEXT,
    stage_since       TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    closed_at         TEXT
);
-- Query: the customer's deals on `show`; "the open deal of customer X" on move/won/lost.
CREATE INDEX deal_customer ON deal(customer_id, state);
-- Query: pipeline board and `list --stage STEP` (open deals of one step, per-step totals).
CREATE INDEX deal_stage ON deal(state, stage, customer_id);

CREATE TABLE stage_event (
    id         INTEGER PRIMARY KEY,
    deal_id    INTEGER NOT NULL REFERENCES deal(id) ON DELETE CASCADE,
    from_stage TEXT,
    to_stage   TEXT NOT NULL,
    from_state TEXT,
    to_state   TEXT NOT NULL,
    at         TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT ''
);
-- Query: a deal's step history on `show` and the customer screen.
CREATE INDEX stage_event_deal ON stage_event(deal_id, id);
-- The history is append-only.
CREATE TRIGGER stage_event_no_update BEFORE UPDATE ON stage_event
BEGIN SELECT RAISE(ABORT, 'stage_event rows are never rewritten'); END;

CREATE TABLE checklist_tick (
    deal_id    INTEGER NOT NULL REFERENCES deal(id) ON DELETE CASCADE,
    stage      TEXT NOT NULL,
    item       INTEGER NOT NULL,
    ticked_at  TEXT NOT NULL,
    PRIMARY KEY (deal_id, stage, item)
) WITHOUT ROWID;

CREATE TABLE visit (
    id              INTEGER PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    deal_id         INTEGER REFERENCES deal(id) ON DELETE SET NULL,
    channel         TEXT NOT NULL DEFAULT 'in-person'
                    CHECK (channel IN ('in-person','phone','video','message')),
    planned_at      TEXT,
    done_at         TEXT,
    purpose         TEXT NOT NULL CHECK (length(trim(purpose)) > 0),
    action_plan     TEXT NOT NULL CHECK (length(trim(action_plan)) > 0),
    expected_result TEXT NOT NULL CHECK (length(trim(expected_result)) > 0),
    actual_result   TEXT NOT NULL DEFAULT '',
    outcome         TEXT CHECK (outcome IN ('met','partly','not-met')),
    next_topic      TEXT NOT NULL DEFAULT '',
    next_step       TEXT NOT NULL DEFAULT '',
    next_step_on    TEXT,
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (planned_at IS NOT NULL OR done_at IS NOT NULL)
);
-- Query: a customer's visit timeline, newest first; rollups (last contact, next appointment).
CREATE INDEX visit_customer ON visit(customer_id, coalesce(done_at, planned_at));
-- Query: today's appointments (open appointments by time).
CREATE INDEX visit_open_planned ON visit(planned_at) WHERE done_at IS NULL;
-- Query: today's "visits missing their result" (logged, actual result empty).
CREATE INDEX visit_missing_result ON visit(done_at) WHERE done_at IS NOT NULL AND actual_result = '';

CREATE TABLE note (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER REFERENCES customer(id) ON DELETE CASCADE,  -- NULL: the inbox
    body        TEXT NOT NULL CHECK (length(trim(body)) > 0),
    created_at  TEXT NOT NULL
);
-- Query: a customer's notes, newest first; the inbox (customer_id IS NULL).
CREATE INDEX note_customer ON note(customer_id, id);

-- Full-text search over customers, facts, visits and notes.
-- rowid = source id * 4 + kind (0 customer, 1 fact, 2 visit, 3 note), so a source row's entry
-- is found by rowid alone. `body` holds fb_search_text(...) of the row: lower-cased words,
-- and Chinese runs rewritten as overlapping bigrams (plus each run's last character), so
-- 2-character names match exactly, which the trigram tokenizer cannot do.
-- fb_search_text is a SQL function the store registers on every connection it opens.
CREATE VIRTUAL TABLE search_fts USING fts5(
    body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER customer_fts_insert AFTER INSERT ON customer BEGIN
    INSERT INTO search_fts(rowid, body) VALUES (new.id * 4,
        fb_search_text(new.name || ' ' || new.nickname || ' ' || new.company || ' ' || new.title || ' ' ||
                       new.phone || ' ' || new.email || ' ' || new.address || ' ' || new.source || ' ' || new.referred_by));
END;
CREATE TRIGGER customer_fts_update AFTER UPDATE OF name, nickname, company, title, phone, email, address, source, referred_by ON customer BEGIN
    DELETE FROM search_fts WHERE rowid = old.id * 4;
    INSERT INTO search_fts(rowid, body) VALUES (new.id * 4,
        fb_search_text(new.name || ' ' || new.nickname || ' ' || new.company || ' ' || new.title || ' ' ||
                       new.phone || ' ' || new.email || ' ' || new.address || ' ' || new.source || ' ' || new.referred_by));
END;
CREATE TRIGGER customer_fts_delete AFTER DELETE ON customer BEGIN
    DELETE FROM search_fts WHERE rowid = old.id * 4;
END;

CREATE TRIGGER fact_fts_insert AFTER INSERT ON customer_fact BEGIN
    INSERT INTO search_fts(rowid, body) VALUES (new.id * 4 + 1, fb_search_text(new.label || ' ' || new.value));
END;
CREATE TRIGGER fact_fts_update AFTER UPDATE OF label, value ON customer_fact BEGIN
    DELETE FROM search_fts WHERE rowid = old.id * 4 + 1;
    INSERT INTO search_fts(rowid, body) VALUES (new.id * 4 + 1, fb_search_text(new.label || ' ' || new.value));
END;
CREATE TRIGGER fact_fts_delete AFTER DELETE ON customer_fact BEGIN
    DELETE FROM search_fts WHERE rowid = old.id * 4 + 1;
END;

CREATE TRIGGER visit_fts_insert AFTER INSERT ON visit BEGIN
    INSERT INTO search_fts(rowid, body) VALUES (new.id * 4 + 2,
        fb_search_text(new.purpose || ' ' || new.action_plan || ' ' || new.expected_result || ' ' ||
                       new.actual_result || ' ' || new.next_topic || ' ' || new.next_step || ' ' || new.notes));
END;
CREATE TRIGGER visit_fts_update AFTER UPDATE OF purpose, action_plan, expected_result, actual_result, next_topic, next_step, notes ON visit BEGIN
    DELETE FROM search_fts WHERE rowid = old.id * 4 + 2;
    INSERT INTO search_fts(rowid, body) VALUES (new.id * 4 + 2,
        fb_search_text(new.purpose || ' ' || new.action_plan || ' ' || new.expected_result || ' ' ||
                       new.actual_result || ' ' || new.next_topic || ' ' || new.next_step || ' ' || new.notes));
END;
CREATE TRIGGER visit_fts_delete AFTER DELETE ON visit BEGIN
    DELETE FROM search_fts WHERE rowid = old.id * 4 + 2;
END;

CREATE TRIGGER note_fts_insert AFTER INSERT ON note BEGIN
    INSERT INTO search_fts(rowid, body) VALUES (new.id * 4 + 3, fb_search_text(new.body));
END;
CREATE TRIGGER note_fts_update AFTER UPDATE OF body ON note BEGIN
    DELETE FROM search_fts WHERE rowid = old.id * 4 + 3;
    INSERT INTO search_fts(rowid, body) VALUES (new.id * 4 + 3, fb_search_text(new.body));
END;
CREATE TRIGGER note_fts_delete AFTER DELETE ON note BEGIN
    DELETE FROM search_fts WHERE rowid = old.id * 4 + 3;
END;

-- Small key/value facts about this database (e.g. the date of the last automatic backup).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
