//! Personal facts of one of the account's people (`fact … --contact`): whose fact it is on
//! `show` (text and JSON), `today`, the brief; a person of another account is refused; the
//! brief's how-to-deal per person and who the last visit met.

use crate::common::Env;

/// 王伟 of 华东机械 with 张总 (decision maker, driver); returns (customer, 张总's id).
fn account(env: &Env) -> (i64, i64) {
    let id = env.add("王伟", &["--company", "华东机械", "--style", "amiable"]);
    let boss = env.ok(&["contact", "add", &id.to_string(), "张总", "--role", "决策者", "--style", "expressive"]);
    (id, boss.trim().parse().expect("contact add prints the id"))
}

#[test]
fn a_birthday_of_a_person_says_whose_it_is_everywhere() {
    let env = Env::new();
    let (c, boss) = account(&env);
    let (c, boss) = (c.to_string(), boss.to_string());
    // Today is 2031-05-06: a birthday on 05-08 is this week's.
    let saved = env.json(&[
        "fact",
        &c,
        "--category",
        "personal",
        "--label",
        "birthday",
        "--date",
        "1970-05-08",
        "--contact",
        &boss,
        "--format",
        "json",
    ]);
    assert_eq!(saved["contact_id"].as_i64(), boss.parse().ok());
    env.ok(&["fact", &c, "--category", "personal", "--label", "hobby", "--value", "golf", "--contact", &boss]);
    env.ok(&["fact", &c, "--category", "business", "--label", "fiscal year", "--value", "April"]);

    let shown = env.json(&["show", &c, "--format", "json"]);
    let facts = shown["facts"].as_array().unwrap();
    let birthday = facts.iter().find(|f| f["label"] == "birthday").unwrap();
    assert_eq!((birthday["contact_id"].as_i64(), birthday["about"].as_str()), (boss.parse().ok(), Some("张总")));
    let account_fact = facts.iter().find(|f| f["label"] == "fiscal year").unwrap();
    assert!(account_fact["contact_id"].is_null() && account_fact.get("about").is_none(), "{account_fact}");

    let text = env.ok(&["show", &c]);
    assert!(text.contains("hobby (张总)") && text.contains("golf"), "{text}");
    assert!(text.contains("fiscal year") && !text.contains("fiscal year ("), "{text}");
    let zh = env.ok(&["--lang", "zh-CN", "show", &c]);
    assert!(zh.contains("hobby（张总）"), "full-width parentheses in Chinese: {zh}");

    let today = env.ok(&["today"]);
    assert!(today.contains("birthday (张总)"), "{today}");
    let today_zh = env.ok(&["--lang", "zh-CN", "today"]);
    assert!(today_zh.contains("生日（张总）"), "an imported label in the language shown: {today_zh}");
    let review = env.json(&["today", "--format", "json"]);
    assert_eq!(review["dates"][0]["person"], "张总");

    let brief = env.ok(&["brief", &c]);
    assert!(brief.contains("05-08 birthday (张总)"), "{brief}");
    assert!(brief.contains("hobby (张总)"), "{brief}");
}

#[test]
fn a_person_of_another_account_is_refused_with_a_clear_error() {
    let env = Env::new();
    let (c, _) = account(&env);
    let other = env.add("Anna", &["--company", "Acme"]);
    let anna = env.json(&["contact", "list", &other.to_string(), "--format", "json"])[0]["id"].as_i64().unwrap();
    let err = env.fails(&[
        "fact",
        &c.to_string(),
        "--category",
        "personal",
        "--label",
        "hobby",
        "--value",
        "x",
        "--contact",
        &anna.to_string(),
    ]);
    assert!(err.contains(&format!("person {anna} is not one of customer {c}'s people")), "{err}");
    let zh = env.fails(&[
        "--lang",
        "zh-CN",
        "fact",
        &c.to_string(),
        "--category",
        "personal",
        "--label",
        "hobby",
        "--value",
        "x",
        "--contact",
        "999",
    ]);
    assert!(zh.contains("联系人 999 不属于客户"), "{zh}");
    assert_eq!(env.json(&["show", &c.to_string(), "--format", "json"])["facts"].as_array().unwrap().len(), 0);
    let help = env.ok(&["--lang", "zh-CN", "fact", "--help"]);
    assert!(help.contains("--contact") && help.contains("这条信息是关于哪位联系人的"), "{help}");
    assert!(env.ok(&["fact", "--help"]).contains("The person of the account the fact is about"));
}

#[test]
fn the_brief_deals_with_each_person_by_their_style_and_names_who_was_met() {
    let env = Env::new();
    let (c, boss) = account(&env);
    let c = c.to_string();
    let own = env.json(&["contact", "list", &c, "--format", "json"])[0]["id"].as_i64().unwrap();
    env.ok(&[
        "visit",
        &c,
        "--purpose",
        "show the sample",
        "--plan",
        "bring it",
        "--expect",
        "a trial",
        "--result",
        "liked it",
        "--outcome",
        "met",
        "--at",
        "2031-05-05 10:00",
        "--met",
        &own.to_string(),
        &boss.to_string(),
    ]);
    let brief = env.ok(&["brief", &c]);
    // The account's own style (amiable) and 张总's (expressive), each with how to deal.
    assert!(brief.contains("Amiable"), "{brief}");
    let boss_line = brief.lines().position(|l| l.trim_start().starts_with("张总") && l.contains("Expressive"));
    assert!(boss_line.is_some(), "张总's style under how to deal: {brief}");
    assert!(brief.contains("Met") && brief.contains("王伟, 张总"), "who the last visit met: {brief}");
    let zh = env.ok(&["--lang", "zh-CN", "brief", &c]);
    assert!(zh.contains("见到") && zh.contains("王伟、张总"), "{zh}");
    let json = env.json(&["brief", &c, "--format", "json"]);
    assert_eq!(json["person_styles"][0]["name"], "张总");
    assert_eq!(json["last_visit"]["met"].as_array().map(Vec::len), Some(2));
}
