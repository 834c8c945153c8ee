//! `add`, `list`, `show`: the real binary on a temporary database.

use crate::common;

use common::Env;
use unicode_width::UnicodeWidthStr;

#[test]
fn add_prints_the_id_and_show_reads_it_back() {
    let env = Env::new();
    let id =
        env.add("王伟", &["--company", "华东机械", "--phone", "138-0000-0000", "--stage", "survey", "--value", "200k"]);
    assert_eq!(id, 1);
    let shown = env.ok(&["show", "1"]);
    assert!(shown.starts_with("#1 王伟 — 华东机械"), "{shown}");
    assert!(shown.contains("Phone  138 0000 0000"), "typed with dashes, read back in groups: {shown}");
    assert!(shown.contains("Survey · Open · ¥200,000"), "{shown}");
    let json = env.json(&["show", "1", "--format", "json"]);
    assert_eq!(json["customer"]["name"], "王伟");
    assert_eq!(json["deals"][0]["stage"], "survey");
    assert_eq!(json["deals"][0]["value_minor"], 20_000_000);
    assert_eq!(json["deals"][0]["history"][0]["to_stage"], "survey");
    assert!(json["visits"].as_array().unwrap().is_empty());
}

#[test]
fn add_refuses_a_likely_duplicate_unless_allowed() {
    let env = Env::new();
    env.add("Alice Smith", &["--company", "Acme", "--email", "alice@acme.test"]);
    let err = env.fails(&["add", "Alice S.", "--email", "ALICE@acme.test"]);
    assert!(err.contains("#1 Alice Smith · Acme") && err.contains("--allow-duplicate"), "{err}");
    let err = env.fails(&["add", "Alice Smith", "--company", "Acme"]);
    assert!(err.contains("#1 Alice Smith"), "{err}");
    assert_eq!(env.add("Alice Smith", &["--company", "Acme", "--allow-duplicate"]), 2);
    assert_eq!(env.json(&["list", "--format", "json"]).as_array().unwrap().len(), 2);
}

#[test]
fn add_json_and_bad_words() {
    let env = Env::new();
    let json = env.json(&["add", "Bob", "--class", "intent", "--style", "driver", "--format", "json"]);
    assert_eq!(json["id"], 1);
    assert_eq!(json["stage"], "preparation");
    let err = env.fails(&["add", "Carol", "--class", "vip"]);
    assert!(err.contains("'vip'") && err.contains("potential, intent"), "{err}");
    let err = env.fails(&["add", "Carol", "--value", "lots"]);
    assert!(err.contains("'lots'"), "{err}");
    let err = env.fails(&["add", "  "]);
    assert!(err.contains("name"), "{err}");
    assert_eq!(env.json(&["list", "--format", "json"]).as_array().unwrap().len(), 1);
}

#[test]
fn list_filters_pages_and_prints_json() {
    let env = Env::new();
    env.add("Ann", &["--stage", "survey", "--class", "intent"]);
    env.add("Ben", &["--stage", "close"]);
    env.add("Cat", &["--stage", "调查"]);
    let names = |v: serde_json::Value| -> Vec<String> {
        v.as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(names(env.json(&["list", "--stage", "survey", "--format", "json"])), ["Ann", "Cat"]);
    assert_eq!(names(env.json(&["list", "--class", "intent", "--format", "json"])), ["Ann"]);
    assert_eq!(names(env.json(&["list", "--limit", "1", "--offset", "1", "--format", "json"])), ["Ben"]);
    let row = &env.json(&["list", "--format", "json"])[0];
    for key in ["id", "name", "company", "class", "stage", "value_minor", "currency", "last_contact_on", "next_step_on"]
    {
        assert!(row.get(key).is_some(), "missing {key} in {row}");
    }
    assert!(env.ok(&["list", "--stage", "presentation"]).contains("No customers match"));
}

#[test]
fn list_aligns_chinese_columns_by_display_width() {
    let env = Env::new();
    env.add("王伟", &["--company", "上海华东机械有限公司", "--stage", "survey"]);
    env.add("Alice Smith", &["--company", "Acme"]);
    env.add("欧阳娜娜", &["--company", "北京某某一二三四五六七八九十科技有限公司"]);
    for lang in ["en", "zh-CN"] {
        let out = env.ok(&["--lang", lang, "list"]);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 4, "{out}");
        // The step column starts at the same display column on every line.
        let step_words: [&str; 4] = if lang == "en" {
            ["Step", "Preparation", "Preparation", "Survey"]
        } else {
            ["步骤", "准备", "准备", "调查"]
        };
        let cols: Vec<usize> = lines
            .iter()
            .zip(step_words)
            .map(|(line, word)| {
                let at = line.find(&format!("  {word}")).unwrap_or_else(|| panic!("{word} in {line}"));
                line[..at].width()
            })
            .collect();
        assert!(cols.windows(2).all(|w| w[0] == w[1]), "{lang}: {cols:?}\n{out}");
        assert!(out.contains('…'), "long company is cut: {out}");
    }
}

