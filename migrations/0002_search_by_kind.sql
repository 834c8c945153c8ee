-- 0002: the search index keyed by kind ranges instead of interleaved kinds.
-- rowid = kind * 2^40 + source id (kind 0 customer, 1 fact, 2 visit, 3 note; 2^40 = 1099511627776).
-- Each kind is then one contiguous rowid range, so `search` asks FTS5 for "matches of this kind,
-- newest first" with a rowid range it seeks to directly, instead of walking every visit that
-- matches to find the few customers that do (0001's rowid = id * 4 + kind interleaved them).
-- The body is unchanged: fb_search_text(...) of the row (see store/search_text.rs).

DROP TRIGGER customer_fts_insert;
DROP TRIGGER customer_fts_update;
DROP TRIGGER customer_fts_delete;
DROP TRIGGER fact_fts_insert;
DROP TRIGGER fact_fts_update;
DROP TRIGGER fact_fts_delete;
DROP TRIGGER visit_fts_insert;
DROP TRIGGER visit_fts_update;
DROP TRIGGER visit_fts_delete;
DROP TRIGGER note_fts_insert;
DROP TRIGGER note_fts_update;
DROP TRIGGER note_fts_delete;
DROP TABLE search_fts;

CREATE VIRTUAL TABLE search_fts USING fts5(
    body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER customer_fts_insert AFTER INSERT ON customer BEGIN
    INSERT INTO search_fts(rowid, body) VALUES (new.id,
        fb_search_text(new.name || ' ' || new.nickname || ' ' || new.company || ' ' || new.title || ' ' ||
                       new.phone || ' ' || new.email || ' ' || new.address || ' ' || new.source || ' ' || new.referred_by));
END;
CREATE TRIGGER customer_fts_update AFTER UPDATE OF name, nickname, company, title, phone, email, address, source, referred_by ON customer BEGIN
    DELETE FROM search_fts WHERE rowid = old.id;
    INSERT INTO search_fts(rowid, body) VALUES (new.id,
        fb_search_text(new.name || ' ' || new.nickname || ' ' || new.company || ' ' || new.title || ' ' ||
                       new.phone || ' ' || new.email || ' ' || new.address || ' ' || new.source || ' ' || new.referred_by));
END;
CREATE TRIGGER customer_fts_delete AFTER DELETE ON customer BEGIN
    DELETE FROM search_fts WHERE rowid = old.id;
END;

CREATE TRIGGER fact_fts_insert AFTER INSERT ON customer_fact BEGIN
    INSERT INTO search_fts(rowid, body) VALUES (new.id + 1 * 1099511627776,
        fb_search_text(new.label || ' ' || new.value));
END;
CREATE TRIGGER fact_fts_update AFTER UPDATE OF label, value ON customer_fact BEGIN
    DELETE FROM search_fts WHERE rowid = old.id + 1 * 1099511627776;
    INSERT INTO search_fts(rowid, body) VALUES (new.id + 1 * 1099511627776,
        fb_search_text(new.label || ' ' || new.value));
END;
CREATE TRIGGER fact_fts_delete AFTER DELETE ON customer_fact BEGIN
    DELETE FROM search_fts WHERE rowid = old.id + 1 * 1099511627776;
END;

CREATE TRIGGER visit_fts_insert AFTER INSERT ON visit BEGIN
    INSERT INTO search_fts(rowid, body) VALUES (new.id + 2 * 1099511627776,
        fb_search_text(new.purpose || ' ' || new.action_plan || ' ' || new.expected_result || ' ' ||
                       new.actual_result || ' ' || new.next_topic || ' ' || new.next_step || ' ' || new.notes));
END;
CREATE TRIGGER visit_fts_update AFTER UPDATE OF purpose, action_plan, expected_result, actual_result, next_topic, next_step, notes ON visit BEGIN
    DELETE FROM search_fts WHERE rowid = old.id + 2 * 1099511627776;
    INSERT INTO search_fts(rowid, body) VALUES (new.id + 2 * 1099511627776,
        fb_search_text(new.purpose || ' ' || new.action_plan || ' ' || new.expected_result || ' ' ||
                       new.actual_result || ' ' || new.next_topic || ' ' || new.next_step || ' ' || new.notes));
END;
CREATE TRIGGER visit_fts_delete AFTER DELETE ON visit BEGIN
    DELETE FROM search_fts WHERE rowid = old.id + 2 * 1099511627776;
END;

CREATE TRIGGER note_fts_insert AFTER INSERT ON note BEGIN
    INSERT INTO search_fts(rowid, body) VALUES (new.id + 3 * 1099511627776,
        fb_search_text(new.body));
END;
CREATE TRIGGER note_fts_update AFTER UPDATE OF body ON note BEGIN
    DELETE FROM search_fts WHERE rowid = old.id + 3 * 1099511627776;
    INSERT INTO search_fts(rowid, body) VALUES (new.id + 3 * 1099511627776,
        fb_search_text(new.body));
END;
CREATE TRIGGER note_fts_delete AFTER DELETE ON note BEGIN
    DELETE FROM search_fts WHERE rowid = old.id + 3 * 1099511627776;
END;

-- Refill the index from the rows already there.
INSERT INTO search_fts(rowid, body) SELECT id, fb_search_text(name || ' ' || nickname || ' ' || company || ' ' || title || ' ' ||
                       phone || ' ' || email || ' ' || address || ' ' || source || ' ' || referred_by) FROM customer;
INSERT INTO search_fts(rowid, body) SELECT id + 1 * 1099511627776, fb_search_text(label || ' ' || value) FROM customer_fact;
INSERT INTO search_fts(rowid, body) SELECT id + 2 * 1099511627776, fb_search_text(purpose || ' ' || action_plan || ' ' || expected_result || ' ' ||
                       actual_result || ' ' || next_topic || ' ' || next_step || ' ' || notes) FROM visit;
INSERT INTO search_fts(rowid, body) SELECT id + 3 * 1099511627776, fb_search_text(body) FROM note;
