//! The demo's rhythm: a rep who keeps up with the visit cadence (a handful due on any day, at
//! any size) and deal histories whose moves have their own working hours, in order, after a
//! first contact.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use fieldbook::clock::Clock;
use fieldbook::demo::{self, DemoSize};
use fieldbook::domain::{CadencePolicy, CadenceState};
use fieldbook::i18n::Lang;
use fieldbook::store::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2031, 5, 6).unwrap()
}

fn loaded(dir: &tempfile::TempDir, customers: u32, lang: Lang) -> Store {
    let mut store = Store::open(&dir.path().join(format!("{customers}.db")), Clock::Fixed(today())).unwrap();
    demo::load(&mut store, DemoSize { customers, visits: customers * 10 }, 42, lang, false).unwrap();
    store
}

fn rows(store: &Store, sql: &str) -> Vec<(i64, String)> {
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
}

#[test]
fn a_demo_day_has_a_handful_due_by_cadence_at_every_size() {
    for (customers, lang) in [(120, Lang::En), (300, Lang::ZhCn), (1500, Lang::En)] {
        let dir = tempfile::tempdir().unwrap();
        let store = loaded(&dir, customers, lang);
        let due = store.due_by_cadence(today(), &CadencePolicy::default(), 10_000).unwrap();
        assert!((3..=12).contains(&due.len()), "{} due of {customers}", due.len());
        let overdue: Vec<i64> = due
            .iter()
            .filter_map(|d| match d.state {
                CadenceState::Overdue { days_since } => Some(days_since),
                _ => None,
            })
            .collect();
        assert!((1..=6).contains(&overdue.len()), "{} overdue of {customers}", overdue.len());
        assert!(overdue.iter().filter(|d| **d > 60).count() <= 2, "long neglected: {overdue:?}");
        assert!(overdue.iter().all(|d| *d <= 200), "{overdue:?}");
    }
}

#[test]
fn deal_moves_have_their_own_working_hours_in_order_after_a_first_contact() {
    let dir = tempfile::tempdir().unwrap();
    let store = loaded(&dir, 300, Lang::ZhCn);
    let moves = rows(&store, "SELECT deal_id, at FROM stage_event WHERE from_stage IS NOT NULL ORDER BY deal_id, id");
    assert!(moves.len() > 300, "{} moves", moves.len());
    let time = |at: &str| NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M:%SZ").unwrap();
    for pair in moves.windows(2).filter(|p| p[0].0 == p[1].0) {
        assert!(time(&pair[0].1) < time(&pair[1].1), "moves in order: {pair:?}");
    }
    for (deal, at) in &moves {
        let t = time(at);
        assert!((9..=17).contains(&t.hour()) && t.hour() != 12, "deal {deal} moved at {at}");
        assert!(t.weekday().number_from_monday() <= 5, "deal {deal} moved on a weekend: {at}");
    }
    // Not every move at the time of day the account was added.
    let same = rows(
        &store,
        "SELECT count(*), '' FROM stage_event e JOIN deal d ON d.id = e.deal_id JOIN customer c ON c.id = d.customer_id
         WHERE e.from_stage IS NOT NULL AND substr(e.at, 12, 5) = substr(c.created_at, 12, 5)",
    );
    assert!(same[0].0 * 5 < moves.len() as i64, "{} of {} moves at the account's time", same[0].0, moves.len());
    // The first deal's first move comes after the account's first logged visit (that day at the latest).
    let before_contact = rows(
        &store,
        "SELECT count(*), '' FROM deal d JOIN stage_event e ON e.deal_id = d.id
         WHERE d.id = (SELECT min(id) FROM deal WHERE customer_id = d.customer_id)
           AND e.id = (SELECT min(id) FROM stage_event WHERE deal_id = d.id AND from_stage IS NOT NULL)
           AND NOT EXISTS (SELECT 1 FROM visit v WHERE v.customer_id = d.customer_id AND v.done_at IS NOT NULL
                           AND substr(v.done_at, 1, 10) <= substr(e.at, 1, 10))",
    );
    assert_eq!(before_contact[0].0, 0, "a deal moved on before anyone met the account");
}