#[test]
fn show_unknown_id_fails_in_both_languages() {
    let env = Env::empty();
    let err = env.fails(&["show", "42"]);
    assert!(err.starts_with("error: ") && err.contains("42") && err.contains("fieldbook list"), "{err}");
    let err = env.fails(&["--lang", "zh-CN", "show", "42"]);
    assert!(err.starts_with("错误：") && err.contains("42"), "{err}");
}

#[test]
fn list_due_shows_next_steps_due_and_cadence_due() {
    let env = Env::new();
    let late = env.add("Late next step", &[]).to_string();
    env.ok(&["plan", &late, "--at", "2031-05-05 10:00", "--purpose", "p", "--plan", "a", "--expect", "e"]);
    let quiet = env.add("Quiet for 40 days", &[]).to_string();
    env.ok(&["visit", &quiet, "--at", "2031-03-27 10:00", "--purpose", "p", "--plan", "a", "--expect", "e"]);
    let soon = env.add("Next step next week", &[]).to_string();
    env.ok(&["plan", &soon, "--at", "+7d", "--purpose", "p", "--plan", "a", "--expect", "e"]);
    env.add("Brand new", &[]);
    let rows = env.json(&["list", "--due", "--format", "json"]);
    let names: Vec<&str> = rows.as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Late next step", "Quiet for 40 days"]);
}

#[test]
fn a_lost_customer_is_not_asked_for_a_next_step() {
    let env = Env::new();
    let id = env.add("王伟", &[]).to_string();
    assert!(env.ok(&["show", &id]).contains("every prospect should have one"));
    env.ok(&["profile", &id, "--class", "lost"]);
    assert!(env.ok(&["show", &id]).contains("none (a lost customer is not followed up)"));
    let zh = env.ok(&["--lang", "zh-CN", "show", &id]);
    assert!(zh.contains("无（流失客户不再跟进）") && zh.contains("流失客户不再按拜访周期跟进"), "{zh}");
    assert!(!zh.contains("天到期"), "a lost customer is never due: {zh}");
}

#[test]
fn a_phone_with_an_extension_keeps_it_apart_and_reads_it_back() {
    let env = Env::new();
    let id =
        env.add("刘建华", &["--company", "苏州恒远精密机械有限公司", "--phone", "0512-6578 1234 转 806"]).to_string();
    let zh = env.ok(&["--lang", "zh-CN", "show", &id]);
    assert!(zh.contains("0512 6578 1234 转 806"), "{zh}");
    let en = env.ok(&["show", &id]);
    assert!(en.contains("0512 6578 1234 ext. 806"), "{en}");
    let json = env.json(&["show", &id, "--format", "json"]);
    assert_eq!(json["customer"]["phone"].as_str(), Some("051265781234;ext=806"), "{json}");
    let found = env.ok(&["search", "65781234"]);
    assert!(found.contains("刘建华"), "the number is found by its digits: {found}");
    let err =
        env.fails(&["add", "刘建华", "--company", "苏州恒远精密机械有限公司", "--phone", "0512 65781234 ext 806"]);
    assert!(err.contains("Already on file? #1"), "the same number and extension: the same person: {err}");
}
