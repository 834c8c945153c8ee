//! Upgrading a database written by stop 17's release (schema version 10: accounts with
//! people and buying roles, several deals per account in several currencies, search keys).
//!
//! `tests/fixtures/db/v10.db` was made with that release's binary (commit 64742c8), on
//! 2031-05-06, by this script (`BIN` the binary, `FIX` = `tests/fixtures`):
//!
//! ```sh
//! set -e
//! fb() { "$BIN" --db v10.db --today 2031-05-06 --lang en "$@"; }
//! fb add 王伟 --company 华东机械 --title 采购经理 --phone 138-0000-0001 --email wangwei@huadong.cn --class key --style driver --stage approach --value 200k --source 展会
//! fb fact 1 --category personal --label 生日 --date 1980-05-09
//! fb fact 1 --category business --label 预算 --value 50万
//! fb profile 1 --money yes --authority no --need yes --portfolio star
//! fb contact add 1 张建国 --role decision-maker --title 总经理 --phone 139-1111-2222 --email zjg@huadong.cn --style analytical
//! fb contact add 1 李娜 --role insider --role user --title 工程师
//! fb contact edit 1 --add-role buyer
//! fb move 1 survey --reason 需求已确认
//! fb checklist 1 --tick 1 --tick 2
//! fb objection 1 add --kind doubt "价格太高" --answer "总成本更低"
//! fb objection 1 resolve 1
//! fb deal add 1 --title "售后服务合同" --value 'USD 50000' --stage presentation --close-on 2031-06-30
//! fb won 1 --deal 1 --value 180k
//! fb reopen 1
//! fb move 1 presentation --deal 1 --reason "预算批了"
//! fb lost 1 --deal 2 --reason "竞争对手更便宜"
//! fb deal add 1 --title "二期扩产" --value 1.5亿 --close-on 2031-09-01
//! fb plan 1 --deal 3 --at "2031-05-08 10:00" --purpose "确认预算" --plan "带报价单" --expect "预算范围" --channel video --met 2
//! fb visit 1 --deal 1 --at "2031-05-02 14:00" --purpose "首次拜访" --plan "介绍公司" --expect "约下次" --result "同意演示" --outcome met --next-step "准备演示" --next +1w --met 2 --met 3 --type store-check --tick 1 --tick 2
//! fb add "Anna Smith" --phone "+1 555 0100" --email anna@example.com --style amiable --value '$5000'
//! fb move 2 approach
//! fb lost 2 --reason "chose a competitor"
//! fb note 1 "喜欢微信联系"
//! fb note "call the printer"
//! fb import "$FIX/csv/opportunities_utf8.csv" --format csv --stage-map "Prospecting=preparation,Engaging=approach,Won=won,Lost=lost"
//! fb import "$FIX/vcard/iphone_30.vcf"
//! fb add 单小红 --company 重庆长江物流 --phone "+86 138 0013 8000"
//! fb objection 1 add --deal 3 --kind complaint "交货慢"
//! ```
//!
//! Each migration after version 10 adds its own test here: the rows of version 10 are all
//! kept, and what the migration adds has the right values for them.

use rusqlite::Connection;

use crate::common::Env;
use crate::upgrade_support::{self, latest, read_only, user_version};

pub(crate) const FIXTURE: &str = "v10.db";

/// An environment whose database is a fresh copy of the version-10 fixture, upgraded on first use.
pub(crate) fn upgraded_env() -> Env {
    upgrade_support::env_on(FIXTURE)
}

