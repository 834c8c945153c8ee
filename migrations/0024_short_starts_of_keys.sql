-- 0024: the short starts of every key (one to three letters and digits, the first a letter:
-- `w`, `wa`, `wan` of wangwei; store/search_keys.rs, is_indexed_start) are tokens of the index
-- too, behind their own marks (U+E002 for a name's, U+E003 for another key's), each once per
-- row. A search for two letters (`zh`) read and merged the entries of every key they start,
-- thousands of names, before its first answer; the token of the start is one list, read
-- newest first as far as the page needs. fb_search_keys gives them; the triggers are
-- unchanged. The rows of customers (kind 0) and people (kind 4) are rebuilt from the tables
-- (nothing else is touched, nothing is lost: the index holds only what the tables say), as
-- in 0010, then the index is merged into one segment.

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
