-- 0019: Today's yearly dates (birthdays…) of the coming week read their facts from one index.
-- Never edit once released. Query: important_dates (store/today.rs): the facts of seven
-- month-days, with their account, person and label, ordered by day and account name. Through
-- fact_month_day every fact cost a read of its table row (some 2,400 random pages at 100k
-- accounts / 300k facts); this index holds every column the query reads (month_day too, so
-- SQLite reads it without the table). Nothing is changed or lost: an index only.
CREATE INDEX fact_day_customer ON customer_fact(month_day, customer_id, contact_id, id, label)
    WHERE month_day IS NOT NULL;
