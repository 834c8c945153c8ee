//! The daily review's store queries: cadence groups (quadrants and overrides), never-contacted
//! customers, the cap, and important dates across the year's end and 29 February.

use chrono::{NaiveDate, NaiveDateTime};
use fieldbook::clock::Clock;
use fieldbook::domain::today::REVIEW_LIMIT;
use fieldbook::domain::{
    CadencePolicy, CadenceState, FactCategory, MonthDay, NewCustomer, NewFact, Portfolio, VisitInput,
};
use fieldbook::store::{CustomerPatch, NewDeal, Store};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

/// A store whose clock reads `created`: customers added through it are created that day.
fn store_on(dir: &tempfile::TempDir, created: &str) -> Store {
    Store::open(&dir.path().join("fb.db"), Clock::Fixed(day(created))).unwrap()
}

fn add(store: &mut Store, name: &str, portfolio: Option<Portfolio>, cadence: Option<u32>, last: Option<&str>) -> i64 {
    let id = store.add_customer(NewCustomer { name: name.into(), ..Default::default() }, NewDeal::default()).unwrap();
    let patch = CustomerPatch { portfolio: Some(portfolio), cadence_days: Some(cadence), ..Default::default() };
    store.update_customer(id, patch).unwrap();
    if let Some(last) = last {
        let visit = VisitInput {
            purpose: "p".into(),
            action_plan: "a".into(),
            expected_result: "e".into(),
            actual_result: "r".into(),
            done_at: Some(at(&format!("{last} 10:00"))),
            ..VisitInput::blank()
        };
        store.add_visit(id, visit).unwrap();
    }
    id
}

#[test]
fn due_by_cadence_uses_quadrant_defaults_and_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_on(&dir, "2031-01-01");
    let policy = CadencePolicy::default(); // star 7, cash cow 14, dog 30, other 30, overdue ×1.5
    let star_due = add(&mut store, "star due", Some(Portfolio::Star), None, Some("2031-04-28")); // 8 days
    let star_fine = add(&mut store, "star fine", Some(Portfolio::Star), None, Some("2031-05-01")); // 5 days
    let cow_overdue = add(&mut store, "cow overdue", Some(Portfolio::CashCow), None, Some("2031-04-10")); // 26 ≥ 21
    let dog_fine = add(&mut store, "dog fine", Some(Portfolio::Dog), None, Some("2031-04-20")); // 16 < 30
    let override_due = add(&mut store, "dog with 3 days", Some(Portfolio::Dog), Some(3), Some("2031-05-02")); // 4 ≥ 3
    let override_fine = add(&mut store, "every 60", None, Some(60), Some("2031-04-01")); // 35 < 60
    let never = add(&mut store, "never contacted", None, None, None); // created 2031-01-01: 125 days
    let archived = add(&mut store, "archived", Some(Portfolio::Star), None, Some("2031-01-05"));
    store.update_customer(archived, CustomerPatch { archived: Some(true), ..Default::default() }).unwrap();

    let due = store.due_by_cadence(day("2031-05-06"), &policy, 50).unwrap();
    let ids: Vec<i64> = due.iter().map(|d| d.customer.id).collect();
    // Overdue first (most days past the interval first), then due.
    assert_eq!(ids, [never, cow_overdue, star_due, override_due]);
    for fine in [star_fine, dog_fine, override_fine, archived] {
        assert!(!ids.contains(&fine));
    }
    assert_eq!(due[0].state, CadenceState::Overdue { days_since: 125 });
    assert_eq!(due[0].last_contact_on, None);
    assert_eq!(due[1].interval_days, 14);
    assert_eq!(due[3].interval_days, 3);
    assert_eq!(due[3].portfolio, Some(Portfolio::Dog));

    // The cap keeps the most overdue.
    let capped = store.due_by_cadence(day("2031-05-06"), &policy, 2).unwrap();
    assert_eq!(capped.iter().map(|d| d.customer.id).collect::<Vec<_>>(), [never, cow_overdue]);
    // A policy from the config changes the intervals.
    let strict = CadencePolicy { dog: 10, ..policy };
    let ids: Vec<i64> =
        store.due_by_cadence(day("2031-05-06"), &strict, 50).unwrap().iter().map(|d| d.customer.id).collect();
    assert!(ids.contains(&dog_fine));
}

