-- 0010: people and accounts are also found by their keys: the pinyin of names (王伟 by wangwei,
-- wang wei, ww; surnames read as surnames: 单 shan), of nicknames and company names (重庆 also
-- chongqing), every run of four or more digits of a phone (138-0000-1111 by 1111, 0000,
-- 13800001111), and the e-mail address as letters and digits (wangwei3huadongcn, huadongcn).
-- fb_search_keys(name, other text, phone, email) (store/search_keys.rs) gives them, each
-- behind a private-use mark (U+E000 before the keys of a name, also its own words run together,
-- U+E001 before the others) so a key never matches as a word of the record. A phone is indexed
-- by its keys only: as a word (13800001111) it matched nothing a key does not, and thousands of
-- number words made every short number prefix (1, 86) slow. The triggers of customers and
-- people add the keys; their rows of the index are rebuilt from the tables (nothing else is
-- touched, nothing is lost: the index holds only what the tables say). A person named as
-- their account (the customer's own person, found as the customer: store/search.rs) has an
-- empty row: searches stepped over each such copy of every customer's words. Then the index
-- is merged into one segment, dropping the deleted rows' leftovers that every search would
-- otherwise step over too.

DROP TRIGGER customer_fts_insert;
DROP TRIGGER customer_fts_update;
DROP TRIGGER contact_fts_insert;
DROP TRIGGER contact_fts_update;

CREATE TRIGGER customer_fts_insert AFTER INSERT ON customer BEGIN
    INSERT INTO search_fts(rowid, body) VALUES (new.id,
        fb_search_text(new.name || ' ' || new.nickname || ' ' || new.company || ' ' || new.title || ' ' ||
                       new.email || ' ' || new.address || ' ' || new.source || ' ' || new.referred_by) ||
        fb_search_keys(new.name, new.nickname || ' ' || new.company, new.phone, new.email));
END;
CREATE TRIGGER customer_fts_update AFTER UPDATE OF name, nickname, company, title, phone, email, address, source, referred_by ON customer BEGIN
    DELETE FROM search_fts WHERE rowid = old.id;
    INSERT INTO search_fts(rowid, body) VALUES (new.id,
        fb_search_text(new.name || ' ' || new.nickname || ' ' || new.company || ' ' || new.title || ' ' ||
                       new.email || ' ' || new.address || ' ' || new.source || ' ' || new.referred_by) ||
        fb_search_keys(new.name, new.nickname || ' ' || new.company, new.phone, new.email));
END;

CREATE TRIGGER contact_fts_insert AFTER INSERT ON contact BEGIN
    INSERT INTO search_fts(rowid, body) VALUES (new.id + 4 * 1099511627776,
        CASE WHEN EXISTS (SELECT 1 FROM customer WHERE id = new.customer_id AND name = new.name) THEN ''
             ELSE fb_search_text(new.name || ' ' || new.title || ' ' || new.email) ||
                  fb_search_keys(new.name, '', new.phone, new.email) END);
END;
CREATE TRIGGER contact_fts_update AFTER UPDATE OF name, title, phone, email ON contact BEGIN
    DELETE FROM search_fts WHERE rowid = old.id + 4 * 1099511627776;
    INSERT INTO search_fts(rowid, body) VALUES (new.id + 4 * 1099511627776,
        CASE WHEN EXISTS (SELECT 1 FROM customer WHERE id = new.customer_id AND name = new.name) THEN ''
             ELSE fb_search_text(new.name || ' ' || new.title || ' ' || new.email) ||
                  fb_search_keys(new.name, '', new.phone, new.email) END);
END;

-- Rebuild the rows of customers (kind 0) and people (kind 4).
DELETE FROM search_fts WHERE rowid BETWEEN 0 AND 1099511627775;
DELETE FROM search_fts WHERE rowid BETWEEN 4 * 1099511627776 AND 5 * 1099511627776 - 1;
INSERT INTO search_fts(rowid, body) SELECT id,
        fb_search_text(name || ' ' || nickname || ' ' || company || ' ' || title || ' ' ||
                       email || ' ' || address || ' ' || source || ' ' || referred_by) ||
        fb_search_keys(name, nickname || ' ' || company, phone, email)
    FROM customer;
INSERT INTO search_fts(rowid, body) SELECT p.id + 4 * 1099511627776,
        CASE WHEN c.name = p.name THEN ''
             ELSE fb_search_text(p.name || ' ' || p.title || ' ' || p.email) ||
                  fb_search_keys(p.name, '', p.phone, p.email) END
    FROM contact p JOIN customer c ON c.id = p.customer_id;

INSERT INTO search_fts(search_fts) VALUES ('optimize');
