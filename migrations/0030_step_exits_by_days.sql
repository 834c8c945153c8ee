-- 0030: what makes a deal stuck is read from tables kept by triggers instead of every step
-- change of the 90 days before the period's end (issue 15: `report` within 2x the sqlite3
-- shell's open-plus-one-query; the month's report read ~40,000 changes, ~900 pages, to find
-- one rank per step). Never edit once released. Queries (store/step_exits.rs):
-- step_exit_week_tally counts the changes that took an open deal out of its step (to another
-- step, a win or a loss) per UTC week (its Monday; '' for a change whose time is not in the
-- usual 'YYYY-MM-DDTHH:MM:SSZ' form, and then the report reads every change as before), step
-- and band of 32 whole days stood in the step: the whole weeks of the window give the count
-- per band, the days at its edges are read from stage_event_timeline. step_exit_days counts
-- the same changes per step, whole days and time: the band holding the slowest quarter's
-- rank is then counted day by day over the window. Whole days are the seconds since the
-- deal's change before, rounded up (none below 0), as ops/report.rs measured them.
-- Both are kept by triggers on stage_event_timeline (insert, delete, and a change of the
-- columns they read); `fieldbook check` compares them with it; a bulk load sets the triggers
-- aside and builds them once (store/summaries.rs).
-- Nothing is changed or lost: tables computed from the records.

CREATE TABLE step_exit_days (
    stage TEXT NOT NULL,
    whole_days INTEGER NOT NULL,
    at TEXT NOT NULL,
    exits INTEGER NOT NULL,
    PRIMARY KEY (stage, whole_days, at)
) WITHOUT ROWID;
INSERT INTO step_exit_days (stage, whole_days, at, exits)
SELECT from_stage, max(0, unixepoch(at) - unixepoch(before_at) + 86399) / 86400, at, count(*)
FROM stage_event_timeline
WHERE from_state = 'open' AND from_stage IS NOT NULL AND NOT (to_state = 'open' AND to_stage = from_stage)
  AND unixepoch(at) - unixepoch(before_at) IS NOT NULL
GROUP BY from_stage, max(0, unixepoch(at) - unixepoch(before_at) + 86399) / 86400, at;

CREATE TABLE step_exit_week_tally (
    week TEXT NOT NULL,
    stage TEXT NOT NULL,
    band INTEGER NOT NULL,
    exits INTEGER NOT NULL,
    PRIMARY KEY (week, stage, band)
) WITHOUT ROWID;
INSERT INTO step_exit_week_tally (week, stage, band, exits)
SELECT CASE WHEN strftime('%Y-%m-%dT%H:%M:%SZ', at) IS at THEN date(at, '-6 days', 'weekday 1') ELSE '' END,
       from_stage, (max(0, unixepoch(at) - unixepoch(before_at) + 86399) / 86400) / 32, count(*)
FROM stage_event_timeline
WHERE from_state = 'open' AND from_stage IS NOT NULL AND NOT (to_state = 'open' AND to_stage = from_stage)
  AND unixepoch(at) - unixepoch(before_at) IS NOT NULL
GROUP BY 1, 2, 3;

CREATE TRIGGER step_exit_days_insert AFTER INSERT ON stage_event_timeline
WHEN new.from_state = 'open' AND new.from_stage IS NOT NULL AND NOT (new.to_state = 'open' AND new.to_stage = new.from_stage)
  AND unixepoch(new.at) - unixepoch(new.before_at) IS NOT NULL BEGIN
    INSERT INTO step_exit_days (stage, whole_days, at, exits)
    VALUES (new.from_stage, max(0, unixepoch(new.at) - unixepoch(new.before_at) + 86399) / 86400, new.at, 1)
    ON CONFLICT (stage, whole_days, at) DO UPDATE SET exits = exits + 1;
END;
CREATE TRIGGER step_exit_days_delete AFTER DELETE ON stage_event_timeline
WHEN old.from_state = 'open' AND old.from_stage IS NOT NULL AND NOT (old.to_state = 'open' AND old.to_stage = old.from_stage)
  AND unixepoch(old.at) - unixepoch(old.before_at) IS NOT NULL BEGIN
    UPDATE step_exit_days SET exits = exits - 1
    WHERE stage = old.from_stage AND whole_days = max(0, unixepoch(old.at) - unixepoch(old.before_at) + 86399) / 86400 AND at = old.at;
    DELETE FROM step_exit_days
    WHERE stage = old.from_stage AND whole_days = max(0, unixepoch(old.at) - unixepoch(old.before_at) + 86399) / 86400 AND at = old.at
      AND exits = 0;
