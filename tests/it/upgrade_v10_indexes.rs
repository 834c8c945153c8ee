//! Upgrading the version-10 fixture (see `upgrade_v10.rs`, which made it) through the
//! migrations that only change indexes: what reads them answers as the rows would.

use crate::upgrade_support;
use crate::upgrade_support::{read_only, user_version};
use crate::upgrade_v10::{FIXTURE, customers_with_token, strings, upgraded_env};

/// Migration 0026 (the cadence indexes hold the class; two indexes nothing reads dropped):
/// version 10's accounts are all in the new indexes with their class, the dropped ones are
/// gone, and an account of the class "lost" never shows as losing touch while the others
/// past their cadence do.
#[test]
fn version_26_reads_the_class_of_version_10_from_the_cadence_indexes() {
    let env = upgraded_env();
    assert!(env.ok(&["check"]).starts_with("OK: "));
    let after = read_only(&env.db);
    for index in ["customer_cadence_quadrant", "customer_cadence_override"] {
        let columns = strings(&after, &format!("SELECT name FROM pragma_index_info('{index}') ORDER BY seqno"));
        assert_eq!(columns.last().map(String::as_str), Some("class"), "{index}: {columns:?}");
    }
    let gone =
        strings(&after, "SELECT name FROM sqlite_schema WHERE name IN ('visit_done_tally', 'next_step_due_done')");
    assert!(gone.is_empty(), "{gone:?}");
    let in_index = strings(
        &after,
        "SELECT CAST(count(*) AS TEXT) FROM customer INDEXED BY customer_cadence_quadrant
         WHERE archived = 0 AND cadence_days IS NULL AND portfolio IS NOT 'none-such'",
    );
    let in_rows =
        strings(&after, "SELECT CAST(count(*) AS TEXT) FROM customer WHERE archived = 0 AND cadence_days IS NULL");
    assert_eq!(in_index, in_rows);
    drop(after);

    let due_ids = |env: &crate::common::Env| -> Vec<i64> {
        let list = env.json(&["losing-touch", "--limit", "500", "--format", "json", "--today", "2033-01-01"]);
        list["customers"].as_array().unwrap().iter().map(|c| c["customer"]["id"].as_i64().unwrap()).collect()
    };
    let before = due_ids(&env);
    assert!(before.contains(&1), "account 1 is past its cadence two years on: {before:?}");
    env.ok(&["profile", "1", "--class", "lost"]);
    let after = due_ids(&env);
    assert!(!after.contains(&1), "a lost account is not losing touch: {after:?}");
    assert_eq!(after, before.into_iter().filter(|id| *id != 1).collect::<Vec<_>>());
}

/// Migration 0027 (the open appointments and next steps of each account in their own small
/// indexes, for the board's cards): each holds every open one of version 10 and no done one,
/// so a card's next step is what the tables say.
#[test]
fn version_27_indexes_the_open_visits_and_next_steps_of_version_10() {
    let env = upgraded_env();
    assert!(env.ok(&["check"]).starts_with("OK: "));
    let after = read_only(&env.db);
    assert!(user_version(&after) >= 27);
    let rows = |sql: &str| strings(&after, &format!("SELECT coalesce(group_concat(x, ','), '') FROM ({sql})"));
    // The open rows of `table` read through `index`, and read from the table itself.
    let both = |table: &str, index: &str, day: &str| {
        let read = |from: &str| {
            rows(&format!(
                "SELECT customer_id || ' ' || coalesce(deal_id, '-') || ' ' || {day} AS x
                 FROM {table} {from} WHERE done_at IS NULL AND customer_id > 0 ORDER BY id"
            ))
        };
        (read(&format!("INDEXED BY {index}")), read("NOT INDEXED"))
    };
    let (visits, open_visits) = both("visit", "visit_open_of_customer", "planned_at");
    assert_eq!(visits, open_visits);
    assert!(!visits[0].is_empty(), "version 10 has a planned visit");
    let (steps, open_steps) = both("next_step", "next_step_open_of_customer", "due_on");
    assert_eq!(steps, open_steps);
    assert!(!steps[0].is_empty(), "version 10's visit left a next step");
}

