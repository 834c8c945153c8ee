//! `contact add/list/edit/remove`, `visit --met`, and the people on `show`, `brief`, `search`,
//! the duplicate check and handover: the real binary on a temporary database.

use serde_json::json;

use crate::common::Env;

/// An account with three people in different roles; returns (customer, [ids]).
fn account(env: &Env) -> (i64, [i64; 3]) {
    let id = env.add("王伟", &["--company", "华东机械", "--title", "采购经理", "--phone", "138 0000 0001"]);
    let c = id.to_string();
    let boss = env.ok(&["contact", "add", &c, "张总", "--role", "决策者", "--title", "总经理", "--style", "支配型"]);
    let li = env.ok(&["contact", "add", &c, "小李", "--role", "buyer", "--role", "内线", "--email", "li@hd.cn"]);
    let zhao =
        env.ok(&["--lang", "zh-CN", "contact", "add", &c, "小赵", "--role", "使用者,影响者", "--phone", "139-2"]);
    let ids = [boss, li, zhao].map(|s| s.trim().parse::<i64>().expect("contact add prints the id"));
    (id, ids)
}

#[test]
fn add_list_edit_remove_in_both_languages() {
    let env = Env::new();
    let (c, [boss, li, zhao]) = account(&env);
    let c = c.to_string();
    let list = env.json(&["contact", "list", &c, "--format", "json"]);
    let names: Vec<&str> = list.as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["王伟", "张总", "小李", "小赵"], "the account's own person comes first");
    assert_eq!(list[1]["roles"], json!(["decision-maker"]));
    assert_eq!(list[1]["style"], "driver");
    assert_eq!(list[2]["roles"], json!(["buyer", "insider"]));
    assert_eq!(list[3]["roles"], json!(["user", "influencer"]));
    assert_eq!(list[3]["phone"], "1392");
    let text = env.ok(&["contact", "list", &c]);
    assert!(text.contains("Decision maker") && text.contains("Buyer, Insider"), "{text}");
    let zh = env.ok(&["--lang", "zh-CN", "contact", "list", &c]);
    assert!(zh.contains("决策者") && zh.contains("采购者、内线") && zh.contains("支配型"), "{zh}");

    let edited = env.json(&[
        "contact",
        "edit",
        &li.to_string(),
        "--title",
        "采购主管",
        "--add-role",
        "gatekeeper",
        "--remove-role",
        "采购者",
        "--format",
        "json",
    ]);
    assert_eq!(edited["title"], "采购主管");
    assert_eq!(edited["roles"], json!(["insider", "gatekeeper"]));
    assert_eq!(edited["email"], "li@hd.cn", "fields not given are kept");

    let err = env.fails(&["contact", "remove", "999"]);
    assert!(err.contains("999"), "{err}");
    env.ok(&["contact", "remove", &zhao.to_string()]);
    let after = env.json(&["contact", "list", &c, "--format", "json"]);
    assert_eq!(after.as_array().unwrap().len(), 3);
    // A removed person's id is never given again.
    let next: i64 = env.ok(&["contact", "add", &c, "新人"]).trim().parse().unwrap();
    assert!(next > zhao, "{next} reuses a removed id");
    assert!(boss < li);
}

#[test]
fn bad_people_are_refused_with_a_reason() {
    let env = Env::new();
    let (c, [boss, ..]) = account(&env);
    let c = c.to_string();
    assert!(env.fails(&["contact", "add", &c, " "]).contains("name"));
    let role = env.fails(&["contact", "add", &c, "X", "--role", "boss"]);
    assert!(role.contains("boss") && role.contains("decision-maker"), "{role}");
    let zh = env.fails(&["--lang", "zh-CN", "contact", "add", &c, "X", "--style", "暴躁"]);
    assert!(zh.contains("暴躁") && zh.contains("顾客类型") && zh.contains("支配型、表达型"), "{zh}");
    let long = env.fails(&["contact", "add", &c, &"x".repeat(600)]);
    assert!(long.contains("too long"), "{long}");
    let dup = env.fails(&["contact", "add", &c, "Other", "--phone", "13800000001"]);
    assert!(dup.contains("王伟") && dup.contains("phone"), "{dup}");
    let dup = env.fails(&["contact", "edit", &boss.to_string(), "--email", "LI@hd.cn"]);
    assert!(dup.contains("小李"), "{dup}");
    assert!(env.fails(&["contact", "add", "999", "X"]).contains("999"));
    assert!(env.fails(&["contact", "list", "999"]).contains("999"));
}

