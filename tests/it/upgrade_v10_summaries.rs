//! Upgrading the version-10 fixture (see `upgrade_v10.rs`, which made it) to the summary
//! tables kept by triggers: each is built from version 10's rows, so what reads it answers as
//! the rows themselves would, and `check` finds it right.

use crate::upgrade_support::read_only;
use crate::upgrade_v10::{strings, upgraded_env};

/// `fieldbook check` finds nothing wrong after `what`.
fn check_is_ok(env: &crate::common::Env, what: &str) {
    let out = env.ok(&["check"]);
    assert!(out.starts_with("OK: "), "{what}: {out}");
}

/// Migration 0022 (the open deals' totals per step and currency kept in a table): built from
/// version 10's deals, so the board's totals are what the deals give, and `check` agrees.
/// Adds a deal to account 2 titled `title` and returns its id, checked after.
fn add_deal(env: &crate::common::Env, title: &str) -> String {
    let deal = env.ok(&["deal", "add", "2", "--title", title, "--value", "USD 900", "--close-on", "2031-06-15"]);
    check_is_ok(env, "a deal added");
    deal.trim().to_owned()
}

/// Runs each command in turn, checking the database after each (named by its `what`).
fn each_checked(env: &crate::common::Env, steps: &[(&[&str], &str)]) {
    for (args, what) in steps {
        env.ok(args);
        check_is_ok(env, what);
    }
}

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

/// Migration 0023 (the report's totals per day, forecast and customer base kept in tables):
/// built from version 10's rows, they stay what the rows give (`check` compares them) through
/// everything a rep does after the upgrade, and the report of the month counts version 10's
/// visits and next steps as the rows themselves do.
#[test]
fn version_23_keeps_the_reports_totals_of_version_10_through_every_write() {
    let env = upgraded_env();
    let checked = |what: &str| check_is_ok(&env, what);
    checked("upgraded");
    let after = read_only(&env.db);
    for table in ["visit_day_tally", "next_step_day_tally", "deal_open_close_tally", "customer_class_tally"] {
        let rows = strings(&after, &format!("SELECT CAST(count(*) AS TEXT) FROM {table}"));
        assert_ne!(rows, ["0"], "{table} is built from version 10's rows");
    }
    let count = |sql: &str| -> u64 {
        strings(&read_only(&env.db), &format!("SELECT CAST(({sql}) AS TEXT)"))[0].parse().unwrap()
    };
    drop(after);
    let month = |env: &crate::common::Env| env.json(&["report", "--period", "month", "--format", "json"]);
    let report = month(&env);
    let activity = &report["activity"];
    assert_eq!(
        activity["done"],
        count("SELECT count(*) FROM visit WHERE done_at >= '2031-05-01' AND done_at < '2031-06-01'")
    );
    assert_eq!(
        activity["next_steps"]["set"],
        count("SELECT count(*) FROM next_step WHERE due_on >= '2031-05-01' AND due_on < '2031-06-01'")
    );
    let classes: u64 = report["customers"]["classes"].as_array().unwrap().iter().map(|c| c[1].as_u64().unwrap()).sum();
    assert_eq!(classes, count("SELECT count(*) FROM customer WHERE archived = 0"));

    // Writes of every kind, each followed by the check.
    env.ok(&[
        "visit",
        "1",
        "--deal",
        "1",
        "--at",
        "2031-05-05 10:00",
        "--purpose",
        "回访",
        "--plan",
        "带样品",
        "--expect",
        "试用",
        "--result",
        "同意试用",
        "--outcome",
        "partly",
        "--next-step",
        "寄样品",
        "--next",
        "+2d",
    ]);
    checked("a visit logged");
    let planned = env.ok(&[
        "plan",
        "1",
        "--deal",
        "1",
        "--at",
        "2031-05-12 09:00",
        "--purpose",
        "演示",
        "--plan",
        "带电脑",
        "--expect",
        "下单",
    ]);
    checked("a visit planned");
    let planned = planned.trim();
    env.ok(&["visit", "1", "--of", planned, "--at", "2031-05-06 09:30", "--result", "下单了", "--outcome", "met"]);
    checked("a planned visit logged");
    env.ok(&["visit", "edit", planned, "--outcome", "not-met", "--channel", "phone"]);
    checked("a visit edited");
    let step = env.ok(&["next", "add", "1", "报价", "--on", "2031-05-07"]);
    checked("a next step added");
    env.ok(&["next", "postpone", step.trim(), "--on", "2031-05-09"]);
    checked("a next step postponed");
    env.ok(&["next", "done", step.trim()]);
    checked("a next step done");
    env.ok(&["visit", "delete", planned]);
    checked("a visit deleted");
    env.ok(&["profile", "1", "--class", "quality", "--portfolio", "cash-cow"]);
    checked("class and quadrant changed");
    let deal = env.ok(&["deal", "add", "1", "--title", "三期", "--value", "USD 900", "--close-on", "2031-07-15"]);
    let deal = deal.trim();
    checked("a deal added");
    env.ok(&["move", "1", "close", "--deal", deal]);
    checked("a deal moved");
    env.ok(&["won", "1", "--deal", deal, "--value", "300k"]);
    checked("a deal won");
    env.ok(&["archive", "2"]);
    checked("an account archived");
    env.ok(&["delete", "1", "--yes"]);
    checked("an account deleted");
    let report = month(&env);
    assert_eq!(
        report["activity"]["done"],
        count("SELECT count(*) FROM visit WHERE done_at >= '2031-05-01' AND done_at < '2031-06-01'")
    );
}

