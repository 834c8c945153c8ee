//! Store tests for the sales method: step checklist ticks, visit types and their ticks,
//! objections.

use chrono::NaiveDate;
use fieldbook::clock::Clock;
use fieldbook::domain::{NewCustomer, ObjectionKind, Step, VisitInput, VisitKind};
use fieldbook::store::{NewDeal, Store, StoreError, migrate};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn open_on(dir: &tempfile::TempDir, today: &str) -> Store {
    Store::open(&dir.path().join("fb.db"), Clock::Fixed(day(today))).unwrap()
}

fn add(store: &mut Store, name: &str) -> i64 {
    store.add_customer(NewCustomer { name: name.into(), ..Default::default() }, NewDeal::default()).unwrap()
}

fn logged(on: &str) -> VisitInput {
    VisitInput {
        purpose: "check the shelves".into(),
        action_plan: "walk the store".into(),
        expected_result: "an order".into(),
        done_at: Some(day(on).and_hms_opt(10, 0, 0).unwrap()),
        ..VisitInput::blank()
    }
}

#[test]
fn checklist_ticks_are_per_deal_and_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open_on(&dir, "2031-05-06");
    let id = add(&mut store, "王伟");
    let deal = store.open_deal(id).unwrap().unwrap();
    assert_eq!(store.set_checklist_ticks(deal.id, Step::Preparation, &[1, 3, 3], &[]).unwrap(), vec![1, 3]);
    assert_eq!(store.set_checklist_ticks(deal.id, Step::Preparation, &[2], &[1]).unwrap(), vec![2, 3]);
    assert_eq!(store.checklist_tick_counts(&[deal.id]).unwrap().get(&deal.id), Some(&2));
    store.move_deal(id, Step::Approach, "").unwrap();
    assert!(store.checklist_tick_counts(&[deal.id]).unwrap().is_empty(), "counts follow the current step");
    assert_eq!(store.checklist_ticks(deal.id, Step::Preparation).unwrap(), vec![2, 3], "kept for history");
    let err = store.set_checklist_ticks(999, Step::Close, &[1], &[]).unwrap_err();
    assert!(matches!(err, StoreError::NotFound { what: "deal", .. }));
}

#[test]
fn visits_keep_their_type_and_ticks() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open_on(&dir, "2031-05-06");
    let id = add(&mut store, "Tom Park");
    let mut input = logged("2031-05-05");
    input.kind = VisitKind::StoreCheck;
    input.ticks = Some(vec![4, 1, 1, 0]);
    let visit = store.add_visit(id, input.clone()).unwrap();
    assert_eq!(store.visit(visit).unwrap().kind, VisitKind::StoreCheck);
    assert_eq!(store.visit_ticks(visit).unwrap(), vec![1, 4]);
    input.kind = VisitKind::Custom("trade fair".into());
    input.ticks = Some(vec![2]);
    store.update_visit(visit, input.clone()).unwrap();
    assert_eq!(store.visit(visit).unwrap().kind, VisitKind::Custom("trade fair".into()));
    assert_eq!(store.visit_ticks(visit).unwrap(), vec![2]);
    input.ticks = None;
    store.update_visit(visit, input).unwrap();
    assert_eq!(store.visit_ticks(visit).unwrap(), vec![2], "None leaves the ticks alone");
    store.delete_visit(visit).unwrap();
    assert!(store.visit_ticks(visit).unwrap().is_empty());
}

#[test]
fn ticks_of_several_visits_come_in_one_map() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open_on(&dir, "2031-05-06");
    let id = add(&mut store, "Tom Park");
    let mut input = logged("2031-05-05");
    input.kind = VisitKind::StoreCheck;
    input.ticks = Some(vec![5, 2]);
    let a = store.add_visit(id, input.clone()).unwrap();
    input.ticks = Some(vec![]);
    let b = store.add_visit(id, input.clone()).unwrap();
    input.ticks = Some(vec![1]);
    let c = store.add_visit(id, input).unwrap();
    let ticks = store.visit_ticks_of(&[a, b]).unwrap();
    assert_eq!(ticks.get(&a), Some(&vec![2, 5]));
    assert_eq!(ticks.get(&b), None, "a visit without ticks is absent");
    assert_eq!(ticks.get(&c), None, "only the asked visits");
    assert!(store.visit_ticks_of(&[]).unwrap().is_empty());
}

#[test]
fn objections_are_logged_resolved_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open_on(&dir, "2031-05-06");
    let id = add(&mut store, "Li Na");
    let deal = store.open_deal(id).unwrap().unwrap().id;
    let price = store.add_objection(deal, "too expensive vs. competitor", ObjectionKind::Doubt, "").unwrap();
    let late = store.add_objection(deal, "late delivery last year", ObjectionKind::Complaint, "").unwrap();
    assert!(store.add_objection(deal, "  ", ObjectionKind::Doubt, "").is_err());
    assert!(matches!(
        store.add_objection(404, "x", ObjectionKind::Doubt, ""),
        Err(StoreError::NotFound { what: "deal", .. })
    ));
    let done = store.resolve_objection(deal, late, Some("new logistics partner, 3 on-time cases")).unwrap();
    assert!(done.resolved && done.resolved_at.is_some());
    assert_eq!(done.answer, "new logistics partner, 3 on-time cases");
    let open: Vec<i64> = store.objections_of(deal, true).unwrap().iter().map(|o| o.id).collect();
    assert_eq!(open, vec![price]);
    assert_eq!(store.objections_of(deal, false).unwrap().len(), 2);
    let other = add(&mut store, "Zhao Lei");
    let other_deal = store.open_deal(other).unwrap().unwrap().id;
    assert!(store.resolve_objection(other_deal, price, None).is_err(), "an objection belongs to its deal");
}

#[test]
fn migration_4_keeps_existing_visits_as_customer_visits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    conn.create_scalar_function("fb_search_text", 1, rusqlite::functions::FunctionFlags::SQLITE_UTF8, |c| {
        c.get::<String>(0)
    })
    .unwrap();
    migrate::migrate_to(&mut conn, 3).unwrap();
    conn.execute_batch(
        "INSERT INTO customer (id, name, created_at, updated_at) VALUES (1, 'old', '2031-01-01T00:00:00Z', '');
         INSERT INTO visit (customer_id, done_at, purpose, action_plan, expected_result, created_at, updated_at)
         VALUES (1, '2031-05-01 10:00', 'p', 'a', 'e', '', '');",
    )
    .unwrap();
    drop(conn);
    let store = Store::open(&path, Clock::Fixed(day("2031-05-06"))).unwrap();
    let visit = store.visits_of(1, 10, 0).unwrap();
    assert_eq!(visit[0].kind, VisitKind::CustomerVisit);
    assert!(store.visit_ticks(visit[0].id).unwrap().is_empty());
}
