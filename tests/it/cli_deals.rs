//! Several deals per customer on the command line: `deal add|list|edit`, `--deal` on the
//! commands that act on a deal, `reopen`, and `pipeline` with one total per currency.

use crate::common;

use common::Env;

/// A customer with its first deal (no title) and a second one in dollars; returns
/// (customer, first deal, second deal).
fn two_deals(env: &Env) -> (i64, i64, i64) {
    let c = env.add("王伟", &["--company", "华东机械", "--value", "200k", "--stage", "survey"]);
    let first = env.json(&["deal", "list", &c.to_string(), "--format", "json"])[0]["id"].as_i64().unwrap();
    let out = env.ok(&["deal", "add", &c.to_string(), "--title", "Service contract", "--value", "$50k"]);
    (c, first, out.trim().parse().expect("deal add prints the id"))
}

#[test]
fn deal_add_prints_the_id_and_list_shows_every_deal() {
    let env = Env::new();
    let (c, first, second) = two_deals(&env);
    assert_ne!(first, second);
    let third = env.ok(&[
        "deal",
        "add",
        &c.to_string(),
        "--title",
        "Spare parts",
        "--value",
        "80000",
        "--currency",
        "EUR",
        "--stage",
        "approach",
        "--close-on",
        "2031-06-30",
    ]);
    let deals = env.json(&["deal", "list", &c.to_string(), "--format", "json"]);
    let deals = deals.as_array().unwrap();
    assert_eq!(deals.len(), 3);
    let third: i64 = third.trim().parse().unwrap();
    assert_eq!(deals[0]["id"], third, "newest first");
    assert_eq!((deals[0]["currency"].as_str(), deals[0]["value_minor"].as_i64()), (Some("EUR"), Some(8_000_000)));
    assert_eq!(
        (deals[0]["stage"].as_str(), deals[0]["expected_close_on"].as_str()),
        (Some("approach"), Some("2031-06-30"))
    );
    assert_eq!((deals[1]["currency"].as_str(), deals[1]["title"].as_str()), (Some("USD"), Some("Service contract")));
    let text = env.ok(&["deal", "list", &c.to_string()]);
    assert!(text.contains("Service contract") && text.contains("$50,000") && text.contains("€80,000"), "{text}");
}

#[test]
fn a_new_deal_without_a_currency_is_in_the_accounts_usual_one() {
    let env = Env::new();
    let c = env.add("Sarah Chen", &["--company", "Northwind Logistics GmbH", "--value", "45k EUR"]).to_string();
    env.ok(&["deal", "add", &c, "--title", "Fleet telematics pilot", "--value", "120k"]);
    let deals = env.json(&["deal", "list", &c, "--format", "json"]);
    assert_eq!((deals[0]["currency"].as_str(), deals[0]["value_minor"].as_i64()), (Some("EUR"), Some(12_000_000)));
    let other = env.add("王伟", &["--value", "200k"]).to_string();
    let deals = env.json(&["deal", "list", &other, "--format", "json"]);
    assert_eq!(deals[0]["currency"].as_str(), Some("CNY"), "an account with no deal in another currency: the base one");
}

#[test]
fn deal_add_refuses_bad_input_and_writes_nothing() {
    let env = Env::new();
    let c = env.add("Li Na", &[]).to_string();
    let before = env.db_bytes();
    let err = env.fails(&["deal", "add", &c, "--title", "  "]);
    assert!(err.contains("deal title is required"), "{err}");
    let err = env.fails(&["deal", "add", &c, "--title", "X", "--value", "50 XYZ"]);
    assert!(err.contains("unknown currency 'XYZ'"), "{err}");
    let err = env.fails(&["deal", "add", &c, "--title", "X", "--close-on", "someday"]);
    assert!(err.contains("cannot read the date 'someday'"), "{err}");
    let err = env.fails(&["deal", "add", "99", "--title", "X"]);
    assert!(err.contains("no customer with id 99"), "{err}");
    assert_eq!(env.db_bytes(), before, "nothing written");
}