/// Migration 0025 (the step history by time, with the time of each change before it and a
/// close's value): built from version 10's step history, it stays what the rows give through
/// every change of a deal (`check` compares it), and the quarter's results count a win and a
/// loss of the same deal, each at the deal's value now.
#[test]
fn version_25_keeps_the_step_history_by_time_through_every_deal_change() {
    let env = upgraded_env();
    let checked = |what: &str| check_is_ok(&env, what);
    checked("upgraded");
    let after = read_only(&env.db);
    let events = strings(&after, "SELECT CAST(count(*) AS TEXT) FROM stage_event");
    assert_ne!(events, ["0"], "version 10 has a step history");
    assert_eq!(strings(&after, "SELECT CAST(count(*) AS TEXT) FROM stage_event_timeline"), events);
    drop(after);
    let quarter = || env.json(&["report", "--period", "quarter", "--format", "json"]);
    let before = quarter();

    let deal = &add_deal(&env, "二期");
    each_checked(
        &env,
        &[
            (&["move", "2", "survey", "--deal", deal], "a deal moved"),
            (&["won", "2", "--deal", deal, "--value", "300k"], "a deal won"),
            (&["deal", "edit", deal, "--value", "400k", "--currency", "CNY"], "a won deal's value changed"),
            (&["reopen", deal, "--reason", "客户追加"], "a deal reopened"),
            (&["lost", "2", "--deal", deal, "--reason", "预算取消"], "a deal lost"),
        ],
    );
    let report = quarter();
    let results = &report["results"];
    assert_eq!(results["won_count"], before["results"]["won_count"].as_u64().unwrap() + 1);
    assert_eq!(results["lost_count"], before["results"]["lost_count"].as_u64().unwrap() + 1);
    let value_of = |side: &serde_json::Value, key: &str| -> i64 {
        side[key]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["currency"] == "CNY")
            .map_or(0, |c| c["value_minor"].as_i64().unwrap())
    };
    for key in ["won", "lost"] {
        assert_eq!(
            value_of(results, key),
            value_of(&before["results"], key) + 40_000_000,
            "{key}: the deal's value now"
        );
    }
    assert!(results["lost_reasons"].as_array().unwrap().iter().any(|r| r["reason"] == "预算取消"));
    env.ok(&["delete", "2", "--yes"]);
    checked("an account and its deals deleted");
}