END;
CREATE TRIGGER step_exit_days_update AFTER UPDATE OF at, from_stage, from_state, to_stage, to_state, before_at ON stage_event_timeline BEGIN
    UPDATE step_exit_days SET exits = exits - 1
    WHERE old.from_state = 'open' AND old.from_stage IS NOT NULL AND NOT (old.to_state = 'open' AND old.to_stage = old.from_stage)
      AND stage = old.from_stage AND whole_days = max(0, unixepoch(old.at) - unixepoch(old.before_at) + 86399) / 86400 AND at = old.at;
    DELETE FROM step_exit_days
    WHERE stage = old.from_stage AND whole_days = max(0, unixepoch(old.at) - unixepoch(old.before_at) + 86399) / 86400 AND at = old.at
      AND exits = 0;
    INSERT INTO step_exit_days (stage, whole_days, at, exits)
    SELECT new.from_stage, max(0, unixepoch(new.at) - unixepoch(new.before_at) + 86399) / 86400, new.at, 1
    WHERE new.from_state = 'open' AND new.from_stage IS NOT NULL AND NOT (new.to_state = 'open' AND new.to_stage = new.from_stage)
      AND unixepoch(new.at) - unixepoch(new.before_at) IS NOT NULL
    ON CONFLICT (stage, whole_days, at) DO UPDATE SET exits = exits + 1;
END;

CREATE TRIGGER step_exit_week_tally_insert AFTER INSERT ON stage_event_timeline
WHEN new.from_state = 'open' AND new.from_stage IS NOT NULL AND NOT (new.to_state = 'open' AND new.to_stage = new.from_stage)
  AND unixepoch(new.at) - unixepoch(new.before_at) IS NOT NULL BEGIN
    INSERT INTO step_exit_week_tally (week, stage, band, exits)
    VALUES (CASE WHEN strftime('%Y-%m-%dT%H:%M:%SZ', new.at) IS new.at THEN date(new.at, '-6 days', 'weekday 1') ELSE '' END,
            new.from_stage, (max(0, unixepoch(new.at) - unixepoch(new.before_at) + 86399) / 86400) / 32, 1)
    ON CONFLICT (week, stage, band) DO UPDATE SET exits = exits + 1;
END;
CREATE TRIGGER step_exit_week_tally_delete AFTER DELETE ON stage_event_timeline
WHEN old.from_state = 'open' AND old.from_stage IS NOT NULL AND NOT (old.to_state = 'open' AND old.to_stage = old.from_stage)
  AND unixepoch(old.at) - unixepoch(old.before_at) IS NOT NULL BEGIN
    UPDATE step_exit_week_tally SET exits = exits - 1
    WHERE week = (CASE WHEN strftime('%Y-%m-%dT%H:%M:%SZ', old.at) IS old.at THEN date(old.at, '-6 days', 'weekday 1') ELSE '' END)
      AND stage = old.from_stage AND band = (max(0, unixepoch(old.at) - unixepoch(old.before_at) + 86399) / 86400) / 32;
    DELETE FROM step_exit_week_tally
    WHERE week = (CASE WHEN strftime('%Y-%m-%dT%H:%M:%SZ', old.at) IS old.at THEN date(old.at, '-6 days', 'weekday 1') ELSE '' END)
      AND stage = old.from_stage AND band = (max(0, unixepoch(old.at) - unixepoch(old.before_at) + 86399) / 86400) / 32
      AND exits = 0;
END;
CREATE TRIGGER step_exit_week_tally_update AFTER UPDATE OF at, from_stage, from_state, to_stage, to_state, before_at ON stage_event_timeline BEGIN
    UPDATE step_exit_week_tally SET exits = exits - 1
    WHERE old.from_state = 'open' AND old.from_stage IS NOT NULL AND NOT (old.to_state = 'open' AND old.to_stage = old.from_stage)
      AND week = (CASE WHEN strftime('%Y-%m-%dT%H:%M:%SZ', old.at) IS old.at THEN date(old.at, '-6 days', 'weekday 1') ELSE '' END)
      AND stage = old.from_stage AND band = (max(0, unixepoch(old.at) - unixepoch(old.before_at) + 86399) / 86400) / 32;
    DELETE FROM step_exit_week_tally
    WHERE week = (CASE WHEN strftime('%Y-%m-%dT%H:%M:%SZ', old.at) IS old.at THEN date(old.at, '-6 days', 'weekday 1') ELSE '' END)
      AND stage = old.from_stage AND band = (max(0, unixepoch(old.at) - unixepoch(old.before_at) + 86399) / 86400) / 32
      AND exits = 0;
    INSERT INTO step_exit_week_tally (week, stage, band, exits)
    SELECT CASE WHEN strftime('%Y-%m-%dT%H:%M:%SZ', new.at) IS new.at THEN date(new.at, '-6 days', 'weekday 1') ELSE '' END,
           new.from_stage, (max(0, unixepoch(new.at) - unixepoch(new.before_at) + 86399) / 86400) / 32, 1
    WHERE new.from_state = 'open' AND new.from_stage IS NOT NULL AND NOT (new.to_state = 'open' AND new.to_stage = new.from_stage)
      AND unixepoch(new.at) - unixepoch(new.before_at) IS NOT NULL
    ON CONFLICT (week, stage, band) DO UPDATE SET exits = exits + 1;
END;
