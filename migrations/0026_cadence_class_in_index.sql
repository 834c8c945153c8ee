-- 0026: Today's "due by cadence" reads accounts' classes from its indexes, and two indexes
-- nothing reads any more are dropped (issue 15: `today` near SQLite's floor). Never edit
-- once released. Query: due_by_cadence (store/today_due.rs) reads each interval group's
-- most overdue accounts in order of last contact, leaving out the class "lost": lost
-- accounts are no longer visited, so they gather at the start of every group's range, and
-- each was a read of its row for the class (some 9,000 rows, 873 page reads of `today`'s
-- 2,477 on the bench database); the class now sits in the index, read in passing.
-- visit_done_tally and next_step_due_done (0018) served the report's visits and next steps,
-- which read the per-day totals of 0023 since; no query plan takes them (53 MB and 36 MB
-- at 100k accounts / 1M visits, written at every visit and next step). `check` compares
-- next_step_day_tally with a scan of next_step instead of one of next_step_due_done.
-- Nothing is changed or lost: indexes only.

DROP INDEX customer_cadence_quadrant;
CREATE INDEX customer_cadence_quadrant ON customer(portfolio, last_contact_on, created_at, class)
    WHERE archived = 0 AND cadence_days IS NULL;
DROP INDEX customer_cadence_override;
CREATE INDEX customer_cadence_override ON customer(cadence_days, last_contact_on, created_at, class)
    WHERE archived = 0 AND cadence_days IS NOT NULL;
DROP INDEX visit_done_tally;
DROP INDEX next_step_due_done;