#[test]
fn important_dates_wrap_the_year_and_keep_29_february() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_on(&dir, "2031-01-01");
    let a = add(&mut store, "a", None, None, None);
    let md = |s: &str| MonthDay::parse(s);
    store
        .add_fact(
            a,
            None,
            &NewFact {
                category: FactCategory::Personal,
                label: "birthday".into(),
                value: "".into(),
                month_day: md("01-02"),
            },
        )
        .unwrap();
    store
        .add_fact(
            a,
            None,
            &NewFact {
                category: FactCategory::Personal,
                label: "anniversary".into(),
                value: "".into(),
                month_day: md("12-30"),
            },
        )
        .unwrap();
    store
        .add_fact(
            a,
            None,
            &NewFact {
                category: FactCategory::Personal,
                label: "生日".into(),
                value: "".into(),
                month_day: md("02-29"),
            },
        )
        .unwrap();
    store
        .add_fact(
            a,
            None,
            &NewFact {
                category: FactCategory::Personal,
                label: "name day".into(),
                value: "".into(),
                month_day: md("01-05"),
            },
        )
        .unwrap();

    let dates = store.important_dates(day("2031-12-28")).unwrap();
    let seen: Vec<(NaiveDate, &str, bool)> = dates.iter().map(|d| (d.on, d.label.as_str(), d.is_birthday)).collect();
    assert_eq!(seen, [(day("2031-12-30"), "anniversary", false), (day("2032-01-02"), "birthday", true)]);

    // 2031 has no 29 February: that birthday is shown on the 28th.
    let feb = store.important_dates(day("2031-02-25")).unwrap();
    assert_eq!(feb.len(), 1);
    assert_eq!((feb[0].on, feb[0].is_birthday), (day("2031-02-28"), true));
    // In a leap year it is on the 29th.
    let leap = store.important_dates(day("2032-02-25")).unwrap();
    assert_eq!(leap[0].on, day("2032-02-29"));
}

#[test]
fn a_short_list_is_the_head_of_the_full_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_on(&dir, "2031-01-01");
    let portfolios = [None, Some(Portfolio::Star), Some(Portfolio::CashCow), Some(Portfolio::Dog)];
    let mut rng = fastrand::Rng::with_seed(7);
    for n in 0..60 {
        let portfolio = portfolios[rng.usize(..portfolios.len())];
        let cadence = [None, None, Some(5), Some(20)][rng.usize(..4)];
        let last = (rng.u8(..10) > 1).then(|| day("2031-05-06") - chrono::Duration::days(rng.i64(0..120)));
        add(&mut store, &format!("c{n}"), portfolio, cadence, last.map(|d| d.to_string()).as_deref());
    }
    let policy = CadencePolicy::default();
    let full = store.due_by_cadence(day("2031-05-06"), &policy, 1000).unwrap();
    assert!(full.len() > 20, "enough due customers to compare: {}", full.len());
    for limit in [1, 5, 12, 20] {
        let short = store.due_by_cadence(day("2031-05-06"), &policy, limit).unwrap();
        assert_eq!(short, full[..limit], "limit {limit}");
    }
}

/// A page of dates is read from the soonest days that can fill it: a page and one of birthdays
/// tomorrow fill it (the day after is not read, the page is tomorrow's first by name); when archived
/// accounts leave fewer than a page there, the rest of the week fills it, in date order.
#[test]
fn a_full_day_of_dates_fills_the_page_and_archived_ones_leave_room_for_later_days() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_on(&dir, "2031-05-06");
    let birthday = |store: &mut Store, name: &str, on: &str| {
        let id = add(store, name, None, None, None);
        let fact = NewFact {
            category: FactCategory::Personal,
            label: "birthday".into(),
            value: "".into(),
            month_day: MonthDay::parse(on),
        };
        store.add_fact(id, None, &fact).unwrap();
        id
    };
    let full = REVIEW_LIMIT + 1;
    let tomorrow: Vec<i64> = (0..full).map(|i| birthday(&mut store, &format!("t{i:02}"), "05-07")).collect();
    birthday(&mut store, "later", "05-09");
    let names = |store: &Store| -> Vec<(String, String)> {
        store
            .important_dates(day("2031-05-06"))
            .unwrap()
            .into_iter()
            .map(|d| (d.on.to_string(), d.customer.name))
            .collect()
    };
    let expected: Vec<(String, String)> =
        (0..REVIEW_LIMIT).map(|i| ("2031-05-07".to_string(), format!("t{i:02}"))).collect();
    assert_eq!(names(&store), expected);
    for id in &tomorrow[..3] {
        store.update_customer(*id, CustomerPatch { archived: Some(true), ..Default::default() }).unwrap();
    }
    let mut expected: Vec<(String, String)> =
        (3..full).map(|i| ("2031-05-07".to_string(), format!("t{i:02}"))).collect();
    expected.push(("2031-05-09".into(), "later".into()));
    assert_eq!(names(&store), expected);
}
