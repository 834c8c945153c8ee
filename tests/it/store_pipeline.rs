//! The pipeline board queries: per-step totals, pages of cards, filter, days in step and
//! next-step state.

use chrono::NaiveDate;
use fieldbook::clock::Clock;
use fieldbook::domain::money::{Currency, Money};
use fieldbook::domain::{NewCustomer, NewNextStep, NextStepState, Step, VisitInput, Word};
use fieldbook::store::{NewDeal, PipelineFilter, Store};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn add(store: &mut Store, name: &str, stage: Step, value: Option<i64>) -> i64 {
    let c = NewCustomer { name: name.into(), company: format!("{name} Ltd"), ..Default::default() };
    store.add_customer(c, NewDeal { stage, value_minor: value, ..Default::default() }).unwrap()
}

#[test]
fn totals_pages_filter_and_card_states() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fb.db");
    let mut s = Store::open(&path, Clock::Fixed(day("2031-05-01"))).unwrap();
    for i in 0..7 {
        add(&mut s, &format!("Prep {i}"), Step::Preparation, Some(10_000));
    }
    let late = add(&mut s, "Late", Step::Survey, Some(500_000));
    let open = add(&mut s, "Open", Step::Survey, None);
    let lost = add(&mut s, "Lost", Step::Survey, Some(999_900));
    s.lose_deal(lost, "went with a competitor").unwrap();
    let visit = VisitInput {
        purpose: "p".into(),
        action_plan: "a".into(),
        expected_result: "e".into(),
        done_at: Some(day("2031-05-01").and_hms_opt(10, 0, 0).unwrap()),
        next_step_on: Some(day("2031-05-04")),
        ..VisitInput::blank()
    };
    s.add_visit(late, visit).unwrap();
    drop(s);
    let mut s = Store::open(&path, Clock::Fixed(day("2031-05-06"))).unwrap();
    s.move_deal(open, Step::Presentation, "").unwrap();

    let none = PipelineFilter::default();
    let totals = s.pipeline_totals(&none).unwrap();
    let counts: Vec<u64> = totals.iter().map(|t| t.count).collect();
    assert_eq!(counts, [7, 0, 1, 1, 0], "lost deals are off the board");
    let cny = |minor| Money::new(minor, Currency::CNY);
    assert_eq!(totals[0].totals.iter().collect::<Vec<_>>(), [cny(70_000)]);
    assert!(totals[3].totals.is_empty(), "a deal without a value adds nothing");

    let first = s.pipeline_cards(Step::Preparation, &none, 5, 0).unwrap();
    let rest = s.pipeline_cards(Step::Preparation, &none, 5, 5).unwrap();
    assert_eq!((first.len(), rest.len()), (5, 2));
    assert_eq!(first[0].name, "Prep 6", "newest in step first, ties by id");

    let survey = s.pipeline_cards(Step::Survey, &none, 10, 0).unwrap();
    assert_eq!(survey.len(), 1);
    assert_eq!(survey[0].days_in_step, 5);
    assert_eq!(survey[0].next_step, NextStepState::Overdue { days: 2 });
    let moved = s.pipeline_cards(Step::Presentation, &none, 10, 0).unwrap();
    assert_eq!((moved[0].days_in_step, moved[0].next_step), (0, NextStepState::None));

    let filter = PipelineFilter { text: Some("late ltd".into()) };
    let counts: Vec<u64> = s.pipeline_totals(&filter).unwrap().iter().map(|t| t.count).collect();
    assert_eq!(counts, [0, 0, 1, 0, 0]);
    assert_eq!(s.pipeline_cards(Step::Survey, &filter, 10, 0).unwrap()[0].name, "Late");
    let odd = PipelineFilter { text: Some("100%_".into()) };
    assert_eq!(s.pipeline_totals(&odd).unwrap().iter().map(|t| t.count).sum::<u64>(), 0);
}

