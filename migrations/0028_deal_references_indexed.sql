-- 0028: the visits and next steps of a deal, indexed. Removing a deal sets their deal_id to
-- null (ON DELETE SET NULL), and SQLite finds them for each deal removed: with no index on
-- deal_id it read every visit and next step (1M + 940k rows at 100k accounts) for each one.
-- Undoing an import of 33k accounts into that database removes 33k deals: it ran for more
-- than ten minutes without ending. Never edit once released. Nothing is changed or lost:
-- indexes only.
CREATE INDEX visit_deal ON visit(deal_id) WHERE deal_id IS NOT NULL;
CREATE INDEX next_step_deal ON next_step(deal_id) WHERE deal_id IS NOT NULL;