/// Migration 0030 (the changes out of a step counted by whole days stood, per day and per
/// week): built from version 10's step history, they count every change that took an open
/// deal out of its step, and stay what the history gives through every change of a deal
/// (`check` compares them).
#[test]
fn version_30_counts_version_10s_changes_out_of_each_step_through_every_deal_change() {
    let env = upgraded_env();
    let checked = |what: &str| check_is_ok(&env, what);
    checked("upgraded");
    let after = read_only(&env.db);
    let exits = strings(
        &after,
        "SELECT CAST(count(*) AS TEXT) FROM stage_event_timeline
         WHERE from_state = 'open' AND from_stage IS NOT NULL AND NOT (to_state = 'open' AND to_stage = from_stage)
           AND before_at IS NOT NULL",
    );
    assert_ne!(exits, ["0"], "version 10's deals left steps");
    for table in ["step_exit_days", "step_exit_week_tally"] {
        assert_eq!(strings(&after, &format!("SELECT CAST(sum(exits) AS TEXT) FROM {table}")), exits, "{table}");
    }
    drop(after);

    let deal = &add_deal(&env, "三期");
    each_checked(
        &env,
        &[
            (&["move", "2", "survey", "--deal", deal], "a deal moved"),
            (&["move", "2", "presentation", "--deal", deal], "a deal moved on"),
            (&["won", "2", "--deal", deal, "--value", "300k"], "a deal won"),
            (&["reopen", deal, "--reason", "客户追加"], "a deal reopened"),
            (&["lost", "2", "--deal", deal, "--reason", "预算取消"], "a deal lost"),
        ],
    );
    let week = env.json(&["report", "--period", "week", "--format", "json"]);
    assert_eq!(week["funnel"].as_array().map(Vec::len), Some(5));
    env.ok(&["delete", "2", "--yes"]);
    checked("an account and its deals deleted");
    let left = strings(&read_only(&env.db), "SELECT CAST(count(*) AS TEXT) FROM step_exit_days WHERE exits <= 0");
    assert_eq!(left, ["0"], "no count is left at nothing");
}

/// Migration 0032 (each account's won value and how many accounts won each value, the open
/// deals per step and day they came into it): built from version 10's deals, they stay what
/// the deals give through every change of a deal (`check` compares them), and the report's
/// ABC of accounts counts every account with a won value.
#[test]
fn version_32_tallies_version_10s_won_values_and_open_deals_through_every_deal_change() {
    let env = upgraded_env();
    let checked = |what: &str| check_is_ok(&env, what);
    checked("upgraded");
    let after = read_only(&env.db);
    let won = strings(
        &after,
        "SELECT CAST(count(DISTINCT customer_id || ' ' || currency) AS TEXT) FROM deal
         WHERE state = 'won' AND value_minor IS NOT NULL AND closed_at IS NOT NULL",
    );
    assert_ne!(won, ["0"], "version 10 has won deals");
    assert_eq!(strings(&after, "SELECT CAST(sum(accounts) AS TEXT) FROM won_value_tally"), won);
    let open = strings(&after, "SELECT CAST(count(*) AS TEXT) FROM deal WHERE state = 'open'");
    assert_eq!(strings(&after, "SELECT CAST(sum(deals) AS TEXT) FROM deal_open_since_tally"), open);
    drop(after);

    let deal = &add_deal(&env, "四期");
    each_checked(
        &env,
        &[
            (&["move", "2", "survey", "--deal", deal], "a deal moved"),
            (&["won", "2", "--deal", deal, "--value", "300k"], "a deal won"),
            (
                &["deal", "edit", deal, "--value", "400k", "--currency", "CNY"],
                "a won deal's value and currency changed",
            ),
            (&["reopen", deal, "--reason", "客户追加"], "a deal reopened"),
            (&["won", "2", "--deal", deal], "a deal won again"),
        ],
    );
    let report = env.json(&["report", "--period", "month", "--format", "json"]);
    let accounts: u64 = report["customers"]["abc"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| ["a", "b", "c"].iter().map(|k| row[k]["accounts"].as_u64().unwrap()).sum::<u64>())
        .sum();
    let won = strings(
        &read_only(&env.db),
        "SELECT CAST(count(DISTINCT customer_id || ' ' || currency) AS TEXT) FROM deal
         WHERE state = 'won' AND value_minor IS NOT NULL AND closed_at < '2031-06-01'",
    );
    assert_eq!(accounts.to_string(), won[0]);
    env.ok(&["delete", "2", "--yes"]);
    checked("an account and its deals deleted");
}