/// A card's next step is its deal's (or the customer's own, naming no deal): an account with
/// two deals shows a step set for one deal on that deal's card only, as Today lists it.
#[test]
fn each_card_shows_its_own_deals_next_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("fb.db"), Clock::Fixed(day("2031-05-06"))).unwrap();
    let id = add(&mut s, "Two deals", Step::Survey, None);
    let first = s.deals_of(id).unwrap()[0].id;
    let second = s.add_deal(id, &NewDeal { stage: Step::Presentation, title: "Service".into(), ..Default::default() });
    let second = second.unwrap().id;
    let step =
        |text: &str, on: &str, deal| NewNextStep { text: text.into(), due_on: day(on), due_time: None, deal_id: deal };
    s.add_next_step(id, step("send the quote", "2031-05-08", Some(second))).unwrap();
    let none = PipelineFilter::default();
    let card = |s: &Store, stage| s.pipeline_cards(stage, &none, 10, 0).unwrap()[0].next_step;
    assert_eq!(card(&s, Step::Survey), NextStepState::None, "the other deal's step is not this card's");
    assert_eq!(card(&s, Step::Presentation), NextStepState::Planned { on: day("2031-05-08") });

    s.add_next_step(id, step("call back", "2031-05-07", Some(first))).unwrap();
    assert_eq!(card(&s, Step::Survey), NextStepState::Planned { on: day("2031-05-07") });
    assert_eq!(card(&s, Step::Presentation), NextStepState::Planned { on: day("2031-05-08") });

    s.add_next_step(id, step("birthday call", "2031-05-06", None)).unwrap();
    assert_eq!(card(&s, Step::Survey), NextStepState::Today, "the customer's own step is on every card");
    assert_eq!(card(&s, Step::Presentation), NextStepState::Today);
}

/// The open deals per step as the deals themselves give them (count, and the sum of the
/// values of those with one), archived accounts left out.
fn counted(path: &std::path::Path) -> Vec<(String, String, i64, Option<i64>)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT stage, currency, count(*), sum(value_minor) FROM deal
             WHERE state = 'open' AND customer_id NOT IN (SELECT id FROM customer WHERE archived = 1)
             GROUP BY stage, currency ORDER BY 1, 2",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().map(Result::unwrap).collect()
}

/// Migration 0022 keeps the open deals' totals per step and currency in a table, by
/// triggers: after each kind of write (add, move, value, currency, win, lose, reopen, delete,
/// archive, put back) the board's totals are what the deals give, and `check` finds the
/// table right.
#[test]
fn the_boards_totals_follow_every_write_of_a_deal() {
    use fieldbook::domain::{DealState, Word};
    use fieldbook::store::{CustomerPatch, DealPatch};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fb.db");
    let mut s = Store::open(&path, Clock::Fixed(day("2031-05-01"))).unwrap();
    let agree = |s: &Store, what: &str| {
        let deals = counted(&path);
        let totals = s.pipeline_totals(&PipelineFilter::default()).unwrap();
        for step in Step::ALL {
            let mine: Vec<_> = deals.iter().filter(|d| d.0 == step.code()).collect();
            let total = &totals[step.index()];
            assert_eq!(total.count, mine.iter().map(|d| d.2 as u64).sum::<u64>(), "{what}: {step:?} count");
            let mut valued: Vec<(String, i64)> = mine.iter().filter_map(|d| d.3.map(|v| (d.1.clone(), v))).collect();
            valued.sort();
            let mut listed: Vec<(String, i64)> =
                total.totals.iter().map(|m| (m.currency.code().to_string(), m.minor)).collect();
            listed.sort();
            assert_eq!(listed, valued, "{what}: {step:?} value");
        }
        assert_eq!(s.check().unwrap(), [], "{what}");
    };
    let a = add(&mut s, "Ann", Step::Preparation, Some(10_000));
    let b = add(&mut s, "Bo", Step::Preparation, None);
    let c = add(&mut s, "Cy", Step::Survey, Some(7_000));
    let usd = s
        .add_deal(
            c,
            &NewDeal { stage: Step::Survey, value_minor: Some(500), currency: Currency::USD, ..Default::default() },
        )
        .unwrap();
    agree(&s, "added");
    let deal_of = |s: &Store, customer| s.open_deal(customer).unwrap().unwrap().id;
    let (da, db, dc) = (deal_of(&s, a), deal_of(&s, b), s.deals_of(c).unwrap()[0].id);
    s.move_deal(da, Step::Survey, "").unwrap();
    agree(&s, "moved");
    s.update_deal(db, &DealPatch { value: Some(Some(Money::new(300, Currency::CNY))), ..Default::default() }).unwrap();
    agree(&s, "valued");
    s.update_deal(usd.id, &DealPatch { currency: Some(Currency::CNY), ..Default::default() }).unwrap();
    agree(&s, "currency");
    s.update_deal(da, &DealPatch { value: Some(None), ..Default::default() }).unwrap();
    agree(&s, "value cleared");
    s.win_deal(dc, Some(Money::new(9_000, Currency::CNY))).unwrap();
    agree(&s, "won");
    s.lose_deal(db, "no budget").unwrap();
    agree(&s, "lost");
    let reopened = s.reopen_deal(dc, "").unwrap();
    assert_eq!(reopened.state, DealState::Open);
    agree(&s, "reopened");
    s.update_customer(c, CustomerPatch { archived: Some(true), ..Default::default() }).unwrap();
    agree(&s, "archived");
    assert!(
        s.pipeline_totals(&PipelineFilter::default()).unwrap()[2].totals.is_empty(),
        "only the archived had values"
    );
    s.update_customer(c, CustomerPatch { archived: Some(false), ..Default::default() }).unwrap();
    agree(&s, "unarchived");
    let removed = s.delete_customer(c).unwrap();
    agree(&s, "deleted");
    s.put_back(&removed).unwrap();
    agree(&s, "put back");
}

