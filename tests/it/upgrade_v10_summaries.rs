//! Upgrading the version-10 fixture (see `upgrade_v10.rs`, which made it) to the summary
//! tables kept by triggers: each is built from version 10's rows, so what reads it answers as
//! the rows themselves would, and `check` finds it right.

use crate::upgrade_support::read_only;
use crate::upgrade_v10::{strings, upgraded_env};

/// Migration 0022 (the open deals' totals per step and currency kept in a table): built from
/// version 10's deals, so the board's totals are what the deals give, and `check` agrees.
#[test]
fn version_22_totals_the_open_deals_of_version_10() {
    let env = upgraded_env();
    assert!(env.ok(&["check"]).starts_with("OK: "));
    let after = read_only(&env.db);
    let kept = strings(
        &after,
        "SELECT stage || ' ' || currency || ' ' || deals || ' ' || valued || ' ' || value_minor
         FROM deal_open_tally ORDER BY stage, currency",
    );
    let counted = strings(
        &after,
        "SELECT stage || ' ' || currency || ' ' || count(*) || ' ' || count(value_minor) || ' ' || coalesce(sum(value_minor), 0)
         FROM deal WHERE state = 'open' GROUP BY stage, currency ORDER BY stage, currency",
    );
    assert_eq!(kept, counted);
    assert!(kept.len() >= 2, "version 10 has open deals in several steps or currencies: {kept:?}");
    drop(after);
    let board = env.json(&["pipeline", "--format", "json"]);
    let deals: u64 = board.as_array().unwrap().iter().map(|s| s["count"].as_u64().unwrap()).sum();
    let open = strings(&read_only(&env.db), "SELECT CAST(count(*) AS TEXT) FROM deal WHERE state = 'open'");
    assert_eq!(deals.to_string(), open[0]);
}
