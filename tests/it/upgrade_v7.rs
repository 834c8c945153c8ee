//! Upgrading a database written by the release before accounts and people (schema version 7).
//!
//! `tests/fixtures/db/v7.db` was made with that release's binary (commit 7dcf3be), on
//! 2031-05-06, by these commands (`fb` = `fieldbook --db v7.db --today 2031-05-06`):
//!
//! ```sh
//! fb add 王伟 --company 华东机械 --title 采购经理 --phone 138-0000-0001 --email wangwei@huadong.cn \
//!    --class key --style driver --stage approach --value 200k --source 展会
//! fb fact 1 --category personal --label 生日 --date 1980-05-09
//! fb fact 1 --category business --label 预算 --value 50万
//! fb fact 1 --category logistics --label 送货 --value 上午
//! fb profile 1 --money yes --authority no --need yes --portfolio star
//! fb move 1 survey --reason 需求已确认
//! fb move 1 presentation --reason "budget confirmed"
//! fb checklist 1 --tick 1 --tick 2
//! fb objection 1 add --kind doubt "价格太高" --answer "总成本更低"
//! fb objection 1 add --kind complaint "交货慢"
//! fb objection 1 resolve 1
//! fb won 1 --value 180k
//! fb add "Anna Smith" --phone "+1 555 0100" --email anna@example.com --style amiable --value 5000
//! fb move 2 approach
//! fb lost 2 --reason "chose a competitor"
//! fb add 李娜 --company 星辰医疗 --title 院长 --phone 139-0000-0002 --style analytical --stage survey --value 1.5m
//! fb plan 3 --at "2031-05-08 10:00" --purpose "确认预算" --plan "带报价单" --expect "预算范围" --channel video
//! fb visit 3 --at "2031-05-02 14:00" --purpose "首次拜访" --plan "介绍公司" --expect "约下次" \
//!    --result "同意演示" --outcome met --next-step "准备演示" --next +1w --type store-check --tick 1 --tick 2
//! fb plan 3 --at "2031-05-05 09:30" --purpose "demo" --plan "show the product" --expect "a trial" --type demonstration
//! fb visit 3 --of 3 --result "wants a trial" --outcome partly --tick 1
//! fb checklist 3 --tick 1
//! fb add 张三
//! fb note 1 "喜欢微信联系"
//! fb note 3 "prefers mornings"
//! fb note "call the printer"
//! cp tests/fixtures/vcard/iphone_30.vcf contacts.vcf && fb import contacts.vcf
//! fb objection 3 add --kind misunderstanding "以为不含安装"
//! ```
//!
//! So it holds customers with facts, deals won, lost and open with their step history and
//! ticks, visits planned, logged and filled in later with their in-visit ticks, objections
//! open and resolved, notes (one in the inbox) and one import batch with its rows.

use rusqlite::Connection;

use crate::common::Env;
use crate::upgrade_support::{self, latest, read_only, user_version};

const FIXTURE: &str = "v7.db";

/// An environment whose database is a fresh copy of the version-7 fixture.
fn upgraded_env() -> Env {
    upgrade_support::env_on(FIXTURE)
}

