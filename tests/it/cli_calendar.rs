//! `fieldbook calendar`: a week of planned visits and next steps with a time as an .ics file
//! that a calendar reads back (every VEVENT with UID, DTSTAMP, DTSTART, DTEND, SUMMARY; lines of
//! at most 75 octets ending in CRLF); moving one visit changes only that event's times and
//! SEQUENCE; deleted ones come back cancelled; the config's calendar.file follows every change.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use icalendar::{Calendar, CalendarComponent, Component};

use crate::common::Env;

/// Shanghai's offset without the time zone database: 10:00 there is 02:00 UTC.
const TZ: &str = "CST-8";

/// An environment with one customer (an address long enough to fold) and a week of plans:
/// visits 1, 2 and 3 (2 on Friday), next step 2 at 15:00 Thursday and next step 3 with no time.
fn week_of_plans() -> Env {
    let env = Env::new();
    let csv = env.dir.path().join("customers.csv");
    let address = "上海市浦东新区世纪大道一百号华东机械大厦二十八楼, 前台找王经理; 停车在 B2";
    std::fs::write(&csv, format!("name,company,address\n王伟,华东机械,\"{address}\"\n")).unwrap();
    env.ok(&["import", csv.to_str().unwrap()]);
    for (at, purpose) in [
        ("2031-05-07 10:00", "确认预算和决策流程"),
        ("2031-05-09 14:30", "演示报表模块给 IT 负责人"),
        ("2031-05-12 09:00", "Sign-off meeting, with the CFO; bring the contract"),
    ] {
        env.ok(&[
            "plan",
            "1",
            "--at",
            at,
            "--purpose",
            purpose,
            "--plan",
            "带报价单, 问清谁签字",
            "--expect",
            "预算范围",
        ]);
    }
    env.ok(&["next", "add", "1", "送报价", "--on", "2031-05-08 15:00"]);
    env.ok(&["next", "add", "1", "回电话", "--on", "2031-05-10"]);
    env
}

