-- 0031: names in the order a Chinese rep reads them. Never edit once released.
-- The customers table, the pickers and the customers filter sorted by name in code-point
-- order: every Latin name first, then Chinese names in an order no reader knows (a Chinese
-- rep looks for 安, 白, 陈 … 张, 赵). Each customer gets a sort key (store/name_key.rs,
-- `fb_name_key`): its name in pinyin (张伟 → 'zhang wei', Anna Smith → 'anna smith'), the
-- name, then its company in pinyin, so the same name stays together and two of them go by
-- their companies. The name-ordered reads walk an index on it as they walked customer_name
-- (0007), which stays for the lookups by name (duplicates, import). The writers give the key;
-- the triggers keep it for any other insert and for a changed name or company. Nothing is
-- changed or lost: a column filled from the name and company, an index and two triggers.
ALTER TABLE customer ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
UPDATE customer SET name_key = fb_name_key(name, company);
CREATE INDEX customer_name_key ON customer(name_key, name, company, id, nickname, archived);

CREATE TRIGGER customer_name_key_insert AFTER INSERT ON customer WHEN new.name_key = ''
BEGIN
    UPDATE customer SET name_key = fb_name_key(new.name, new.company) WHERE id = new.id;
END;

CREATE TRIGGER customer_name_key_update AFTER UPDATE OF name, company ON customer
WHEN new.name IS NOT old.name OR new.company IS NOT old.company
BEGIN
    UPDATE customer SET name_key = fb_name_key(new.name, new.company) WHERE id = new.id;
END;
