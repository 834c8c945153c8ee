//! The account and its own person agree both ways: editing the person (`contact edit`) carries
//! to the account where it mirrors them, editing the account (`profile --style`, a merge)
//! carries to the person; undoing an import that merged into the account leaves both alike.

use serde_json::Value;

use crate::common::Env;

/// (name, title, phone, email, style) of the account and of its first person.
fn both(env: &Env, id: &str) -> (Vec<Value>, Vec<Value>) {
    let shown = env.json(&["show", id, "--format", "json"]);
    let pick = |v: &Value| ["name", "title", "phone", "email", "style"].iter().map(|k| v[*k].clone()).collect();
    (pick(&shown["customer"]), pick(&shown["contacts"][0]))
}

#[test]
fn editing_the_accounts_own_person_carries_to_the_account() {
    let env = Env::new();
    let id = env.add("王伟", &["--company", "华东机械", "--title", "采购经理", "--phone", "138 0000 0001"]);
    let c = id.to_string();
    let own = env.json(&["contact", "list", &c, "--format", "json"])[0]["id"].to_string();
    let boss = env.ok(&["contact", "add", &c, "张总", "--title", "总经理"]).trim().to_string();
    env.ok(&[
        "contact",
        "edit",
        &own,
        "--name",
        "王伟东",
        "--title",
        "采购总监",
        "--phone",
        "139 2222 3333",
        "--email",
        "wwd@hd.cn",
        "--style",
        "analytical",
    ]);
    let (account, person) = both(&env, &c);
    assert_eq!(account, person, "the account follows its own person");
    assert_eq!(account[0], "王伟东");
    assert_eq!(account[2], "13922223333");
    assert_eq!(account[4], "analytical");
    assert!(env.ok(&["list"]).contains("王伟东"), "lists show the new name");
    assert!(env.ok(&["search", "wwd@hd.cn"]).contains("王伟东"), "search finds the account by the new e-mail");

    // Another person's edit leaves the account alone; the account's edit reaches its person.
    env.ok(&["contact", "edit", &boss, "--title", "董事长", "--style", "driver"]);
    let (account, _) = both(&env, &c);
    assert_eq!((account[1].as_str(), account[4].as_str()), (Some("采购总监"), Some("analytical")));
    env.ok(&["profile", &c, "--style", "amiable"]);
    let (account, person) = both(&env, &c);
    assert_eq!(account, person);
    assert_eq!(person[4], "amiable");
    assert!(env.ok(&["check"]).starts_with("OK: "));
}

#[test]
fn undoing_an_import_that_merged_into_a_customer_leaves_account_and_person_alike() {
    let env = Env::new();
    let id = env.add("王伟", &["--company", "华东机械"]);
    let c = id.to_string();
    let csv = env.dir.path().join("leads.csv");
    std::fs::write(&csv, "name,company,phone,email,title\n王伟,华东机械,13800000001,ww@hd.cn,采购经理\n").unwrap();
    let merged = env.ok(&["import", csv.to_str().unwrap(), "--on-duplicate", "merge"]);
    assert!(merged.contains("merged into #1"), "{merged}");
    let (account, person) = both(&env, &c);
    assert_eq!(account, person, "the merge filled the account and its person alike");
    assert_eq!((account[2].as_str(), account[3].as_str()), (Some("13800000001"), Some("ww@hd.cn")));

    env.ok(&["import", "--undo", "1"]);
    let (account, person) = both(&env, &c);
    assert_eq!(account, person, "undo put both back alike");
    assert_eq!((account[1].as_str(), account[2].as_str(), account[3].as_str()), (Some(""), Some(""), Some("")));
    // And they keep agreeing: the person's edit after the undo reaches the account.
    let own = env.json(&["contact", "list", &c, "--format", "json"])[0]["id"].to_string();
    env.ok(&["contact", "edit", &own, "--phone", "138 0000 0009"]);
    let (account, person) = both(&env, &c);
    assert_eq!(account, person);
    assert!(env.ok(&["check"]).starts_with("OK: "));
}