#[test]
fn a_visit_records_who_was_met_and_show_and_brief_carry_the_people() {
    let env = Env::new();
    let (c, [boss, li, _]) = account(&env);
    let other = env.add("Anna", &[]);
    let cs = c.to_string();
    let visit = env.ok(&[
        "visit",
        &cs,
        "--purpose",
        "演示",
        "--plan",
        "带样品",
        "--expect",
        "试用",
        "--met",
        &boss.to_string(),
        &li.to_string(),
    ]);
    let planned = env.ok(&[
        "plan",
        &cs,
        "--at",
        "fri 10:00",
        "--purpose",
        "报价",
        "--plan",
        "带报价单",
        "--expect",
        "预算",
        "--met",
        &li.to_string(),
    ]);
    let anna = env.json(&["contact", "list", &other.to_string(), "--format", "json"])[0]["id"].to_string();
    let stray = env.fails(&["visit", &cs, "--purpose", "p", "--plan", "a", "--expect", "e", "--met", &anna]);
    assert!(stray.contains("is not one of customer"), "{stray}");

    let shown = env.json(&["show", &cs, "--format", "json"]);
    let by_id = |id: &str| {
        let id: i64 = id.parse().unwrap();
        shown["visits"].as_array().unwrap().iter().find(|v| v["id"] == id).cloned()
    };
    assert_eq!(by_id(visit.trim()).unwrap()["met"], json!([boss, li]));
    assert_eq!(by_id(planned.trim()).unwrap()["met"], json!([li]));
    assert_eq!(shown["contacts"].as_array().unwrap().len(), 4);
    assert_eq!(shown["contacts"][1]["roles"], json!(["decision-maker"]));
    assert_eq!(shown["buying_centre"]["gaps"], json!([]));
    let text = env.ok(&["show", &cs]);
    assert!(text.contains("Met              张总, 小李"), "{text}");
    assert!(text.contains("#2 张总 · 总经理 · Decision maker · Driver"), "{text}");

    let brief = env.ok(&["brief", &cs]);
    assert!(brief.contains("Decides  张总 (总经理)"), "{brief}");
    let zh = env.ok(&["--lang", "zh-CN", "brief", &cs]);
    assert!(zh.contains("决策者    张总（总经理）") && zh.contains("联系人与角色"), "{zh}");
    let json = env.json(&["brief", &cs, "--format", "json"]);
    assert_eq!(json["people"]["contacts"].as_array().unwrap().len(), 4);
}

#[test]
fn the_buying_centre_flags_gaps_and_a_consumer_only_who_decides() {
    let env = Env::new();
    let company = env.add("王伟", &["--company", "华东机械"]).to_string();
    let shown = env.json(&["show", &company, "--format", "json"]);
    assert_eq!(shown["buying_centre"]["gaps"], json!(["no-decision-maker", "no-buyer", "no-insider"]));
    let text = env.ok(&["show", &company]);
    assert!(text.contains("no decision maker known (MAN: Authority)"), "{text}");
    let brief = env.ok(&["brief", &company]);
    assert!(brief.contains("Decides  not known yet"), "{brief}");
    assert!(brief.contains("nobody known as: Buyer, Insider"), "{brief}");
    let consumer = env.add("Anna", &[]).to_string();
    let shown = env.json(&["show", &consumer, "--format", "json"]);
    assert_eq!(shown["buying_centre"]["gaps"], json!(["no-decision-maker"]));
    let zh = env.ok(&["--lang", "zh-CN", "show", &company]);
    assert!(zh.contains("还没有内线"), "{zh}");
}

#[test]
fn search_and_the_duplicate_check_cover_people() {
    let env = Env::new();
    let (c, _) = account(&env);
    let hits = env.json(&["search", "小李", "--format", "json"]);
    assert_eq!(hits[0]["kind"], "contact");
    assert_eq!(hits[0]["customer"]["id"], c);
    assert_eq!(env.json(&["search", "li@hd.cn", "--format", "json"]).as_array().unwrap().len(), 1);
    let own = env.json(&["search", "王伟", "--format", "json"]);
    assert_eq!(own.as_array().unwrap().len(), 1, "the account's own person is found once, as the customer: {own}");
    let dup = env.fails(&["add", "Li", "--email", "li@hd.cn"]);
    assert!(dup.contains("王伟"), "a person's e-mail makes a likely duplicate: {dup}");
    let dup = env.fails(&["add", "Zhao", "--phone", "139-2"]);
    assert!(dup.contains("王伟"), "{dup}");
}

