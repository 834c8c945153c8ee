//! Schema migrations on `PRAGMA user_version`, from the numbered files in `migrations/`.

use rusqlite::{Connection, TransactionBehavior};

use super::error::{Context, Result, StoreError};

/// Every migration in order; the index + 1 is the schema version it produces.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_init.sql"),
    include_str!("../../migrations/0002_search_by_kind.sql"),
    include_str!("../../migrations/0003_pipeline_board.sql"),
    include_str!("../../migrations/0004_sales_method.sql"),
    include_str!("../../migrations/0005_cadence_indexes.sql"),
    include_str!("../../migrations/0006_import_batch.sql"),
    include_str!("../../migrations/0007_customer_name_covering.sql"),
    include_str!("../../migrations/0008_account_people.sql"),
    include_str!("../../migrations/0009_deal_source.sql"),
    include_str!("../../migrations/0010_search_keys.sql"),
    include_str!("../../migrations/0011_next_steps.sql"),
    include_str!("../../migrations/0012_archived_customers.sql"),
    include_str!("../../migrations/0013_duplicate_check.sql"),
    include_str!("../../migrations/0014_calendar_events.sql"),
    include_str!("../../migrations/0015_self_assessment.sql"),
    include_str!("../../migrations/0016_person_carries_to_account.sql"),
    include_str!("../../migrations/0017_board_filter_covering.sql"),
    include_str!("../../migrations/0018_read_indexes.sql"),
    include_str!("../../migrations/0019_dates_covering.sql"),
    include_str!("../../migrations/0020_today_page_order.sql"),
    include_str!("../../migrations/0021_whole_pinyin_of_companies.sql"),
    include_str!("../../migrations/0022_open_deal_totals.sql"),
    include_str!("../../migrations/0023_report_day_totals.sql"),
    include_str!("../../migrations/0024_short_starts_of_keys.sql"),
    include_str!("../../migrations/0025_step_history_by_time.sql"),
    include_str!("../../migrations/0026_cadence_class_in_index.sql"),
    include_str!("../../migrations/0027_open_next_steps_of_accounts.sql"),
    include_str!("../../migrations/0028_deal_references_indexed.sql"),
    include_str!("../../migrations/0029_phone_digit_runs.sql"),
    include_str!("../../migrations/0030_step_exits_by_days.sql"),
    include_str!("../../migrations/0031_customer_name_pinyin_order.sql"),
    include_str!("../../migrations/0032_won_values_and_open_since.sql"),
];

/// The schema version this binary writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// Reads the schema version of an open database.
pub fn version(conn: &Connection) -> Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0)).ctx("reading the schema version")
}

/// Brings the schema up to `LATEST`, each step in its own transaction. Safe when two
/// processes start at once: the version is re-read under the write lock.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, LATEST)
}

/// Migrates up to `target` (tests use it to build older schemas).
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<()> {
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).ctx("starting a migration")?;
        let current = version(&tx)?;
        if current >= target {
            return Ok(());
        }
        let Some(sql) = usize::try_from(current).ok().and_then(|i| MIGRATIONS.get(i)) else {
            return Err(StoreError::Corrupt(format!("schema version {current}")));
        };
        tx.execute_batch(sql).ctx("migrating the schema")?;
        tx.pragma_update(None, "user_version", current + 1).ctx("migrating the schema")?;
        tx.commit().ctx("committing a migration")?;
    }
}
