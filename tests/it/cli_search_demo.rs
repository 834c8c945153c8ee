//! `search` and `demo` on the real binary.

use crate::common;

use common::Env;
use serde_json::Value;

fn json(env: &Env, args: &[&str]) -> Value {
    serde_json::from_str(&env.ok(args)).unwrap()
}

#[test]
fn search_finds_every_kind_in_both_languages() {
    let env = Env::new();
    let wang = env.add("王伟", &["--company", "深圳医疗器械有限公司"]).to_string();
    let li = env.add("Li Na", &["--company", "Hangzhou Cloud Tech"]).to_string();
    env.ok(&[
        "visit",
        &li,
        "--at",
        "2031-05-01 10:00",
        "--purpose",
        "Budget review",
        "--plan",
        "bring 王伟's quote and samples",
        "--expect",
        "sign-off",
    ]);
    env.ok(&["note", &wang, "喜欢钓鱼 and badminton"]);

    let hits = json(&env, &["search", "王伟", "--format", "json"]);
    let kinds: Vec<&str> = hits.as_array().unwrap().iter().map(|h| h["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["customer", "visit"]);
    assert_eq!(hits[1]["customer"]["name"], "Li Na");
    assert_eq!(hits[1]["title"], "Budget review");

    let text = env.ok(&["search", "BUDGET", "王伟"]);
    assert!(text.contains("Budget review") && text.contains("Li Na"), "{text}");
    assert!(!text.contains("深圳医疗器械"), "all terms must match in one row: {text}");

    let note = json(&env, &["search", "钓鱼", "badminton", "--format", "json"]);
    assert_eq!(note.as_array().unwrap().len(), 1);
    assert_eq!(note[0]["kind"], "note");

    for syntax in ["\"budget\"", "budget*", "-budget", "(budget)", "budget AND", "(budget", "budget)"] {
        let hits = json(&env, &["search", "--format", "json", "--", syntax]);
        assert_eq!(hits.as_array().unwrap().len(), 1, "{syntax}: {hits}");
    }
    assert!(env.ok(&["search", "nothing-like-this"]).contains("Nothing contains"));
    assert_eq!(json(&env, &["search", "*", "--format", "json"]), Value::Array(vec![]));
}

#[test]
fn search_limit_and_chinese_output() {
    let env = Env::new();
    for i in 0..5 {
        env.add(&format!("张伟{i}"), &[]);
    }
    let hits = json(&env, &["search", "张伟", "--limit", "3", "--format", "json"]);
    assert_eq!(hits.as_array().unwrap().len(), 3);
    let zh = env.ok(&["--lang", "zh-CN", "search", "张伟"]);
    assert!(zh.contains("客户") && zh.contains("张伟4"), "{zh}");
    env.cmd().arg("search").assert().failure();
}

#[test]
fn demo_loads_reproducibly_and_refuses_real_data() {
    let env = Env::new();
    let out = env.cmd().args(["demo", "--customers", "40", "--visits", "300", "--seed", "9"]).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("40 customers"));
    let first = env.ok(&["list", "--limit", "100", "--format", "json"]);
    let today = json(&env, &["today", "--format", "json"]);
    assert!(!today["appointments"].as_array().unwrap().is_empty(), "{today}");

    let again = Env::new();
    again.ok(&["demo", "--customers", "40", "--visits", "300", "--seed", "9"]);
    assert_eq!(again.ok(&["list", "--limit", "100", "--format", "json"]), first, "same seed, same data");

    let before = env.db_bytes();
    let err = env.fails(&["demo", "--customers", "5"]);
    assert!(err.contains("already holds 40 customers") && err.contains("--force"), "{err}");
    assert_eq!(env.db_bytes(), before, "nothing written");
    env.ok(&["demo", "--customers", "5", "--visits", "10", "--force"]);
    assert_eq!(json(&env, &["list", "--limit", "100", "--format", "json"]).as_array().unwrap().len(), 45);

    assert!(env.fails(&["demo", "--customers", "0"]).contains("at least 1"));
}
