-- 0027: a board card's next step (store/pipeline.rs, DEAL_NEXT_ON: the earliest of its
-- account's open appointments and open next steps, its deal's or the account's own) read from
-- two small indexes of the open ones that hold every column it reads. Through visit_customer
-- and next_step_customer it read each of the account's visits (ten an account at 1M visits,
-- done ones too) and open next steps from their tables: the forty cards a column shows first,
-- five columns, took 20 ms at 100k accounts, more than a frame for every key of the board's
-- filter. Never edit once released. Nothing is changed or lost: indexes only.
CREATE INDEX visit_open_of_customer ON visit(customer_id, deal_id, planned_at) WHERE done_at IS NULL;
CREATE INDEX next_step_open_of_customer ON next_step(customer_id, deal_id, due_on) WHERE done_at IS NULL;
