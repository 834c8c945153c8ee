//! An opportunities export from another CRM: one row per opportunity becomes accounts and
//! deals (won and lost rows closed with their value and date); importing it again updates the
//! deals by the file's own id column instead of adding them twice.

use crate::common;

use common::Env;

const MAP: &str = "Prospecting=preparation,Engaging=approach,Won=won,Lost=lost";

fn fixture() -> String {
    format!("{}/tests/fixtures/csv/opportunities_utf8.csv", env!("CARGO_MANIFEST_DIR"))
}

fn deals(env: &Env, customer: i64) -> Vec<serde_json::Value> {
    env.json(&["deal", "list", &customer.to_string(), "--format", "json"]).as_array().unwrap().clone()
}

#[test]
fn one_account_per_company_and_one_deal_per_row() {
    let env = Env::new();
    let out = env.ok(&["import", &fixture(), "--stage-map", MAP]);
    assert!(out.contains("added 3"), "three accounts: {out}");
    let customers = env.json(&["list", "--format", "json"]);
    assert_eq!(customers.as_array().unwrap().len(), 3, "one row per account in the list: {customers}");
    let northwind = deals(&env, 1);
    assert_eq!(northwind.len(), 3);
    let pilot = northwind.iter().find(|d| d["title"] == "Pilot (2030)").unwrap();
    assert_eq!((pilot["state"].as_str(), pilot["stage"].as_str()), (Some("won"), Some("close")));
    assert_eq!((pilot["value_minor"].as_i64(), pilot["currency"].as_str()), (Some(3_850_000), Some("USD")));
    assert_eq!(pilot["closed_at"], "2030-11-20T00:00:00Z", "closed on its date");
    let scanners = northwind.iter().find(|d| d["title"] == "Warehouse scanners").unwrap();
    assert_eq!(
        (scanners["state"].as_str(), scanners["expected_close_on"].as_str()),
        (Some("open"), Some("2031-07-15"))
    );
    let huadong = deals(&env, 2);
    let lost = huadong.iter().find(|d| d["state"] == "lost").unwrap();
    assert_eq!(
        (lost["title"].as_str(), lost["lost_reason"].as_str()),
        (Some("备件年框"), Some("Chose a cheaper local supplier"))
    );
    assert_eq!(lost["value_minor"], 30_000_000);
    let steps = env.json(&["pipeline", "--format", "json"]);
    assert_eq!(steps[0]["totals"], serde_json::json!([{"currency": "USD", "minor": 12_000_000}]));
    assert_eq!(
        steps[1]["totals"],
        serde_json::json!([{"currency": "CNY", "minor": 120_000_000}, {"currency": "USD", "minor": 4_500_000}])
    );
    let shown = env.ok(&["show", "2"]);
    assert!(shown.contains("Chose a cheaper local supplier"), "{shown}");
}

#[test]
fn importing_again_updates_the_deals_by_the_files_id() {
    let env = Env::new();
    env.ok(&["import", &fixture(), "--stage-map", MAP]);
    let again = env.ok(&["import", &fixture(), "--stage-map", MAP]);
    assert!(again.contains("Nothing new"), "{again}");
    assert_eq!(deals(&env, 1).len(), 3, "no deal added twice");
    let text = std::fs::read_to_string(fixture()).unwrap().replace(
        "006A000001,Northwind Traders,Warehouse scanners,Prospecting,\"120,000\"",
        "006A000001,Northwind Traders,Warehouse scanners,Won,\"110,000\"",
    );
    let changed = env.dir.path().join("changed.csv");
    std::fs::write(&changed, text).unwrap();
    let out = env.ok(&["import", changed.to_str().unwrap(), "--stage-map", MAP]);
    assert!(out.contains("1 deal imported before"), "{out}");
    let northwind = deals(&env, 1);
    assert_eq!(northwind.len(), 3);
    let scanners = northwind.iter().find(|d| d["title"] == "Warehouse scanners").unwrap();
    assert_eq!((scanners["state"].as_str(), scanners["value_minor"].as_i64()), (Some("won"), Some(11_000_000)));
    let shown = env.json(&["show", "1", "--format", "json"]);
    let deal = shown["deals"].as_array().unwrap().iter().find(|d| d["id"] == scanners["id"]).unwrap();
    let states: Vec<&str> =
        deal["history"].as_array().unwrap().iter().map(|e| e["to_state"].as_str().unwrap()).collect();
    assert_eq!(states, ["open", "won"], "the change is in the step history");
}

#[test]
fn the_stage_map_takes_won_and_lost_and_refuses_what_is_neither() {
    let env = Env::new();
    let err = env.fails(&["import", &fixture(), "--stage-map", "Won=finished"]);
    assert!(err.contains("Won=won,Lost=lost"), "{err}");
    let out = env.ok(&[
        "import",
        &fixture(),
        "--stage-map",
        "Prospecting=prep,Engaging=接近,Won=赢单,Lost=lost",
        "--dry-run",
    ]);
    assert!(out.contains("added 3") && out.contains("Dry run"), "{out}");
}

#[test]
fn a_new_opportunity_of_an_account_already_there_is_added_to_it_and_undone_exactly() {
    let env = Env::new();
    env.ok(&["import", &fixture(), "--stage-map", MAP]);
    let mut text = std::fs::read_to_string(fixture()).unwrap();
    text.push_str("006A000007,Northwind Traders,Cold-chain sensors,Engaging,\"$80,000\",,2031-09-30,,Trade show\n");
    let more = env.dir.path().join("more.csv");
    std::fs::write(&more, text).unwrap();
    let out = env.ok(&["import", more.to_str().unwrap(), "--stage-map", MAP]);
    assert!(out.contains("Saved as import batch 2"), "{out}");
    let northwind = deals(&env, 1);
    assert_eq!(northwind.len(), 4, "the new opportunity went to the account already there");
    let sensors = northwind.iter().find(|d| d["title"] == "Cold-chain sensors").unwrap();
    assert_eq!((sensors["value_minor"].as_i64(), sensors["currency"].as_str()), (Some(8_000_000), Some("USD")));
    assert_eq!(env.json(&["list", "--format", "json"]).as_array().unwrap().len(), 3, "no account added twice");
    env.ok(&["import", "--undo", "2"]);
    assert_eq!(deals(&env, 1).len(), 3, "undo removes exactly the deal it added");
}
