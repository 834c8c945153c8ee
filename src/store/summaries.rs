//! Summary tables kept by triggers (migrations 0022, 0023, 0025, 0030 and 0032): totals a read would otherwise count
//! row by row, adjusted by each write. A bulk load sets their triggers aside and builds the
//! tables once at the end ([`rebuild`], from [`super::bulk_deferred`]); `fieldbook check`
//! compares each with its source rows ([`differences`]).

use rusqlite::Connection;

use super::error::{Context, Result};

/// A summary table and the query that computes it from its source rows.
pub(crate) struct Summary {
    /// The table; the names of the triggers keeping it start with it and `_`.
    pub table: &'static str,
    /// Its columns, in the order `select` gives them.
    pub columns: &'static str,
    /// Its rows computed from the source tables (a key without rows has no row).
    pub select: &'static str,
}

/// Every summary table, as its migration built it (0022: the board's totals; 0023: the
/// report's per-day totals, forecast and customer base; 0025: the step history by time;
/// 0030: the changes out of a step by whole days stood, built from 0025's table after it;
/// 0032: won value per account and how many accounts won each value, in that order, and the
/// open deals per step and day they came into it).
pub(crate) const SUMMARIES: &[Summary] = &[
    Summary {
        table: "deal_open_tally",
        columns: "stage, currency, deals, valued, value_minor",
        select: "SELECT stage, currency, count(*), count(value_minor), coalesce(sum(value_minor), 0)
                 FROM deal WHERE state = 'open' GROUP BY stage, currency",
    },
    Summary {
        table: "deal_open_close_tally",
        columns: "stage, currency, close_on, deals, valued, value_minor",
        select: "SELECT r.stage, r.currency, coalesce(r.expected_close_on, ''), count(*), coalesce(sum(r.value_minor IS NOT NULL), 0), coalesce(sum(coalesce(r.value_minor, 0)), 0) FROM deal r WHERE r.state = 'open' GROUP BY r.stage, r.currency, coalesce(r.expected_close_on, '')",
    },
    Summary {
        table: "visit_day_tally",
        columns: "day, done, planned, channel, kind, outcome, visits",
        select: "SELECT substr(coalesce(r.done_at, r.planned_at), 1, 10), r.done_at IS NOT NULL, r.planned_at IS NOT NULL, r.channel, r.kind, coalesce(r.outcome, ''), count(*) FROM visit r WHERE coalesce(r.done_at, r.planned_at) IS NOT NULL GROUP BY substr(coalesce(r.done_at, r.planned_at), 1, 10), r.done_at IS NOT NULL, r.planned_at IS NOT NULL, r.channel, r.kind, coalesce(r.outcome, '')",
    },
    Summary {
        table: "next_step_day_tally",
        columns: "due_on, steps, kept, late, open",
        select: "SELECT r.due_on, count(*), coalesce(sum(r.done_at IS NOT NULL AND substr(r.done_at, 1, 10) <= r.due_on), 0), coalesce(sum(r.done_at IS NOT NULL AND substr(r.done_at, 1, 10) > r.due_on), 0), coalesce(sum(r.done_at IS NULL), 0) FROM next_step r GROUP BY r.due_on",
    },
    Summary {
        table: "customer_class_tally",
        columns: "class, portfolio, customers",
        select: "SELECT r.class, coalesce(r.portfolio, ''), count(*) FROM customer r WHERE r.archived = 0 GROUP BY r.class, coalesce(r.portfolio, '')",
    },
    Summary {
        table: "stage_event_timeline",
        columns: "at, id, deal_id, from_stage, from_state, to_stage, to_state, before_at, value_minor, currency, reason",
        select: "SELECT e.at, e.id, e.deal_id, e.from_stage, e.from_state, e.to_stage, e.to_state, lag(e.at) OVER (PARTITION BY e.deal_id ORDER BY e.id), CASE WHEN e.to_state <> 'open' THEN d.value_minor END, CASE WHEN e.to_state <> 'open' THEN d.currency END, CASE WHEN e.to_state = 'lost' THEN e.reason ELSE '' END FROM stage_event e LEFT JOIN deal d ON d.id = e.deal_id",
    },
    Summary {
        table: "won_account_tally",
        columns: "customer_id, currency, deals, value_minor",
        select: "SELECT customer_id, currency, count(*), sum(value_minor) FROM deal WHERE state = 'won' AND value_minor IS NOT NULL AND closed_at IS NOT NULL GROUP BY customer_id, currency",
    },
    Summary {
        table: "won_value_tally",
        columns: "currency, value_minor, accounts",
        select: "SELECT currency, value_minor, count(*) FROM won_account_tally GROUP BY currency, value_minor",
    },
    Summary {
        table: "deal_open_since_tally",
        columns: "stage, day, deals",
        select: "SELECT stage, substr(stage_since, 1, 10), count(*) FROM deal WHERE state = 'open' GROUP BY stage, substr(stage_since, 1, 10)",
    },
    Summary {
        table: "step_exit_days",
        columns: "stage, whole_days, at, exits",
        select: "SELECT from_stage, max(0, unixepoch(at) - unixepoch(before_at) + 86399) / 86400, at, count(*) FROM stage_event_timeline WHERE from_state = 'open' AND from_stage IS NOT NULL AND NOT (to_state = 'open' AND to_stage = from_stage) AND unixepoch(at) - unixepoch(before_at) IS NOT NULL GROUP BY from_stage, max(0, unixepoch(at) - unixepoch(before_at) + 86399) / 86400, at",
    },
    Summary {
        table: "step_exit_week_tally",
        columns: "week, stage, band, exits",
        select: "SELECT CASE WHEN strftime('%Y-%m-%dT%H:%M:%SZ', at) IS at THEN date(at, '-6 days', 'weekday 1') ELSE '' END, from_stage, (max(0, unixepoch(at) - unixepoch(before_at) + 86399) / 86400) / 32, count(*) FROM stage_event_timeline WHERE from_state = 'open' AND from_stage IS NOT NULL AND NOT (to_state = 'open' AND to_stage = from_stage) AND unixepoch(at) - unixepoch(before_at) IS NOT NULL GROUP BY 1, 2, 3",
    },
];

/// Whether the trigger `name` keeps a summary table.
pub(crate) fn keeps_a_summary(name: &str) -> bool {
    SUMMARIES.iter().any(|s| name.strip_prefix(s.table).is_some_and(|rest| rest.starts_with('_')))
}

/// Computes every summary table again from its source rows.
pub(crate) fn rebuild(conn: &Connection) -> Result<()> {
    for s in SUMMARIES {
        conn.execute_batch(&format!(
            "DELETE FROM {table}; INSERT INTO {table} ({columns}) {select};",
            table = s.table,
            columns = s.columns,
            select = s.select
        ))
        .ctx("building the summary tables")?;
    }
    Ok(())
}

/// Per summary table whose rows differ from what its source rows give, how many rows differ
/// (either way).
pub(crate) fn differences(conn: &Connection) -> Result<Vec<(&'static str, i64)>> {
    let mut found = Vec::new();
    for s in SUMMARIES {
        let sql = format!(
            "SELECT count(*) FROM (SELECT * FROM (SELECT {columns} FROM {table} EXCEPT {select})
                                   UNION ALL SELECT * FROM ({select} EXCEPT SELECT {columns} FROM {table}))",
            table = s.table,
            columns = s.columns,
            select = s.select
        );
        let n: i64 = conn.query_row(&sql, [], |r| r.get(0)).ctx("checking the summary tables")?;
        if n > 0 {
            found.push((s.table, n));
        }
    }
    Ok(found)
}
