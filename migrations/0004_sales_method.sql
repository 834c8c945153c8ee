-- 0004: the sales method on screen — visit types with their in-visit checklist ticks, and the
-- objection log of a deal. (Step checklist ticks per deal live in `checklist_tick`, from 0001.)

-- A visit's type: a built-in code (customer-visit, store-check, phone-follow-up, demonstration,
-- after-sale-care) or a name the rep chose.
ALTER TABLE visit ADD COLUMN kind TEXT NOT NULL DEFAULT 'customer-visit' CHECK (length(trim(kind)) > 0);

-- Which items of the visit type's in-visit checklist were done, stored with the visit.
CREATE TABLE visit_checklist_tick (
    visit_id   INTEGER NOT NULL REFERENCES visit(id) ON DELETE CASCADE,
    item       INTEGER NOT NULL CHECK (item > 0),
    ticked_at  TEXT NOT NULL,
    PRIMARY KEY (visit_id, item)
) WITHOUT ROWID;

-- Objections (异议) raised on a deal, how they were answered, and whether they are resolved.
CREATE TABLE objection (
    id          INTEGER PRIMARY KEY,
    deal_id     INTEGER NOT NULL REFERENCES deal(id) ON DELETE CASCADE,
    text        TEXT NOT NULL CHECK (length(trim(text)) > 0),
    kind        TEXT NOT NULL CHECK (kind IN ('misunderstanding','doubt','real-drawback','complaint')),
    answer      TEXT NOT NULL DEFAULT '',
    resolved    INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0,1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    resolved_at TEXT
);
-- Query: a deal's objection log (`objection ID list`, the brief, the customer screen), oldest first.
CREATE INDEX objection_deal ON objection(deal_id, resolved, id);
