//! The customers filter in name order gives the same pages whether its connection holds the
//! board filter's table (the page taken from the table's match) or not (the names walked in
//! SQL until the page fills): by name, nickname, company and keys, archived accounts left out,
//! each account's newest open deal, names alike ordered by company then id; again after a
//! write of the same connection and after another connection's.

use chrono::NaiveDate;
use fieldbook::clock::Clock;
use fieldbook::domain::Step;
use fieldbook::store::{CustomerFilter, CustomerPatch, CustomerSort, NewDeal, Store};

fn clock() -> Clock {
    Clock::Fixed(NaiveDate::from_ymd_opt(2031, 5, 1).unwrap())
}

#[test]
fn the_customers_filter_reads_the_same_pages_from_the_held_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fb.db");
    let mut s = Store::open(&path, clock()).unwrap();
    let mut add_as = |name: &str, nickname: &str, company: &str, stage: Step, value: i64| {
        crate::common::add_account(&mut s, name, nickname, company, stage, value)
    };
    add_as("张伟", "", "迈科医疗", Step::Survey, 100);
    add_as("张伟", "", "迈科医疗", Step::Close, 110);
    add_as("张伟", "", "", Step::Survey, 120);
    add_as("李娜", "张姐", "", Step::Survey, 200);
    let anna = add_as("Anna Zhang", "", "", Step::Close, 300);
    add_as("王芳", "", "Zhangjiang Labs", Step::Preparation, 400);
    let archived = add_as("张强", "", "", Step::Survey, 500);
    let two_deals = add_as("陈静", "", "", Step::Survey, 600);
    add_as("Émile Durand", "", "ACME_100% Ltd", Step::Survey, 700);
    add_as("émile roux", "ÉMILE", "acme 1000", Step::Close, 800);
    add_as("zhang", "", "", Step::Survey, 900);
    s.add_deal(two_deals, &NewDeal { title: "二期".into(), stage: Step::Presentation, ..Default::default() }).unwrap();
    s.update_customer(archived, CustomerPatch { archived: Some(true), ..Default::default() }).unwrap();
    let texts = [
        "张", "张伟", "zhang", "Zhang", "ZHANG", "zh", "迈科", "张姐", "nobody", "émile", "ÉMILE", "Émile", "mile",
        "acme", "Acme_", "_1", "100%", "0%", "e 1", "0000", "0400", "zw", "a", " 张 ",
    ];
    let plain = Store::open(&path, clock()).unwrap();
    let agree = |s: &Store, when: &str| {
        s.hold_open_deals().unwrap();
        for text in texts {
            let filter = CustomerFilter { text: Some(text.into()), ..Default::default() };
            for (limit, offset) in [(50, 0), (2, 0), (2, 2), (2, 4), (3, 9)] {
                let held = s.list_customers(&filter, CustomerSort::Name, limit, offset).unwrap();
                let walked = plain.list_customers(&filter, CustomerSort::Name, limit, offset).unwrap();
                assert_eq!(held, walked, "{when}, {text:?}, {limit} from {offset}");
            }
        }
    };
    agree(&s, "first");
    let page = |s: &Store, text: &str| {
        let filter = CustomerFilter { text: Some(text.into()), ..Default::default() };
        s.list_customers(&filter, CustomerSort::Name, 50, 0).unwrap()
    };
    let zhang: Vec<String> = page(&s, "zhang").into_iter().map(|r| r.name).collect();
    // In pinyin order (anna, li, wang, zhang), Latin names among the Chinese.
    assert_eq!(zhang, ["Anna Zhang", "李娜", "王芳", "zhang", "张伟", "张伟", "张伟"], "not the archived 张强");
    let chen = page(&s, "陈静");
    assert_eq!(chen.len(), 1, "one row for two open deals");
    assert_eq!(chen[0].stage, Some(Step::Presentation), "the newest open deal");
    s.update_customer(anna, CustomerPatch { name: Some("Anna Li".into()), ..Default::default() }).unwrap();
    agree(&s, "renamed here");
    assert!(!page(&s, "zhang").iter().any(|r| r.id == anna), "Anna Li is no longer found");
    let mut other = Store::open(&path, clock()).unwrap();
    other.update_customer(archived, CustomerPatch { archived: Some(false), ..Default::default() }).unwrap();
    agree(&s, "unarchived by another connection");
    assert!(page(&s, "张").iter().any(|r| r.id == archived), "张强 is back");
}