#[test]
fn the_fixture_covers_every_table_of_version_7() {
    let (_dir, conn) = upgrade_support::fixture_copy(FIXTURE);
    assert_eq!(user_version(&conn), 7);
    let states: Vec<String> = {
        let mut stmt = conn.prepare("SELECT DISTINCT state FROM deal ORDER BY state").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(states, ["lost", "open", "won"]);
}

#[test]
fn every_row_of_version_7_is_kept() {
    let env = upgraded_env();
    assert!(env.ok(&["check"]).starts_with("OK: "));
    let after = read_only(&env.db);
    assert_eq!(user_version(&after), latest());
    upgrade_support::assert_every_row_kept(FIXTURE, &after);
}

#[test]
fn each_customer_s_person_becomes_its_first_contact_after_a_backup() {
    let env = upgraded_env();
    let shown = env.json(&["show", "1", "--format", "json"]);
    let contacts = shown["contacts"].as_array().unwrap();
    assert_eq!(contacts.len(), 1);
    let person = &contacts[0];
    assert_eq!(
        (&person["id"], &person["name"], &person["title"], &person["phone"], &person["email"], &person["style"]),
        (
            &1.into(),
            &"王伟".into(),
            &"采购经理".into(),
            &"13800000001".into(),
            &"wangwei@huadong.cn".into(),
            &"driver".into()
        )
    );
    assert_eq!(person["roles"], serde_json::json!([]));
    let conn = read_only(&env.db);
    let mismatched: i64 = conn
        .query_row(
            "SELECT count(*) FROM customer c LEFT JOIN contact p ON p.id = c.id AND p.customer_id = c.id
             WHERE p.id IS NULL OR (p.name, p.title, p.phone, p.email, p.style) IS NOT (c.name, c.title, c.phone, c.email, c.style)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(mismatched, 0, "every customer has its person as contact with the same id");
    let backups: Vec<String> = std::fs::read_dir(env.dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert!(backups[0].starts_with("fieldbook-before-upgrade-from-v7-"), "{backups:?}");
    let backup = read_only(&env.dir.path().join("backups").join(&backups[0]));
    assert_eq!(user_version(&backup), 7);
    // Search finds the people; a second open takes no second backup.
    let hits = env.json(&["search", "Anna", "--format", "json"]);
    assert!(!hits.as_array().unwrap().is_empty());
    assert_eq!(std::fs::read_dir(env.dir.path().join("backups")).unwrap().count(), 1);
}

#[test]
fn export_import_export_of_the_upgraded_database_is_byte_identical() {
    let env = upgraded_env();
    let out = env.dir.path().join("all.json");
    env.ok(&["export", "--out", out.to_str().unwrap()]);
    let other = Env::new();
    other.ok(&["import", out.to_str().unwrap()]);
    assert!(other.ok(&["check"]).starts_with("OK: "));
    assert_eq!(other.ok(&["export"]), std::fs::read_to_string(&out).unwrap());
}

#[test]
fn deals_of_version_7_come_through_migration_0009_unchanged() {
    let env = upgraded_env();
    assert!(env.ok(&["check"]).starts_with("OK: "), "opening upgrades it");
    let after = read_only(&env.db);
    let unsourced: i64 =
        after.query_row("SELECT count(*) FROM deal WHERE source_ref IS NULL", [], |r| r.get(0)).unwrap();
    let all: i64 = after.query_row("SELECT count(*) FROM deal", [], |r| r.get(0)).unwrap();
    assert_eq!(unsourced, all, "no deal of version 7 came from an import id");
    let (_dir, before) = upgrade_support::fixture_copy(FIXTURE);
    let totals = |c: &Connection| -> Vec<(String, String, i64)> {
        let mut s = c
            .prepare(
                "SELECT stage, currency, sum(value_minor) FROM deal WHERE state = 'open' GROUP BY 1, 2 ORDER BY 1, 2",
            )
            .unwrap();
        s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, Option<i64>>(2)?.unwrap_or(0))))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(totals(&before), totals(&after));
    let steps = env.json(&["pipeline", "--format", "json"]);
    let count: i64 = steps.as_array().unwrap().iter().map(|s| s["count"].as_i64().unwrap()).sum();
    let open: i64 = after.query_row("SELECT count(*) FROM deal WHERE state = 'open'", [], |r| r.get(0)).unwrap();
    assert_eq!(count, open);
}

#[test]
fn people_of_version_7_are_found_by_pinyin_and_phone_digits_after_migration_0010() {
    let env = upgraded_env();
    let names = |query: &str| -> Vec<String> {
        let hits = env.json(&["search", query, "--format", "json"]);
        hits.as_array().unwrap().iter().map(|h| format!("{} {}", h["kind"].as_str().unwrap(), h["title"])).collect()
    };
    for query in ["wangwei", "wang wei", "ww", "0001", "138-0000-0001", "huadong"] {
        assert_eq!(names(query), ["customer \"王伟\""], "{query}");
    }
    assert_eq!(names("lina"), ["customer \"李娜\""]);
    assert_eq!(names("+1 555"), ["customer \"Anna Smith\""]);
    assert!(env.ok(&["check"]).starts_with("OK: "), "the index matches the tables");
}