pub(crate) fn strings(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

#[test]
fn the_fixture_holds_accounts_people_and_deals_of_version_10() {
    let (_dir, conn) = upgrade_support::fixture_copy(FIXTURE);
    assert_eq!(user_version(&conn), 10);
    assert_eq!(strings(&conn, "SELECT DISTINCT state FROM deal ORDER BY 1"), ["lost", "open", "won"]);
    assert_eq!(strings(&conn, "SELECT DISTINCT currency FROM deal ORDER BY 1"), ["CNY", "USD"]);
    assert_eq!(
        strings(&conn, "SELECT DISTINCT role FROM contact_role ORDER BY 1"),
        ["buyer", "decision-maker", "insider", "user"]
    );
    assert_eq!(strings(&conn, "SELECT CAST(count(*) AS TEXT) FROM deal WHERE source_ref IS NOT NULL"), ["6"]);
}

#[test]
fn the_upgrade_is_said_once_in_the_user_s_language() {
    let env = upgraded_env();
    let first = env.cmd().args(["--lang", "zh-CN", "list"]).output().unwrap();
    assert!(first.status.success());
    let said = String::from_utf8(first.stderr).unwrap();
    assert!(said.contains("正在为这个版本的 Fieldbook 升级") && said.contains("只需一次"), "{said}");
    let again = env.cmd().arg("list").output().unwrap();
    assert_eq!(String::from_utf8(again.stderr).unwrap(), "", "nothing to upgrade the second time");
}

#[test]
fn every_row_of_version_10_is_kept_after_a_backup() {
    let env = upgraded_env();
    assert!(env.ok(&["check"]).starts_with("OK: "));
    let after = read_only(&env.db);
    assert_eq!(user_version(&after), latest());
    upgrade_support::assert_every_row_kept(FIXTURE, &after);
    let backups: Vec<String> = match std::fs::read_dir(env.dir.path().join("backups")) {
        Ok(dir) => dir.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect(),
        Err(_) => Vec::new(),
    };
    let upgraded = backups.iter().filter(|b| b.starts_with("fieldbook-before-upgrade-from-v10-")).count();
    assert_eq!(upgraded, usize::from(latest() > 10), "{backups:?}");
}

#[test]
fn the_account_reads_the_same_after_the_upgrade() {
    let env = upgraded_env();
    let shown = env.json(&["show", "1", "--format", "json"]);
    let people: Vec<(String, Vec<String>)> = shown["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let roles = p["roles"].as_array().unwrap().iter().map(|r| r.as_str().unwrap().to_string());
            (p["name"].as_str().unwrap().to_string(), roles.collect())
        })
        .collect();
    assert_eq!(
        people,
        [
            ("王伟".to_string(), vec!["buyer".to_string()]),
            ("张建国".to_string(), vec!["decision-maker".to_string()]),
            ("李娜".to_string(), vec!["user".to_string(), "insider".to_string()]),
        ]
    );
    let deals = shown["deals"].as_array().unwrap();
    let states: Vec<&str> = deals.iter().map(|d| d["state"].as_str().unwrap()).collect();
    assert_eq!(states.len(), 3, "{deals:?}");
    let pipeline = env.json(&["pipeline", "--format", "json"]);
    let (_dir, before) = upgrade_support::fixture_copy(FIXTURE);
    let open: i64 = before.query_row("SELECT count(*) FROM deal WHERE state = 'open'", [], |r| r.get(0)).unwrap();
    let counted: i64 = pipeline.as_array().unwrap().iter().map(|s| s["count"].as_i64().unwrap()).sum();
    assert_eq!(counted, open);
    let hits = env.json(&["search", "zjg", "--format", "json"]);
    assert!(hits.to_string().contains("张建国"), "{hits}");
}

#[test]
fn export_import_export_of_the_upgraded_version_10_database_is_byte_identical() {
    let env = upgraded_env();
    let out = env.dir.path().join("all.json");
    env.ok(&["export", "--out", out.to_str().unwrap()]);
    let other = Env::new();
    other.ok(&["import", out.to_str().unwrap()]);
    assert!(other.ok(&["check"]).starts_with("OK: "));
    assert_eq!(other.ok(&["export"]), std::fs::read_to_string(&out).unwrap());
}

