-- 0017: the board's filter-as-you-type. Never edit once released.
-- Query: pipeline_matches (store/pipeline.rs): the customers matching the filter (the
-- customer_name index, 0007, and the search keys), then each one's open deals with their
-- step, currency, value and day in step, for the five columns' totals and order. Through
-- deal_customer every matched deal cost a read of its table row; with those columns in this
-- index the match reads no deal rows (typing "Zh" on 100k accounts, 24k open deals matched:
-- 250 -> 143 ms at load 8). Nothing is changed or lost: an index only.
CREATE INDEX deal_open_customer ON deal(customer_id, stage, stage_since, currency, value_minor) WHERE state = 'open';
