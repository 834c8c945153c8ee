-- 0020: Today's page of next steps due is read in the order it is shown. Never edit once
-- released. Query: overdue_steps (store/today.rs): open next steps due on or before the day,
-- by day, time and id, the first 20. The index of 0011 held the day (and the id) but not the
-- time, so every open step due by the day was read, its table row looked up for the time and
-- the lot sorted for a page of 20 (4,418 steps due on the bench database's day: 40-250 ms).
-- With the time after the day (and the id, the rowid, after it) the index gives the page's
-- order and the read stops after its 20 rows. Same name, so the queries naming it read the
-- new one. Nothing is changed or lost: an index only.
DROP INDEX next_step_open_due;
CREATE INDEX next_step_open_due ON next_step(due_on, due_time) WHERE done_at IS NULL;
