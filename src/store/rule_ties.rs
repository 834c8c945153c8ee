//! The store keeps SQL forms of some domain rules, for speed: who is due by cadence (Today's
//! list and `list --due`) and that a lost customer never is. These tests tie each SQL form to
//! its domain rule: on many generated customers, the store's answer is exactly the domain's.

use chrono::{Days, NaiveDate, NaiveDateTime};

use super::bulk::BulkCustomer;
use super::{CustomerFilter, CustomerSort, Store};
use crate::clock::Clock;
use crate::domain::{CadencePolicy, CadenceState, CustomerClass, Portfolio, VisitInput, Word};

const TODAY: &str = "2031-05-06";

fn day(offset_back: u64) -> NaiveDate {
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap_or_default();
    today.checked_sub_days(Days::new(offset_back)).unwrap_or(today)
}

/// 400 customers over every class, quadrant, override and contact history, seeded.
fn generated(dir: &tempfile::TempDir) -> Store {
    let today = day(0);
    let mut store = Store::open(&dir.path().join("rules.db"), Clock::Fixed(today)).unwrap();
    let mut rng = fastrand::Rng::with_seed(7);
    let portfolios =
        [None, Some(Portfolio::Star), Some(Portfolio::QuestionMark), Some(Portfolio::CashCow), Some(Portfolio::Dog)];
    store
        .bulk_load(|w| {
            for i in 0..400 {
                let created = day(rng.u64(0..200));
                let id = w.customer(&BulkCustomer {
                    class: CustomerClass::ALL[rng.usize(0..CustomerClass::ALL.len())],
                    portfolio: portfolios[rng.usize(0..portfolios.len())],
                    cadence_days: if rng.bool() { Some(rng.u32(1..60)) } else { None },
                    ..BulkCustomer::bare(format!("c{i}"), &format!("{created}T09:00:00Z"))
                })?;
                for _ in 0..rng.usize(0..3) {
                    let at = day(rng.u64(0..120)).and_hms_opt(10, 0, 0).unwrap_or(NaiveDateTime::MIN);
                    let next_step_on = if rng.u8(0..4) == 0 { Some(day(rng.u64(0..20))) } else { None };
                    let visit = VisitInput {
                        purpose: "p".into(),
                        action_plan: "a".into(),
                        expected_result: "e".into(),
                        done_at: Some(at),
                        next_step: if next_step_on.is_some() { "call".into() } else { String::new() },
                        next_step_on,
                        ..VisitInput::blank()
                    };
                    w.visit(id, None, visit, &format!("{}T10:00:00Z", at.date()))?;
                }
            }
            Ok(())
        })
        .unwrap();
    store
}

/// The domain's answer for one customer: is the cadence due (or overdue)?
fn due_by_domain(policy: &CadencePolicy, c: &crate::domain::Customer) -> bool {
    c.class.follows_cadence() && !matches!(policy.for_customer(c, day(0)).1, CadenceState::Fine { .. })
}

fn all_customers(store: &Store) -> Vec<crate::domain::Customer> {
    let refs = store.list_customers(&CustomerFilter::default(), CustomerSort::Name, 10_000, 0).unwrap();
    refs.iter().map(|r| store.customer(r.id).unwrap()).collect()
}

#[test]
fn todays_due_by_cadence_is_the_domain_rule() {
    let dir = tempfile::tempdir().unwrap();
    let store = generated(&dir);
    let policy = CadencePolicy::default();
    let mut expected: Vec<i64> =
        all_customers(&store).iter().filter(|c| due_by_domain(&policy, c)).map(|c| c.id).collect();
    let mut found: Vec<i64> =
        store.due_by_cadence(day(0), &policy, 10_000).unwrap().iter().map(|d| d.customer.id).collect();
    expected.sort_unstable();
    found.sort_unstable();
    assert!(expected.len() > 50, "the generated data covers the rule ({} due)", expected.len());
    assert_eq!(found, expected);
}

#[test]
fn list_due_is_the_domain_rule() {
    let dir = tempfile::tempdir().unwrap();
    let store = generated(&dir);
    let policy = CadencePolicy { star: 5, cash_cow: 20, ..CadencePolicy::default() };
    let expected: Vec<i64> = all_customers(&store)
        .iter()
        .filter(|c| c.next_step_on.is_some_and(|d| d <= day(0)) || due_by_domain(&policy, c))
        .map(|c| c.id)
        .collect();
    let filter = CustomerFilter { due: Some((day(0), policy)), ..CustomerFilter::default() };
    let found: Vec<i64> =
        store.list_customers(&filter, CustomerSort::Name, 10_000, 0).unwrap().iter().map(|r| r.id).collect();
    assert!(expected.len() > 50, "the generated data covers the rule ({} due)", expected.len());
    assert_eq!(found, expected);
}

#[test]
fn winning_sets_the_class_the_domain_gives() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("won.db"), Clock::Fixed(day(0))).unwrap();
    for class in CustomerClass::ALL {
        let new = crate::domain::NewCustomer { name: format!("won {}", class.code()), ..Default::default() };
        let id = store.add_customer(new, super::NewDeal::default()).unwrap();
        let patch = super::CustomerPatch { class: Some(*class), ..Default::default() };
        store.update_customer(id, patch).unwrap();
        let deal = store.open_deal(id).unwrap().unwrap();
        store.win_deal(deal.id, None).unwrap();
        assert_eq!(store.customer(id).unwrap().class, class.after_win(), "{class:?}");
    }
}
