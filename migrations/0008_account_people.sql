-- 0008: a customer is an account; its people (contacts) carry buying roles, their own
-- personality style and personal facts, and a visit records which of them were met.
-- Never edit once released.
--
-- The customer's own columns (name, title, phone, email, style) stay: the account keeps them,
-- and a consumer is simply an account of one. Each existing customer's person becomes its
-- first contact, with the customer's id as the contact's id.

-- The people of an account. AUTOINCREMENT: a removed person's id is never given to another.
CREATE TABLE contact (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    title       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    style       TEXT NOT NULL DEFAULT 'unknown'
                CHECK (style IN ('driver','expressive','amiable','analytical','unknown')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
-- Query: an account's people, in the order they were added (show, the customer screen, brief).
CREATE INDEX contact_customer ON contact(customer_id, id);
-- Query: duplicate check on add and import (same phone among people).
CREATE INDEX contact_phone ON contact(phone) WHERE phone <> '';
-- Query: duplicate check on add and import (same e-mail among people, case-insensitive).
CREATE INDEX contact_email ON contact(lower(email)) WHERE email <> '';

-- A person's buying roles (several per person). The primary key serves "roles of a person".
CREATE TABLE contact_role (
    contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    role       TEXT NOT NULL
               CHECK (role IN ('decision-maker','buyer','user','influencer','insider','gatekeeper')),
    PRIMARY KEY (contact_id, role)
) WITHOUT ROWID;

-- A personal fact (birthday, hobby...) may belong to one person of the account; NULL: the
-- account's own record, as before.
ALTER TABLE customer_fact ADD COLUMN contact_id INTEGER REFERENCES contact(id) ON DELETE CASCADE;
-- Query: a person's facts; removing a person (the foreign key's cascade).
CREATE INDEX fact_contact ON customer_fact(contact_id) WHERE contact_id IS NOT NULL;

-- Which of the account's people a visit met (or, for a planned visit, is meant to meet).
CREATE TABLE visit_contact (
    visit_id   INTEGER NOT NULL REFERENCES visit(id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    PRIMARY KEY (visit_id, contact_id)
) WITHOUT ROWID;
-- Query: removing a person (the foreign key's cascade); visits that met a person.
CREATE INDEX visit_contact_contact ON visit_contact(contact_id);

-- A visit meets, and a fact describes, only people of the visit's (the fact's) own account.
CREATE TRIGGER visit_contact_same_account BEFORE INSERT ON visit_contact
WHEN (SELECT customer_id FROM visit WHERE id = new.visit_id)
     IS NOT (SELECT customer_id FROM contact WHERE id = new.contact_id)
BEGIN SELECT RAISE(ABORT, 'a visit can only meet people of its own account'); END;
CREATE TRIGGER fact_contact_same_account_insert BEFORE INSERT ON customer_fact
WHEN new.contact_id IS NOT NULL
     AND new.customer_id IS NOT (SELECT customer_id FROM contact WHERE id = new.contact_id)
BEGIN SELECT RAISE(ABORT, 'a fact can only describe a person of its own account'); END;
CREATE TRIGGER fact_contact_same_account_update BEFORE UPDATE OF customer_id, contact_id ON customer_fact
WHEN new.contact_id IS NOT NULL
     AND new.customer_id IS NOT (SELECT customer_id FROM contact WHERE id = new.contact_id)
BEGIN SELECT RAISE(ABORT, 'a fact can only describe a person of its own account'); END;

-- The account's own person (the first contact, the customer's name) follows edits of the
-- customer's name, title, phone, e-mail and style: each field only where the person still
-- had the customer's old value, so what the rep changed on the person is kept.
CREATE TRIGGER customer_person_follows AFTER UPDATE OF name, title, phone, email, style ON customer
BEGIN
    UPDATE contact SET
        name  = CASE WHEN name  = old.name  THEN new.name  ELSE name  END,
        title = CASE WHEN title = old.title THEN new.title ELSE title END,
        phone = CASE WHEN phone = old.phone THEN new.phone ELSE phone END,
        email = CASE WHEN email = old.email THEN new.email ELSE email END,
        style = CASE WHEN style = old.style THEN new.style ELSE style END,
        updated_at = new.updated_at
    WHERE id = (SELECT min(id) FROM contact WHERE customer_id = old.id AND name = old.name)
      AND (name, title, phone, email, style) IS NOT (
          CASE WHEN name  = old.name  THEN new.name  ELSE name  END,
          CASE WHEN title = old.title THEN new.title ELSE title END,
          CASE WHEN phone = old.phone THEN new.phone ELSE phone END,
          CASE WHEN email = old.email THEN new.email ELSE email END,
          CASE WHEN style = old.style THEN new.style ELSE style END);
END;

-- Search finds people by name, title, phone and e-mail: kind 4 (rowid = 4 * 2^40 + id).
CREATE TRIGGER contact_fts_insert AFTER INSERT ON contact BEGIN
    INSERT INTO search_fts(rowid, body) VALUES (new.id + 4 * 1099511627776,
        fb_search_text(new.name || ' ' || new.title || ' ' || new.phone || ' ' || new.email));
END;
CREATE TRIGGER contact_fts_update AFTER UPDATE OF name, title, phone, email ON contact BEGIN
    DELETE FROM search_fts WHERE rowid = old.id + 4 * 1099511627776;
    INSERT INTO search_fts(rowid, body) VALUES (new.id + 4 * 1099511627776,
        fb_search_text(new.name || ' ' || new.title || ' ' || new.phone || ' ' || new.email));
END;
CREATE TRIGGER contact_fts_delete AFTER DELETE ON contact BEGIN
    DELETE FROM search_fts WHERE rowid = old.id + 4 * 1099511627776;
END;

-- Each existing customer's person becomes its first contact (same id as the customer).
INSERT INTO contact (id, customer_id, name, title, phone, email, style, created_at, updated_at)
SELECT id, id, name, title, phone, email, style, created_at, updated_at FROM customer ORDER BY id;
