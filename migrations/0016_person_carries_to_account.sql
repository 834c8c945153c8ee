-- 0016: the account and its own person agree both ways. Since 0008 an edit of the account's
-- name, title, phone, e-mail or style carries over to its own person (its first contact with
-- the account's name); now an edit of that person carries over to the account too, each field
-- only where the account still had the person's old value, so what the rep set on the
-- account alone is kept. Never edit once released.
--
-- No loop: SQLite does not fire a trigger again while it is running (recursive triggers are
-- off), and customer_person_follows finds nothing left to change (its IS NOT guard).
CREATE TRIGGER person_account_follows AFTER UPDATE OF name, title, phone, email, style ON contact
-- The own person: its name was the account's, and no person before it has that name (the
-- person's row is already the new one here, so it is not looked up by its old name).
WHEN old.name = (SELECT name FROM customer WHERE id = old.customer_id)
     AND NOT EXISTS (SELECT 1 FROM contact WHERE customer_id = old.customer_id AND name = old.name AND id < old.id)
BEGIN
    UPDATE customer SET
        name  = CASE WHEN name  = old.name  THEN new.name  ELSE name  END,
        title = CASE WHEN title = old.title THEN new.title ELSE title END,
        phone = CASE WHEN phone = old.phone THEN new.phone ELSE phone END,
        email = CASE WHEN email = old.email THEN new.email ELSE email END,
        style = CASE WHEN style = old.style THEN new.style ELSE style END,
        updated_at = new.updated_at
    WHERE id = old.customer_id
      AND (name, title, phone, email, style) IS NOT (
          CASE WHEN name  = old.name  THEN new.name  ELSE name  END,
          CASE WHEN title = old.title THEN new.title ELSE title END,
          CASE WHEN phone = old.phone THEN new.phone ELSE phone END,
          CASE WHEN email = old.email THEN new.email ELSE email END,
          CASE WHEN style = old.style THEN new.style ELSE style END);
    -- Its name is the account's again: its search row is empty (it is found as the account),
    -- whether contact_fts_update ran before this trigger or runs after it.
    DELETE FROM search_fts WHERE rowid = new.id + 4 * 1099511627776;
    INSERT INTO search_fts(rowid, body) VALUES (new.id + 4 * 1099511627776, '');
END;
