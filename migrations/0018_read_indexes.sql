-- 0018: indexes for the read commands at 100k accounts / 1M visits (issues 14 and 15): each
-- command reads a range of one index instead of a table. Never edit once released.
-- Every column a query reads is in its index, the filtered ones too: SQLite reads a partial
-- or expression index without the table only when the index has the columns themselves
-- (`done_at` below, always NULL in a `WHERE done_at IS NULL` index, costs a byte). The
-- queries name these indexes (INDEXED BY): older ones cover the same rows without every
-- column, and the planner's statistics may not know the new ones yet.

-- Query: the report's step changes of a period, and which deals changed since it began.
CREATE INDEX stage_event_at ON stage_event(at, deal_id);

-- Query: the pipeline's totals per step (open deals of accounts not archived), the report's
-- forecast (open deals by expected close), its funnel (open deals created before the period,
-- and stuck in their step since a day); the report's won value per account (ABC).
CREATE INDEX deal_state_totals
    ON deal(state, stage, currency, expected_close_on, value_minor, customer_id, created_at, closed_at, stage_since);

-- Query: the report's visits of a period by day, channel, type and outcome: those done, and
-- those not done yet (also counted for Today: appointments of the day, and late ones).
CREATE INDEX visit_done_tally ON visit(done_at, channel, kind, outcome, planned_at) WHERE done_at IS NOT NULL;
CREATE INDEX visit_open_tally ON visit(planned_at, done_at, channel, kind, outcome) WHERE done_at IS NULL;

-- Query: the report's next steps due in a period and when each was done; Today's count of
-- open next steps due today and late.
CREATE INDEX next_step_due_done ON next_step(due_on, done_at);
CREATE INDEX next_step_open_count ON next_step(due_on, done_at) WHERE done_at IS NULL;

-- Query: an account's next steps, done ones included (show, brief): next_step_customer
-- holds the open ones only.
CREATE INDEX next_step_of_customer ON next_step(customer_id);

-- Query: the report's customers per class and quadrant. Partial, not led by `archived`:
-- such an index would be taken for every list of active customers, in no useful order.
CREATE INDEX customer_class_quadrant ON customer(class, portfolio, archived) WHERE archived = 0;