#[test]
fn with_several_open_deals_a_command_must_name_one() {
    let env = Env::new();
    let (c, first, second) = two_deals(&env);
    let c = c.to_string();
    for args in [
        vec!["move", &c, "presentation"],
        vec!["won", &c],
        vec!["lost", &c, "--reason", "price"],
        vec!["checklist", &c],
        vec!["objection", &c, "list"],
        vec!["plan", &c, "--at", "fri 10:00", "--purpose", "p", "--plan", "a", "--expect", "e"],
        vec!["visit", &c, "--purpose", "p", "--plan", "a", "--expect", "e"],
    ] {
        let err = env.fails(&args);
        assert!(err.contains("several open deals"), "{args:?}: {err}");
        assert!(err.contains(&format!("#{first} (Survey)")), "{args:?}: {err}");
        assert!(err.contains(&format!("#{second} Service contract (Preparation)")), "{args:?}: {err}");
        assert!(err.contains("--deal"), "{err}");
    }
    let first_s = first.to_string();
    env.ok(&["move", &c, "presentation", "--deal", &first_s]);
    env.ok(&["checklist", &c, "--deal", &second.to_string(), "--tick", "1"]);
    env.ok(&["objection", &c, "add", "too expensive", "--kind", "doubt", "--deal", &first_s]);
    let visit = env.ok(&["visit", &c, "--deal", &second.to_string(), "--purpose", "p", "--plan", "a", "--expect", "e"]);
    let shown = env.json(&["show", &c, "--format", "json"]);
    let visit_id: i64 = visit.trim().parse().unwrap();
    let v = shown["visits"].as_array().unwrap().iter().find(|v| v["id"] == visit_id).unwrap();
    assert_eq!(v["deal_id"], second, "the visit belongs to the deal named");
    let deals = env.json(&["deal", "list", &c, "--format", "json"]);
    assert_eq!(deals[1]["stage"], "presentation", "only the named deal moved");
    assert_eq!(deals[0]["stage"], "preparation");
    let err = env.fails(&["move", &c, "close", "--deal", "999"]);
    assert!(err.contains("no deal with id 999"), "{err}");
    let other = env.add("Anna", &[]).to_string();
    let err = env.fails(&["won", &other, "--deal", &first_s]);
    assert!(err.contains(&format!("deal {first} is not a deal of customer {other}")), "{err}");
}

#[test]
fn with_one_open_deal_it_is_implied_and_with_none_the_error_says_how_to_add_one() {
    let env = Env::new();
    let (c, first, second) = two_deals(&env);
    let c = c.to_string();
    env.ok(&["lost", &c, "--deal", &first.to_string(), "--reason", "chose a competitor"]);
    let out = env.ok(&["won", &c, "--value", "48k"]);
    assert!(
        out.contains(&format!("deal {second}")) && out.contains("$48,000"),
        "a bare number in the deal's currency: {out}"
    );
    let err = env.fails(&["move", &c, "close"]);
    assert!(err.contains("has no open deal") && err.contains(&format!("fieldbook deal add {c} --title")), "{err}");
    let plan = env.ok(&["plan", &c, "--at", "fri 10:00", "--purpose", "p", "--plan", "a", "--expect", "e"]);
    assert!(!plan.trim().is_empty(), "a visit needs no open deal");
}

#[test]
fn a_won_or_lost_deal_reopens_and_the_history_keeps_how_it_closed() {
    let env = Env::new();
    let (c, first, second) = two_deals(&env);
    let c = c.to_string();
    env.ok(&["lost", &c, "--deal", &first.to_string(), "--reason", "budget frozen"]);
    let shown = env.ok(&["show", &c]);
    assert!(shown.contains("budget frozen"), "show names the lost reason: {shown}");
    let err = env.fails(&["move", &c, "close", "--deal", &first.to_string()]);
    assert!(err.contains(&format!("deal {first} is lost")) && err.contains("fieldbook reopen"), "{err}");
    let err = env.fails(&["reopen", &second.to_string()]);
    assert!(err.contains("still open"), "{err}");
    let out = env.ok(&["reopen", &first.to_string(), "--reason", "budget is back"]);
    assert!(out.contains(&format!("Deal {first} is open again, in Survey")), "{out}");
    let json = env.json(&["show", &c, "--format", "json"]);
    let deal = json["deals"].as_array().unwrap().iter().find(|d| d["id"] == first).unwrap();
    assert_eq!((deal["state"].as_str(), deal["lost_reason"].as_str()), (Some("open"), Some("")));
    let states: Vec<&str> =
        deal["history"].as_array().unwrap().iter().map(|e| e["to_state"].as_str().unwrap()).collect();
    assert_eq!(states, ["open", "lost", "open"]);
    let reasons: Vec<&str> =
        deal["history"].as_array().unwrap().iter().map(|e| e["reason"].as_str().unwrap()).collect();
    assert_eq!(reasons[1..], ["budget frozen", "budget is back"]);
    env.ok(&["won", &c, "--deal", &second.to_string()]);
    env.ok(&["reopen", &second.to_string()]);
    let zh = env.fails(&["--lang", "zh-CN", "reopen", &first.to_string()]);
    assert!(zh.contains("仍在进行中"), "{zh}");
}

