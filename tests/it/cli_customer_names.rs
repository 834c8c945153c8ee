//! Naming a customer on the command line by a name rather than its number.

use crate::common::Env;

fn three_customers() -> Env {
    let env = Env::new();
    env.add("王伟", &["--company", "深圳迈科医疗器械有限公司"]);
    env.add("Kevin Collins", &["--company", "Wuhan Hengxin Logistics Ltd."]);
    env.add("Kevin Reed", &["--company", "Suzhou Bluewater Foods Inc."]);
    env.ok(&["contact", "add", "3", "Emily Walker", "--role", "decision-maker"]);
    env
}

#[test]
fn a_name_only_one_customer_answers_to_works_like_its_number() {
    let env = three_customers();
    assert!(env.ok(&["show", "王伟"]).starts_with("#1 王伟"));
    assert!(env.ok(&["show", "wangwei"]).starts_with("#1 王伟"), "by pinyin");
    assert!(env.ok(&["show", "#2"]).starts_with("#2 Kevin Collins"));
    assert!(env.ok(&["brief", "kevin collins"]).contains("Kevin Collins · Wuhan Hengxin"), "case aside");
    assert!(env.ok(&["show", "Emily Walker"]).starts_with("#3 Kevin Reed"), "by a person of the account");
    assert!(env.ok(&["show", "bluewater"]).starts_with("#3 Kevin Reed"), "by the company");
    env.ok(&["plan", "王伟", "--at", "2031-05-07 10:00", "--purpose", "p", "--plan", "a", "--expect", "e"]);
    env.ok(&["next", "add", "王伟", "Send the quote", "--on", "2031-05-08"]);
    let steps = env.ok(&["next", "list", "王伟"]);
    assert!(steps.contains("Send the quote"), "{steps}");
    assert!(env.ok(&["show", "1"]).contains("2031-05-07 10:00"), "the plan went to 王伟");
}

#[test]
fn a_name_several_or_no_customers_answer_to_is_refused_with_who() {
    let env = three_customers();
    let several = env.fails(&["show", "kevin"]);
    assert!(several.contains("#2 Kevin Collins · Wuhan Hengxin Logistics Ltd."), "{several}");
    assert!(several.contains("#3 Kevin Reed") && several.contains("give the number"), "{several}");
    let none = env.fails(&["brief", "zzzz"]);
    assert!(none.contains("no customer answers to 'zzzz'") && none.contains("fieldbook search zzzz"), "{none}");
    let zh = env.cmd().args(["--lang", "zh-CN", "show", "kevin"]).output().unwrap();
    let zh = String::from_utf8_lossy(&zh.stderr);
    assert!(zh.contains("有几个客户都与“kevin”相符") && zh.contains("Foods Inc.、#2 Kevin Collins"), "{zh}");
}

#[test]
fn visit_edit_and_delete_still_name_a_visit() {
    let env = three_customers();
    env.ok(&["plan", "1", "--at", "2031-05-07 10:00", "--purpose", "p", "--plan", "a", "--expect", "e"]);
    env.ok(&["visit", "edit", "1", "--purpose", "Quote review"]);
    assert!(env.ok(&["show", "1"]).contains("Quote review"));
    env.ok(&["visit", "delete", "1"]);
    assert!(!env.ok(&["show", "1"]).contains("Quote review"));
}
