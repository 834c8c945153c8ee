-- 0029: a phone number is held in the search index as its runs of four digits, in order
-- (`1380 3800 8000 …` behind U+E004; store/search_keys.rs, PHONE_GRAM_MARK), no longer as every
-- run of digits ending it behind the key mark (`13800001111`, `3800001111`, … `1111`). Each
-- number's suffixes were terms of their own, most held by that one row: the 100k demo's
-- index had millions of them, and filling it for customers and people took most of its time.
-- Runs of four are ten thousand terms at most; the digits a search types are the phrase of
-- their own runs, which matches where the number holds them, as a suffix starting with them
-- did. fb_search_keys gives the runs; the triggers are unchanged. The rows of customers
-- (kind 0) and people (kind 4) are rebuilt from the tables (nothing else is touched, nothing
-- is lost: the index holds only what the tables say), as in 0024, then the index is merged
-- into one segment.

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