#[test]
fn deal_edit_changes_title_value_currency_and_date() {
    let env = Env::new();
    let (_, first, second) = two_deals(&env);
    let (first, second) = (first.to_string(), second.to_string());
    env.ok(&["deal", "edit", &first, "--title", "Line 2 pumps", "--value", "1.5m", "--close-on", "2031-07-01"]);
    env.ok(&["deal", "edit", &second, "--currency", "EUR"]);
    let out = env.ok(&["deal", "edit", &second, "--close-on", "+2w"]);
    assert!(out.contains("€50,000") && out.contains("2031-05-20"), "{out}");
    let deal = env.json(&["deal", "edit", &first, "--format", "json"]);
    assert_eq!((deal["title"].as_str(), deal["value_minor"].as_i64()), (Some("Line 2 pumps"), Some(150_000_000)));
    assert_eq!((deal["currency"].as_str(), deal["expected_close_on"].as_str()), (Some("CNY"), Some("2031-07-01")));
    let deal = env.json(&["deal", "edit", &first, "--value", "", "--close-on", "", "--format", "json"]);
    assert!(deal["value_minor"].is_null() && deal["expected_close_on"].is_null(), "{deal}");
    let err = env.fails(&["deal", "edit", &first, "--title", ""]);
    assert!(err.contains("deal title is required"), "{err}");
    let err = env.fails(&["deal", "edit", &first, "--value", "1.5亿亿"]);
    assert!(err.contains("cannot read the amount"), "{err}");
}

#[test]
fn pipeline_counts_deals_per_step_with_one_total_per_currency() {
    let env = Env::new();
    let (c, ..) = two_deals(&env);
    env.ok(&["deal", "add", &c.to_string(), "--title", "More", "--value", "$30k"]);
    env.add("Li Na", &["--value", "1.2m"]);
    let steps = env.json(&["pipeline", "--format", "json"]);
    let prep = &steps[0];
    assert_eq!((prep["stage"].as_str(), prep["count"].as_i64()), (Some("preparation"), Some(3)));
    assert_eq!(
        prep["totals"],
        serde_json::json!([{"currency": "CNY", "minor": 120_000_000}, {"currency": "USD", "minor": 8_000_000}])
    );
    assert_eq!(steps[2]["totals"], serde_json::json!([{"currency": "CNY", "minor": 20_000_000}]));
    assert_eq!(steps[1]["totals"], serde_json::json!([]));
    let text = env.ok(&["pipeline"]);
    assert!(text.contains("¥1.2m · $80k"), "{text}");
    assert!(text.contains("All steps") && text.contains("¥1.4m · $80k") && !text.contains("≈"), "{text}");
    std::fs::write(env.dir.path().join("config/config.toml"), "[rates]\nUSD = 7\n").unwrap();
    let text = env.ok(&["pipeline"]);
    assert!(text.contains("¥1.4m · $80k (≈ ¥2m at your rates)"), "{text}");
    let zh = env.ok(&["--lang", "zh-CN", "pipeline"]);
    assert!(zh.contains("¥140万 · $8万（按设置的汇率折合约 ¥196万）"), "{zh}");
}

/// A won or lost deal needs none of its open next steps: they close with it and leave Today
/// (a step for the account as a whole stays); reopening the deal opens them again.
#[test]
fn a_closed_deals_open_next_steps_close_with_it_and_reopen_with_it() {
    let env = Env::new();
    let (c, first, second) = two_deals(&env);
    let c = c.to_string();
    let step = |text: &str, deal: Option<i64>| {
        let mut args = vec!["next", "add", &c, text, "--on", "2031-05-06"];
        let deal = deal.map(|d| d.to_string());
        if let Some(d) = deal.as_deref() {
            args.extend(["--deal", d]);
        }
        env.ok(&args);
    };
    step("Send pilot proposal", Some(second));
    step("Call about the visit", None);
    step("寄样品", Some(first));
    let open = || env.ok(&["next", "list", &c]);
    assert!(open().contains("Send pilot proposal"));
    let won = env.ok(&["won", &c, "--deal", &second.to_string()]);
    assert!(won.contains("its next step “Send pilot proposal” closed with it"), "{won}");
    let listed = open();
    assert!(!listed.contains("Send pilot proposal") && listed.contains("Call about the visit"), "{listed}");
    assert!(!env.ok(&["today"]).contains("Send pilot proposal"), "off Today");
    let lost = env.ok(&["--lang", "zh-CN", "lost", &c, "--deal", &first.to_string(), "--reason", "预算冻结"]);
    assert!(lost.contains("其下一步“寄样品”一并关闭"), "{lost}");
    let reopened = env.ok(&["reopen", &second.to_string()]);
    assert!(reopened.contains("1 of its next steps open again"), "{reopened}");
    assert!(open().contains("Send pilot proposal"), "back with its deal");
    assert!(!open().contains("寄样品"), "the other deal is still lost");
}
