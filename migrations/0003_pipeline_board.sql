-- The pipeline board (src/store/pipeline.rs).

-- Query: per-step count and total value of open deals (`pipeline_totals`), read from the
-- index alone; and a step's page of cards, most recently moved first (`pipeline_cards`).
CREATE INDEX deal_open_board ON deal(stage, stage_since, value_minor) WHERE state = 'open';