/// The board filter's one match (the five columns' totals and order, from the table its
/// connection holds in memory) finds what each column's own filtered read finds: by name,
/// nickname, company (ASCII letters in either case, other letters as written, `%` and `_` as
/// themselves) and keys (pinyin, phone digits), archived accounts left out, newest in step
/// first; again after a write of the same connection and after another connection's.
#[test]
fn the_filters_one_match_agrees_with_each_columns_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fb.db");
    let mut s = Store::open(&path, Clock::Fixed(day("2031-05-01"))).unwrap();
    let mut add_as = |name: &str, nickname: &str, company: &str, stage: Step, value: i64| {
        crate::common::add_account(&mut s, name, nickname, company, stage, value)
    };
    add_as("张伟", "", "迈科医疗", Step::Survey, 100);
    add_as("李娜", "张姐", "", Step::Survey, 200);
    let anna = add_as("Anna Zhang", "", "", Step::Close, 300);
    add_as("王芳", "", "Zhangjiang Labs", Step::Preparation, 400);
    let archived = add_as("张强", "", "", Step::Survey, 500);
    add_as("陈静", "", "", Step::Survey, 600);
    add_as("Émile Durand", "", "ACME_100% Ltd", Step::Survey, 700);
    add_as("émile roux", "ÉMILE", "acme 1000", Step::Close, 800);
    s.update_customer(archived, fieldbook::store::CustomerPatch { archived: Some(true), ..Default::default() })
        .unwrap();
    let texts = [
        "张", "zhang", "Zhang", "ZHANG", "zh", "迈科", "张姐", "nobody", "émile", "ÉMILE", "Émile", "mile", "acme",
        "Acme_", "_1", "100%", "0%", "e 1", "0000", "0400", "zw", "a", " ",
    ];
    let agree = |s: &Store, when: &str| {
        for text in texts {
            let filter = PipelineFilter { text: Some(text.into()) };
            let matches = s.pipeline_matches(&filter).unwrap();
            let totals = s.pipeline_totals(&filter).unwrap();
            assert_eq!(matches.totals, totals, "{when}, {text:?}: totals");
            for (i, step) in Step::ALL.iter().enumerate() {
                let cards: Vec<i64> =
                    s.pipeline_cards(*step, &filter, 50, 0).unwrap().iter().map(|c| c.deal_id).collect();
                assert_eq!(matches.deals[i], cards, "{when}, {text:?}: {step:?}");
            }
        }
    };
    agree(&s, "first");
    let zhang = s.pipeline_matches(&PipelineFilter { text: Some("zhang".into()) }).unwrap();
    assert_eq!(
        zhang.totals.iter().map(|t| t.count).sum::<u64>(),
        4,
        "张伟, 张姐, Anna Zhang, Zhangjiang; not the archived 张强"
    );
    s.update_customer(anna, fieldbook::store::CustomerPatch { name: Some("Anna Li".into()), ..Default::default() })
        .unwrap();
    agree(&s, "renamed here");
    let zhang = s.pipeline_matches(&PipelineFilter { text: Some("zhang".into()) }).unwrap();
    assert_eq!(zhang.totals.iter().map(|t| t.count).sum::<u64>(), 3, "Anna Li is no longer found");
    let mut other = Store::open(&path, Clock::Fixed(day("2031-05-01"))).unwrap();
    other
        .update_customer(archived, fieldbook::store::CustomerPatch { archived: Some(false), ..Default::default() })
        .unwrap();
    agree(&s, "unarchived by another connection");
    let zhang = s.pipeline_matches(&PipelineFilter { text: Some("zhang".into()) }).unwrap();
    assert_eq!(zhang.totals.iter().map(|t| t.count).sum::<u64>(), 4, "张强 is back");
}
