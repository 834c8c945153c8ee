-- 0021: a nickname or company is found by the pinyin of the whole (厂长 by changzhang, cz and
-- any start of them: chang, changz), no longer by each syllable: with 长 read zhang, `zhang`
-- found every account whose nickname was 厂长, four times as many as are named 张 or 章 on the
-- 100k demo. A name keeps its syllables (王伟 by wang wei). fb_search_keys
-- (store/search_keys.rs) gives the new keys; the triggers are unchanged. Only the customers'
-- rows of the index (kind 0) change: they are rebuilt from the table (nothing else is touched,
-- nothing is lost: the index holds only what the tables say), then the index is merged into
-- one segment, dropping the old rows' leftovers that every search would otherwise step over.

DELETE FROM search_fts WHERE rowid BETWEEN 0 AND 1099511627775;
INSERT INTO search_fts(rowid, body) SELECT id,
        fb_search_text(name || ' ' || nickname || ' ' || company || ' ' || title || ' ' ||
                       email || ' ' || address || ' ' || source || ' ' || referred_by) ||
        fb_search_keys(name, nickname || ' ' || company, phone, email)
    FROM customer;

INSERT INTO search_fts(search_fts) VALUES ('optimize');