#[test]
fn editing_the_customer_carries_its_own_person_along() {
    let env = Env::new();
    let (c, _) = account(&env);
    let cs = c.to_string();
    env.ok(&["profile", &cs, "--style", "amiable"]);
    let list = env.json(&["contact", "list", &cs, "--format", "json"]);
    assert_eq!(list[0]["style"], "amiable");
    assert_eq!(list[1]["style"], "driver", "other people keep their own style");
}

#[test]
fn export_import_and_handover_carry_people_roles_and_who_was_met() {
    let env = Env::new();
    let (c, [boss, ..]) = account(&env);
    let cs = c.to_string();
    env.ok(&["visit", &cs, "--purpose", "p", "--plan", "a", "--expect", "e", "--met", &boss.to_string()]);
    let out = env.dir.path().join("all.json");
    env.ok(&["export", "--out", out.to_str().unwrap()]);
    let text = std::fs::read_to_string(&out).unwrap();
    for table in ["\"contact\"", "\"contact_role\"", "\"visit_contact\""] {
        assert!(text.contains(table), "{table} missing from the export");
    }
    let other = Env::new();
    other.ok(&["import", out.to_str().unwrap()]);
    assert_eq!(other.ok(&["export"]), text);

    let hand = env.dir.path().join("hand.json");
    env.add("Someone else", &[]);
    env.ok(&["handover", &cs, "--out", hand.to_str().unwrap()]);
    let colleague = Env::new();
    colleague.add("Already here", &[]);
    colleague.ok(&["import", hand.to_str().unwrap()]);
    let list = colleague.json(&["contact", "list", "2", "--format", "json"]);
    let names: Vec<&str> = list.as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["王伟", "张总", "小李", "小赵"]);
    assert_eq!(list[2]["roles"], json!(["buyer", "insider"]));
    let shown = colleague.json(&["show", "2", "--format", "json"]);
    assert_eq!(shown["visits"][0]["met"], json!([list[1]["id"]]));
    assert!(colleague.ok(&["check"]).starts_with("OK: "));
}

#[test]
fn a_spreadsheet_row_becomes_an_account_with_its_person() {
    let env = Env::new();
    let csv = env.dir.path().join("leads.csv");
    std::fs::write(&csv, "name,company,phone,title\n王伟,华东机械,13800000001,经理\n").unwrap();
    env.ok(&["import", csv.to_str().unwrap()]);
    let list = env.json(&["contact", "list", "1", "--format", "json"]);
    assert_eq!(list[0]["name"], "王伟");
    assert_eq!(list[0]["title"], "经理");
    assert!(env.ok(&["check"]).starts_with("OK: "));
    let undo = env.ok(&["import", "--undo", "1"]);
    assert!(!undo.is_empty());
    assert!(env.ok(&["check"]).starts_with("OK: "));
}

#[test]
fn vcards_of_one_organisation_land_in_one_account_as_its_people() {
    let env = Env::new();
    let vcf = env.dir.path().join("team.vcf");
    let card = |name: &str, org: &str, extra: &str| {
        format!("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nORG:{org}\r\n{extra}END:VCARD\r\n")
    };
    let text = [
        card("王伟", "华东机械", "TITLE:采购经理\r\nTEL:138-0000-0001\r\n"),
        card("Anna Smith", "", "EMAIL:anna@example.com\r\n"),
        card("张总", "华东 机械", "TITLE:总经理\r\nBDAY:1970-05-08\r\n"),
    ]
    .concat();
    std::fs::write(&vcf, text).unwrap();
    let report = env.ok(&["import", vcf.to_str().unwrap()]);
    assert!(report.contains("added 2,"), "two accounts: {report}");
    let people = env.json(&["contact", "list", "1", "--format", "json"]);
    let names: Vec<&str> = people.as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["王伟", "张总"]);
    assert_eq!(people[1]["title"], "总经理");
    let today = env.ok(&["today"]);
    assert!(today.contains("birthday (张总)"), "the person's birthday is reminded on the account: {today}");
    assert_eq!(env.json(&["contact", "list", "2", "--format", "json"])[0]["name"], "Anna Smith");
    let again = env.ok(&["import", vcf.to_str().unwrap()]);
    assert!(again.contains("added 0, merged 0, skipped 2"), "{again}");
    env.ok(&["import", "--undo", "1"]);
    assert!(env.ok(&["check"]).starts_with("OK: "));
    assert!(env.fails(&["contact", "list", "1"]).contains('1'));
}