/// Runs `calendar` with the test time zone; returns the file's text.
fn export(env: &Env, name: &str, extra: &[&str]) -> String {
    let out = env.dir.path().join(name);
    let mut args = vec!["calendar", "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let done = env.cmd().env("TZ", TZ).args(&args).output().unwrap();
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    std::fs::read_to_string(out).unwrap()
}

/// Every content line ends in CRLF and is at most 75 octets long.
fn assert_well_formed(text: &str) {
    assert!(text.ends_with("\r\n"), "{text}");
    for line in text[..text.len() - 2].split("\r\n") {
        assert!(!line.contains('\n') && !line.contains('\r'), "a bare line break in {line:?}");
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
}

/// The events by UID, each as its properties (name → value, as read back).
fn events(text: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let calendar: Calendar = text.parse().unwrap();
    let mut out = BTreeMap::new();
    for component in &calendar.components {
        let CalendarComponent::Event(event) = component else { continue };
        for needed in ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"] {
            assert!(event.property_value(needed).is_some(), "{needed} missing: {event:?}");
        }
        let props = event.properties().iter().map(|(k, p)| (k.clone(), p.value().to_string())).collect();
        out.insert(event.get_uid().unwrap().to_string(), props);
    }
    out
}

#[test]
fn a_week_of_plans_reads_back_as_valid_events() {
    let env = week_of_plans();
    let text = export(&env, "visits.ics", &["--from", "2031-05-06", "--to", "2031-05-12"]);
    assert_well_formed(&text);
    assert!(text.contains("\r\n "), "the long lines are folded: {text}");
    let events = events(&text);
    let uids: Vec<&str> = events.keys().map(String::as_str).collect();
    assert_eq!(uids, ["next-step-1@fieldbook", "visit-1@fieldbook", "visit-2@fieldbook", "visit-3@fieldbook"]);
    let visit = &events["visit-1@fieldbook"];
    assert_eq!(visit["DTSTART"], "20310507T020000Z");
    assert_eq!(visit["DTEND"], "20310507T030000Z");
    assert_eq!(visit["SUMMARY"], "王伟 · 确认预算和决策流程");
    assert_eq!(visit["SEQUENCE"], "0");
    assert_eq!(visit["STATUS"], "CONFIRMED");
    assert_eq!(visit["LOCATION"], "上海市浦东新区世纪大道一百号华东机械大厦二十八楼, 前台找王经理; 停车在 B2");
    assert_eq!(
        visit["DESCRIPTION"],
        "Purpose: 确认预算和决策流程\nAction plan: 带报价单, 问清谁签字\nExpected result: 预算范围"
    );
    assert_eq!(events["visit-3@fieldbook"]["SUMMARY"], "王伟 · Sign-off meeting, with the CFO; bring the contract");
    let step = &events["next-step-1@fieldbook"];
    assert_eq!((step["DTSTART"].as_str(), step["DTEND"].as_str()), ("20310508T070000Z", "20310508T073000Z"));
    assert_eq!(step["DESCRIPTION"], "Next step: 送报价");
    assert!(text.contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\n"), "{text}");
    assert_eq!(text.matches("TRIGGER;RELATED=START:-PT1800S\r\n").count(), 4, "{text}");
    assert!(text.contains("UID:visit-1-reminder@fieldbook\r\n"), "{text}");
    let later = export(&env, "later.ics", &["--from", "2031-05-10"]);
    assert_eq!(events_of(&later), ["visit-3@fieldbook"]);
}

fn events_of(text: &str) -> Vec<String> {
    events(text).into_keys().collect()
}

#[test]
fn moving_one_visit_changes_only_its_times_and_sequence() {
    let env = week_of_plans();
    let before = events(&export(&env, "before.ics", &[]));
    env.ok(&["visit", "edit", "2", "--at", "2031-05-09 16:00"]);
    let after = events(&export(&env, "after.ics", &[]));
    assert_eq!(before.len(), after.len());
    for (uid, was) in &before {
        let now = &after[uid];
        let changed: BTreeSet<&str> =
            was.keys().chain(now.keys()).filter(|k| was.get(*k) != now.get(*k)).map(String::as_str).collect();
        if uid == "visit-2@fieldbook" {
            // DTSTAMP is the row's change time: the test clock stands still, so it stays.
            assert_eq!(changed, BTreeSet::from(["DTEND", "DTSTART", "SEQUENCE"]), "{was:?} {now:?}");
            assert_eq!((now["DTSTART"].as_str(), now["SEQUENCE"].as_str()), ("20310509T080000Z", "1"));
        } else {
            assert!(changed.is_empty(), "{uid} changed: {changed:?}");
        }
    }
    env.ok(&["visit", "edit", "2", "--result", "they liked it"]);
    let same = events(&export(&env, "same.ics", &[]));
    assert_eq!(same["visit-2@fieldbook"]["SEQUENCE"], "1", "a logged result is not on the event");
}

#[test]
fn deleted_visits_and_next_steps_come_back_cancelled() {
    let env = week_of_plans();
    env.ok(&["visit", "delete", "1"]);
    env.ok(&["delete", "1", "--yes"]);
    let text = export(&env, "cancelled.ics", &[]);
    assert_well_formed(&text);
    let events = events(&text);
    assert_eq!(events.len(), 4, "{text}");
    assert!(events.values().all(|e| e["STATUS"] == "CANCELLED"), "{text}");
    assert_eq!(events["visit-1@fieldbook"]["SEQUENCE"], "1");
    assert_eq!(events["visit-1@fieldbook"]["DTSTART"], "20310507T020000Z");
    assert_eq!(events["next-step-1@fieldbook"]["SEQUENCE"], "1");
    assert!(!text.contains("VALARM"), "{text}");
}

#[test]
fn the_out_file_follows_the_rules_of_every_out() {
    let env = week_of_plans();
    export(&env, "visits.ics", &[]);
    let out = env.dir.path().join("visits.ics");
    let err = env.fails(&["calendar", "--out", out.to_str().unwrap()]);
    assert!(err.contains("already exists"), "{err}");
    let err = env.fails(&["calendar", "--out", env.db.to_str().unwrap(), "--force"]);
    assert!(err.contains("is the database itself"), "{err}");
    export(&env, "visits.ics", &["--force"]);
    let err = env.fails(&[
        "calendar",
        "--out",
        out.to_str().unwrap(),
        "--force",
        "--from",
        "2031-05-10",
        "--to",
        "2031-05-08",
    ]);
    assert!(err.contains("--to is before --from"), "{err}");
}

#[test]
fn chinese_words_in_chinese() {
    let env = week_of_plans();
    let text = export(&env, "zh.ics", &["--lang", "zh-CN"]);
    let events = events(&text);
    assert_eq!(
        events["visit-1@fieldbook"]["DESCRIPTION"],
        "拜访目的：确认预算和决策流程\n行动计划：带报价单, 问清谁签字\n预期结果：预算范围"
    );
    assert_eq!(events["next-step-1@fieldbook"]["DESCRIPTION"], "下一步：送报价");
    assert!(text.contains("X-WR-CALNAME:Fieldbook 拜访\r\n"), "{text}");
    let help = env.cmd().args(["--lang", "zh-CN", "calendar", "--help"]).output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(help.contains("导入手机或 Outlook 日历") && help.contains("默认：30 天前"), "{help}");
}

/// Writes `[calendar] file = "…"` (relative: under the config folder) to the config.
fn configure(env: &Env, extra: &str) -> std::path::PathBuf {
    let config = env.dir.path().join("config");
    std::fs::write(config.join("config.toml"), format!("[calendar]\nfile = \"sync/fieldbook.ics\"\n{extra}")).unwrap();
    config.join("sync/fieldbook.ics")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

#[test]
fn the_calendar_file_follows_every_change_from_the_command_line() {
    let env = Env::new();
    let file = configure(&env, "reminder_minutes = 10\n");
    env.add("王伟", &[]);
    assert!(read(&file).contains("BEGIN:VCALENDAR"), "written after the first change");
    assert!(!read(&file).contains("VEVENT"));
    env.ok(&[
        "plan",
        "1",
        "--at",
        "2031-05-08 10:00",
        "--purpose",
        "确认预算",
        "--plan",
        "带报价单",
        "--expect",
        "预算范围",
    ]);
    assert!(
        read(&file).contains("UID:visit-1@fieldbook") && read(&file).contains("TRIGGER;RELATED=START:-PT600S"),
        "{}",
        read(&file)
    );
    std::fs::remove_file(&file).unwrap();
    env.ok(&["list"]);
    env.ok(&["today"]);
    assert!(!file.exists(), "a command that changed nothing writes nothing");
    env.ok(&["visit", "delete", "1"]);
    assert!(read(&file).contains("STATUS:CANCELLED"), "{}", read(&file));
}