/// Migration 0028 (the visits and next steps of a deal indexed, for removing deals): each
/// index holds every row of version 10 that has a deal, and removing a deal is answered
/// through them.
#[test]
fn version_28_indexes_the_deals_of_version_10s_visits_and_next_steps() {
    let env = upgraded_env();
    assert!(env.ok(&["check"]).starts_with("OK: "));
    let after = read_only(&env.db);
    assert!(user_version(&after) >= 28);
    for (table, index) in [("visit", "visit_deal"), ("next_step", "next_step_deal")] {
        let ids = |from: &str| {
            strings(
                &after,
                &format!(
                    "SELECT coalesce(group_concat(id, ','), '') FROM (SELECT id FROM {table} {from} WHERE deal_id > 0 ORDER BY id)"
                ),
            )
        };
        assert_eq!(ids(&format!("INDEXED BY {index}")), ids("NOT INDEXED"), "{table}");
        let mut explain =
            after.prepare(&format!("EXPLAIN QUERY PLAN SELECT id FROM {table} WHERE deal_id = 1")).unwrap();
        let plan: Vec<String> = explain.query_map([], |r| r.get(3)).unwrap().map(Result::unwrap).collect();
        assert!(plan.iter().any(|step| step.contains(index)), "{table}: {plan:?}");
    }
    let visits_with_deals = strings(&after, "SELECT CAST(count(*) AS TEXT) FROM visit WHERE deal_id IS NOT NULL");
    assert_ne!(visits_with_deals, ["0"], "version 10 has a visit of a deal");
}

/// Migration 0029 (a phone number held as its runs of four digits): version 10's account
/// with +86 138 0013 8000 is held by its runs (`0013`), no longer by the digits ending its
/// number (`38000`), and the digits typed from its middle still find it.
#[test]
fn version_29_holds_version_10s_phone_numbers_as_runs_of_four_digits() {
    let (_dir, before) = upgrade_support::fixture_copy(FIXTURE);
    assert_eq!(customers_with_token(&before, "\u{E001}38000"), [7], "version 10 keyed each suffix");
    assert!(customers_with_token(&before, "\u{E004}0013").is_empty());
    drop(before);
    let env = upgraded_env();
    assert!(env.ok(&["check"]).starts_with("OK: "));
    let after = read_only(&env.db);
    assert!(user_version(&after) >= 29);
    assert_eq!(customers_with_token(&after, "\u{E004}0013"), [7]);
    assert!(customers_with_token(&after, "\u{E001}38000").is_empty());
    drop(after);
    for query in ["0013 8000", "138-0013", "+86 138 0013 8000", "8000"] {
        let hits = env.json(&["search", query, "--format", "json"]);
        let ids: Vec<i64> = hits.as_array().unwrap().iter().map(|h| h["id"].as_i64().unwrap()).collect();
        assert!(ids.contains(&7), "{query}: {hits}");
    }
}

/// Migration 0031 (names in pinyin order): version 10's accounts list in the order a Chinese
/// rep reads them, Latin names among the Chinese by their letters (code-point order had put
/// every Latin name first and 张 before 王); an account added after, or one renamed, takes its
/// place; the name-ordered reads walk the new index.
#[test]
fn version_31_lists_the_accounts_of_version_10_in_pinyin_order() {
    let env = upgraded_env();
    assert!(env.ok(&["check"]).starts_with("OK: "));
    let names = |env: &crate::common::Env| -> Vec<String> {
        let listed = env.json(&["list", "--format", "json"]);
        listed.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(
        names(&env),
        ["Anna Smith", "Fabrikam", "华东机械有限公司", "Northwind Traders", "单小红", "王伟", "张小燕"]
    );
    env.ok(&["add", "安然", "--company", "安徽合力"]);
    let shown = env.json(&["show", "1", "--format", "json"]);
    let own = shown["contacts"][0]["id"].as_i64().unwrap().to_string();
    env.ok(&["contact", "edit", &own, "--name", "白雪"]);
    assert_eq!(
        names(&env),
        ["安然", "Anna Smith", "白雪", "Fabrikam", "华东机械有限公司", "Northwind Traders", "单小红", "张小燕"]
    );
    let after = read_only(&env.db);
    assert!(user_version(&after) >= 31);
    assert_eq!(strings(&after, "SELECT name_key FROM customer WHERE id = 1"), ["bai xue\u{1}白雪\u{1}hua dong ji xie"]);
    assert_eq!(strings(&after, "SELECT CAST(count(*) AS TEXT) FROM customer WHERE name_key = ''"), ["0"]);
    let mut explain = after
        .prepare("EXPLAIN QUERY PLAN SELECT id FROM customer WHERE archived = 0 ORDER BY name_key, name, company, id")
        .unwrap();
    let plan: Vec<String> = explain.query_map([], |r| r.get(3)).unwrap().map(Result::unwrap).collect();
    assert!(plan.iter().any(|step| step.contains("customer_name_key")), "{plan:?}");
    assert!(env.ok(&["check"]).starts_with("OK: "));
}
