-- 0013: the duplicate check (on add, and for every row of an import) finds a phone by its
-- last ten digits, so a number is the same with or without its country code; these indexes
-- answer it in one lookup, so an import of 100k rows is linear, not quadratic. Phones are
-- stored normalised ('+' and digits), so the expression is the key of domain::phone_key.
CREATE INDEX customer_phone_key ON customer(substr(replace(phone, '+', ''), -10)) WHERE phone <> '';
CREATE INDEX contact_phone_key ON contact(substr(replace(phone, '+', ''), -10)) WHERE phone <> '';