#[test]
fn each_logged_visits_next_step_becomes_an_open_next_step_row() {
    let (_dir, before) = upgrade_support::fixture_copy(FIXTURE);
    // Version 10 kept next steps on the visits only.
    let (visit_id, customer_id, text, due): (i64, i64, String, String) = before
        .query_row(
            "SELECT id, customer_id, next_step, next_step_on FROM visit WHERE done_at IS NOT NULL AND next_step <> ''",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(text, "准备演示");
    let env = upgraded_env();
    assert!(env.ok(&["check"]).starts_with("OK: "));
    let after = read_only(&env.db);
    let rows: Vec<(i64, String, String, Option<String>)> = after
        .prepare("SELECT visit_id, text, due_on, done_at FROM next_step ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows, [(visit_id, text.clone(), due.clone(), None)], "one open row, nothing lost");
    // The customer's next step is the earliest of its appointment (05-08) and the step.
    let (next_on, next): (String, String) = after
        .query_row("SELECT next_step_on, next_step FROM customer WHERE id = ?1", [customer_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let planned: String = after
        .query_row(
            "SELECT substr(min(planned_at), 1, 10) FROM visit WHERE customer_id = ?1 AND done_at IS NULL",
            [customer_id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(next_on, planned.clone().min(due.clone()), "{next}");
    // On its due day it is on Today, as due today, though an appointment comes first.
    let review = env.json(&["today", "--date", &due, "--format", "json"]);
    let due_steps: Vec<(&str, i64)> = review["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| !o["step_id"].is_null())
        .map(|o| (o["next_step"].as_str().unwrap(), o["days_late"].as_i64().unwrap()))
        .collect();
    assert_eq!(due_steps, [("准备演示", 0)]);
    let listed = env.json(&["next", "list", &customer_id.to_string(), "--format", "json"]);
    assert_eq!(listed[0]["visit_id"], visit_id);
}

/// Migration 0012 (archived customers off the board): nobody of version 10 is archived, every
/// open deal stays on the board; archiving one account takes its open deals off the board and
/// its totals, and unarchiving brings them back.
#[test]
fn after_the_archive_migration_the_board_keeps_every_deal_until_an_account_is_archived() {
    let env = upgraded_env();
    env.ok(&["check"]);
    let after = read_only(&env.db);
    let index: i64 = after
        .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'customer_archived'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(index, 1, "the migration added the index");
    assert_eq!(strings(&after, "SELECT CAST(count(*) AS TEXT) FROM customer WHERE archived = 1"), ["0"]);
    let on_board = |env: &Env| -> i64 {
        let pipeline = env.json(&["pipeline", "--format", "json"]);
        pipeline.as_array().unwrap().iter().map(|s| s["count"].as_i64().unwrap()).sum()
    };
    let open: i64 = after.query_row("SELECT count(*) FROM deal WHERE state = 'open'", [], |r| r.get(0)).unwrap();
    let first: i64 = after
        .query_row("SELECT count(*) FROM deal WHERE state = 'open' AND customer_id = 1", [], |r| r.get(0))
        .unwrap();
    assert!(first > 0);
    assert_eq!(on_board(&env), open);
    env.ok(&["archive", "1"]);
    assert_eq!(on_board(&env), open - first, "the archived account's deals left the board");
    let hits = env.json(&["search", "王伟", "--format", "json"]);
    assert!(hits.as_array().unwrap().iter().any(|h| h["archived"] == true), "still found, marked: {hits}");
    env.ok(&["unarchive", "1"]);
    assert_eq!(on_board(&env), open);
}

#[test]
fn version_13_finds_the_numbers_of_version_10_by_their_last_ten_digits() {
    let env = upgraded_env();
    assert!(env.ok(&["check"]).starts_with("OK: "));
    let after = read_only(&env.db);
    assert!(user_version(&after) >= 13);
    let indexes = strings(&after, "SELECT name FROM sqlite_schema WHERE name LIKE '%phone_key' ORDER BY 1");
    assert_eq!(indexes, ["contact_phone_key", "customer_phone_key"]);
    drop(after);
    // 王伟 (138-0000-0001) and his colleague 张建国 (139-1111-2222) were saved by version 10:
    // the same numbers with the country code are found, for the account and for its people.
    for (name, phone) in [("王先生", "+86 138 0000 0001"), ("张总", "+86 (139) 1111-2222")] {
        let err = env.fails(&["add", name, "--phone", phone]);
        assert!(err.contains("Already on file? #1 王伟"), "{phone}: {err}");
    }
    let vcard = env.dir.path().join("wang.vcf");
    std::fs::write(&vcard, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Wang Wei\r\nTEL:+86 13800000001\r\nEND:VCARD\r\n")
        .unwrap();
    let out = env.ok(&["import", vcard.to_str().unwrap()]);
    assert!(out.contains("already there as #1"), "{out}");
}

/// Migration 0014 (calendar events): every visit and next step of version 10 starts at
/// revision 0, nothing is cancelled yet; the planned visit exports as an event at SEQUENCE 0,
/// and once deleted as cancelled one revision on.
#[test]
fn version_14_exports_the_planned_visit_of_version_10_as_an_event() {
    let env = upgraded_env();
    assert!(env.ok(&["check"]).starts_with("OK: "));
    let after = read_only(&env.db);
    assert!(user_version(&after) >= 14);
    let revisions = strings(
        &after,
        "SELECT DISTINCT CAST(revision AS TEXT) FROM visit UNION SELECT DISTINCT CAST(revision AS TEXT) FROM next_step",
    );
    assert_eq!(revisions, ["0"]);
    assert_eq!(strings(&after, "SELECT uid FROM cancelled_event"), Vec::<String>::new());
    let planned: i64 =
        after.query_row("SELECT id FROM visit WHERE planned_at = '2031-05-08 10:00'", [], |r| r.get(0)).unwrap();
    drop(after);
    let out = env.dir.path().join("v10.ics");
    let export = |force: &[&str]| {
        let mut args = vec!["calendar", "--out", out.to_str().unwrap(), "--from", "2031-05-01"];
        args.extend_from_slice(force);
        env.ok(&args);
        std::fs::read_to_string(&out).unwrap()
    };
    let text = export(&[]);
    let uid = format!("UID:visit-{planned}@fieldbook\r\n");
    assert!(
        text.contains(&uid) && text.contains("SUMMARY:王伟 · 确认预算\r\n") && text.contains("SEQUENCE:0\r\n"),
        "{text}"
    );
    env.ok(&["visit", "delete", &planned.to_string()]);
    let text = export(&["--force"]);
    assert!(text.contains(&uid) && text.contains("STATUS:CANCELLED\r\n") && text.contains("SEQUENCE:1\r\n"), "{text}");
}

/// Migration 0015 (self-assessment): version 10 had none, so the report says how to take one;
/// a sitting taken after the upgrade is kept with its day.
#[test]
fn version_15_starts_without_a_self_assessment_and_keeps_the_first() {
    let env = upgraded_env();
    assert!(env.ok(&["check"]).starts_with("OK: "));
    let after = read_only(&env.db);
    assert!(user_version(&after) >= 15);
    assert_eq!(strings(&after, "SELECT taken_on FROM assessment"), Vec::<String>::new());
    drop(after);
    assert!(env.json(&["report", "--format", "json"])["assessment"].is_null());
    env.ok(&["assess", "--answers", "3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,2"]);
    let after = read_only(&env.db);
    assert_eq!(strings(&after, "SELECT taken_on || ' ' || answers FROM assessment"), ["2031-05-06 3333333333333332"]);
}

/// Migration 0016 (the account follows its own person): version 10's account 1 and its own
/// person 王伟 are alike and stay so whichever is edited; editing a colleague leaves the account.
#[test]
fn after_the_upgrade_editing_the_own_person_carries_to_the_account() {
    let env = upgraded_env();
    assert!(env.ok(&["check"]).starts_with("OK: "));
    let both = |env: &Env| {
        let shown = env.json(&["show", "1", "--format", "json"]);
        let pick = |v: &serde_json::Value| {
            ["name", "title", "phone", "email", "style"].map(|k| v[k].as_str().unwrap_or_default().to_string())
        };
        (pick(&shown["customer"]), pick(&shown["contacts"][0]), shown["contacts"][0]["id"].as_i64().unwrap())
    };
    let (account, person, own) = both(&env);
    assert_eq!(account, person, "version 10 left them alike");
    env.ok(&["contact", "edit", &own.to_string(), "--title", "采购总监", "--email", "ww@huadong.cn"]);
    let (account, person, _) = both(&env);
    assert_eq!(account, person);
    assert_eq!((account[1].as_str(), account[3].as_str()), ("采购总监", "ww@huadong.cn"));
    env.ok(&["contact", "edit", "2", "--title", "董事长"]);
    assert_eq!(both(&env).0[1], "采购总监", "a colleague's edit leaves the account alone");
    env.ok(&["profile", "1", "--style", "expressive"]);
    let (account, person, _) = both(&env);
    assert_eq!((account[4].as_str(), person[4].as_str()), ("expressive", "expressive"));
    assert!(env.ok(&["check"]).starts_with("OK: "));
}

/// Migration 0017 (the board's filter reads the open deals from an index): every open deal of
/// version 10 is in it, and the board under a filter shows the same deals as without it.
#[test]
fn version_17_indexes_every_open_deal_of_version_10_for_the_board_filter() {
    let env = upgraded_env();
    assert!(env.ok(&["check"]).starts_with("OK: "));
    let after = read_only(&env.db);
    assert!(user_version(&after) >= 17);
    let by_index = strings(
        &after,
        "SELECT group_concat(id, ',') FROM (SELECT id FROM deal INDEXED BY deal_open_customer
         WHERE state = 'open' AND customer_id > 0 ORDER BY id)",
    );
    let by_table =
        strings(&after, "SELECT group_concat(id, ',') FROM (SELECT id FROM deal WHERE state = 'open' ORDER BY id)");
    assert_eq!(by_index, by_table);
    assert!(!by_table[0].is_empty(), "version 10 has open deals");
}

/// Migration 0018 (indexes for the read commands): version 10's rows answer the same. The
/// report of a later month, when no deal has changed since it began, finds every deal where
/// version 10's step history left it (the step of its last change before the month, asked
/// of the history itself here). The indexes the migration added are there, but for
/// `stage_event_at`, which migration 0025 replaced with a table of the history by time, and
/// `visit_done_tally` and `next_step_due_done`, which 0026 dropped (the report reads totals
/// per day since 0023).
#[test]
fn version_18_reports_where_version_10_left_each_deal() {
    let env = upgraded_env();
    assert!(env.ok(&["check"]).starts_with("OK: "));
    let after = read_only(&env.db);
    let indexes = strings(
        &after,
        "SELECT name FROM sqlite_schema WHERE name IN ('stage_event_at', 'deal_state_totals', 'visit_done_tally',
         'visit_open_tally', 'next_step_due_done', 'next_step_open_count', 'next_step_of_customer',
         'customer_class_quadrant', 'stage_event_timeline') ORDER BY 1",
    );
    assert_eq!(
        indexes,
        [
            "customer_class_quadrant",
            "deal_state_totals",
            "next_step_of_customer",
            "next_step_open_count",
            "stage_event_timeline",
            "visit_open_tally"
        ]
    );
    let start = "2031-06-01T00:00:00Z";
    let at_start = strings(
        &after,
        &format!(
            "SELECT e.to_stage FROM deal d
             JOIN stage_event e ON e.id = (SELECT p.id FROM stage_event p WHERE p.deal_id = d.id AND p.at < '{start}'
                                           ORDER BY p.id DESC LIMIT 1)
             WHERE d.created_at < '{start}' AND (d.state = 'open' OR d.closed_at >= '{start}') AND e.to_state = 'open'"
        ),
    );
    assert!(!at_start.is_empty());
    drop(after);
    let out = env
        .bare()
        .env("TZ", "UTC")
        .args(["--db", env.db.to_str().unwrap(), "--today", "2031-06-15", "report", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for step in report["funnel"].as_array().unwrap() {
        let name = step["step"].as_str().unwrap();
        let held = at_start.iter().filter(|s| *s == name).count() as u64;
        assert_eq!(step["reached"], held, "{name}");
        assert_eq!((step["moved_on"].as_u64(), step["won"].as_u64()), (Some(0), Some(0)), "{name}");
    }
}

/// Migration 0019 (Today's yearly dates from one index): 王伟's birthday, saved by version 10
/// as 1980-05-09, is still on Today's week of dates, and read from the new index.
#[test]
fn version_19_keeps_the_birthday_of_version_10_on_today() {
    let env = upgraded_env();
    assert!(env.ok(&["check"]).starts_with("OK: "));
    let after = read_only(&env.db);
    assert_eq!(
        strings(&after, "SELECT name FROM sqlite_schema WHERE name = 'fact_day_customer'"),
        ["fact_day_customer"]
    );
    drop(after);
    let today = env.json(&["today", "--format", "json"]);
    let dates: Vec<(&str, &str, &str)> = today["dates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["on"].as_str().unwrap(), d["label"].as_str().unwrap(), d["customer"]["name"].as_str().unwrap()))
        .collect();
    assert_eq!(dates, [("2031-05-09", "生日", "王伟")]);
}

/// Migration 0020 (Today's next steps read in the order shown): version 10's step is still
/// due on its day, and steps added after the upgrade come in the order of their time on that
/// day (one without a time first), from the new index, an archived account's left out.
#[test]
fn version_20_lists_the_next_steps_of_a_day_in_time_order() {
    let env = upgraded_env();
    assert!(env.ok(&["check"]).starts_with("OK: "));
    let after = read_only(&env.db);
    let index: Vec<String> = strings(&after, "SELECT sql FROM sqlite_schema WHERE name = 'next_step_open_due'");
    assert!(index[0].contains("(due_on, due_time)"), "{index:?}");
    let (customer, due): (i64, String) = after
        .query_row("SELECT customer_id, due_on FROM next_step WHERE text = '准备演示'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let other: i64 = after
        .query_row("SELECT id FROM customer WHERE id <> ?1 AND archived = 0 ORDER BY id LIMIT 1", [customer], |r| {
            r.get(0)
        })
        .unwrap();
    drop(after);
    let customer = customer.to_string();
    env.ok(&["next", "add", &customer, "下午回电", "--on", &format!("{due} 15:00")]);
    env.ok(&["next", "add", &other.to_string(), "morning call", "--on", &format!("{due} 09:30")]);
    let archived = env.ok(&["add", "Old Friend", "--phone", "+1 555 0199"]).trim().to_string();
    env.ok(&["next", "add", &archived, "never shown", "--on", &format!("{due} 08:00")]);
    env.ok(&["archive", &archived]);
    let review = env.json(&["today", "--date", &due, "--format", "json"]);
    let steps: Vec<(&str, Option<&str>)> = review["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| !o["step_id"].is_null())
        .map(|o| (o["next_step"].as_str().unwrap(), o["due_time"].as_str()))
        .collect();
    assert_eq!(steps, [("准备演示", None), ("morning call", Some("09:30:00")), ("下午回电", Some("15:00:00"))]);
}

/// The rowids of the index's customer rows (kind 0) holding `token` as a whole word.
pub(crate) fn customers_with_token(conn: &Connection, token: &str) -> Vec<i64> {
    let mut stmt = conn
        .prepare("SELECT rowid FROM search_fts WHERE search_fts MATCH ?1 AND rowid < 1099511627776 ORDER BY rowid")
        .unwrap();
    stmt.query_map([format!("\"{token}\"")], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

/// Migration 0021 (a nickname or company by its whole pinyin, not each syllable): 单小红 of
/// 重庆长江物流 (saved by version 10 with a key for each syllable, 长 read zhang too) is found
/// by the company's whole spelling and initials, no longer by `zhang` or `jiang`; the people
/// still by the syllables of their names, and every row is kept (the test above).
#[test]
fn version_21_finds_a_company_of_version_10_by_its_whole_pinyin_only() {
    let (_dir, before) = upgrade_support::fixture_copy(FIXTURE);
    let key = |k: &str| format!("\u{E001}{k}");
    assert_eq!(customers_with_token(&before, &key("jiang")), [7], "version 10 keyed each syllable");
    assert_eq!(customers_with_token(&before, &key("zhang")), [7]);
    drop(before);
    let env = upgraded_env();
    assert!(env.ok(&["check"]).starts_with("OK: "));
    let after = read_only(&env.db);
    for syllable in ["jiang", "zhang", "chang", "wu", "liu", "yan", "zi"] {
        assert!(customers_with_token(&after, &key(syllable)).is_empty(), "{syllable}");
    }
    assert_eq!(customers_with_token(&after, &key("chongqingchangjiangwuliu")), [7]);
    assert_eq!(customers_with_token(&after, &key("cqcjwl")), [7]);
    assert_eq!(customers_with_token(&after, &key("yanzi")), [6], "张小燕's nickname 燕子");
    let customers: i64 = after.query_row("SELECT count(*) FROM customer", [], |r| r.get(0)).unwrap();
    let rows: i64 =
        after.query_row("SELECT count(*) FROM search_fts WHERE rowid < 1099511627776", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, customers, "one index row per customer");
    drop(after);
    let found = |query: &str| -> Vec<String> {
        let hits = env.json(&["search", query, "--format", "json"]);
        hits.as_array().unwrap().iter().map(|h| h["title"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(found("zhang"), ["张小燕", "张建国"], "by their names; no longer 单小红 by 长");
    assert!(found("wuliu").is_empty(), "物流 is not the start of 重庆长江物流");
    for query in ["shan", "chongqing", "cqcj", "chongqingchangjiang"] {
        assert_eq!(found(query), ["单小红"], "{query}");
    }
    assert_eq!(found("yanzi"), ["张小燕"]);
}

/// Migration 0024 (short starts of keys as tokens): the rows of version 10's customers and
/// people hold the starts of their keys (张小燕 `zh`, 重庆长江物流 `cq`), which version 10's
/// did not, and a search of two letters finds them by those tokens.
#[test]
fn version_24_indexes_the_short_starts_of_version_10_s_keys() {
    let (_dir, before) = upgrade_support::fixture_copy(FIXTURE);
    assert!(customers_with_token(&before, "\u{E002}zh").is_empty());
    drop(before);
    let env = upgraded_env();
    assert!(env.ok(&["check"]).starts_with("OK: "));
    let after = read_only(&env.db);
    assert_eq!(customers_with_token(&after, "\u{E002}zh"), [6]);
    assert_eq!(customers_with_token(&after, "\u{E003}cq"), [7]);
    assert!(customers_with_token(&after, "\u{E002}shanxiaohong").is_empty(), "a whole key is not a start");
    assert_eq!(customers_with_token(&after, "\u{E000}shanxiaohong"), [7]);
    drop(after);
    let hits = env.json(&["search", "zh", "--format", "json"]);
    let found: Vec<&str> = hits.as_array().unwrap().iter().map(|h| h["title"].as_str().unwrap()).collect();
    assert_eq!(found, ["张小燕", "单小红", "张建国"], "by name, by 重庆 read zhongqing, a person by name");
}
