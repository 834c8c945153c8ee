//! Store tests on temporary files: opening, migrations, deals, visits and rollups, search index.

use chrono::NaiveDate;
use fieldbook::clock::Clock;
use fieldbook::domain::money::{Currency, Money};
use fieldbook::domain::{DealState, NewCustomer, Step, VisitInput};
use fieldbook::store::{NewDeal, SearchKind, Store, StoreError, migrate};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("fb.db"), Clock::Fixed(day("2031-05-06"))).unwrap()
}

fn customer(name: &str, company: &str) -> NewCustomer {
    NewCustomer { name: name.into(), company: company.into(), ..Default::default() }
}

fn visit(purpose: &str) -> VisitInput {
    VisitInput {
        purpose: purpose.into(),
        action_plan: "bring the catalogue".into(),
        expected_result: "a second meeting".into(),
        ..VisitInput::blank()
    }
}

#[test]
fn opens_creates_private_file_and_migrates() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let path = store.path().to_path_buf();
    drop(store);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let conn = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, migrate::LATEST);
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn refuses_files_that_are_not_databases_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, b"this is my shopping list, not a database\n").unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path, Clock::System).err().unwrap();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn refuses_newer_schema_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fb.db");
    drop(Store::open(&path, Clock::System).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", migrate::LATEST + 1).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path, Clock::System).err().unwrap();
    assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn migrates_from_every_earlier_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    for from in 0..migrate::LATEST {
        let _ = std::fs::remove_file(&path);
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        conn.create_scalar_function("fb_search_text", 1, rusqlite::functions::FunctionFlags::SQLITE_UTF8, |c| {
            c.get::<String>(0)
        })
        .unwrap();
        // Migration 0010's triggers and index rebuild call the search keys too.
        conn.create_scalar_function("fb_search_keys", 4, rusqlite::functions::FunctionFlags::SQLITE_UTF8, |_| {
            Ok(String::new())
        })
        .unwrap();
        // Migration 0031 fills and keeps the name order's keys with the name key.
        conn.create_scalar_function("fb_name_key", 2, rusqlite::functions::FunctionFlags::SQLITE_UTF8, |_| {
            Ok(String::new())
        })
        .unwrap();
        migrate::migrate_to(&mut conn, from).unwrap();
        if from > 8 {
            // From version 9 on, Fieldbook marks its files.
            conn.pragma_update(None, "application_id", fieldbook::store::identity::APPLICATION_ID).unwrap();
        }
        drop(conn);
        drop(Store::open(&path, Clock::System).unwrap());
        let conn = rusqlite::Connection::open(&path).unwrap();
        assert_eq!(migrate::version(&conn).unwrap(), migrate::LATEST, "from version {from}");
    }
}

#[test]
fn every_move_writes_a_stage_event() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let id = store.add_customer(customer("王伟", "深圳医疗器械"), NewDeal::default()).unwrap();
    store.move_deal(id, Step::Approach, "met at the fair").unwrap();
    assert!(matches!(store.move_deal(id, Step::Approach, ""), Err(StoreError::SameStep)));
    store.move_deal(id, Step::Survey, "").unwrap();
    let deal = store.win_deal(id, Some(Money::new(20_000_000, Currency::CNY))).unwrap();
    assert_eq!(deal.state, DealState::Won);
    let history = store.stage_history(deal.id).unwrap();
    let path: Vec<_> = history.iter().map(|e| (e.from_stage, e.to_stage, e.to_state)).collect();
    assert_eq!(
        path,
        vec![
            (None, Step::Preparation, DealState::Open),
            (Some(Step::Preparation), Step::Approach, DealState::Open),
            (Some(Step::Approach), Step::Survey, DealState::Open),
            (Some(Step::Survey), Step::Survey, DealState::Won),
        ]
    );
    assert!(matches!(store.move_deal(deal.id, Step::Close, ""), Err(StoreError::DealClosed { .. })));
    assert_eq!(store.customer(id).unwrap().class, fieldbook::domain::CustomerClass::Ordinary);
}

#[test]
fn visits_drive_last_contact_and_next_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let id = store.add_customer(customer("Li Na", "Hangzhou Cloud"), NewDeal::default()).unwrap();
    let mut done = visit("intro");
    done.done_at = day("2031-05-01").and_hms_opt(10, 0, 0);
    done.next_step = "send the case study".into();
    done.next_step_on = Some(day("2031-05-04"));
    store.add_visit(id, done).unwrap();
    let c = store.customer(id).unwrap();
    assert_eq!(c.last_contact_on, Some(day("2031-05-01")));
    assert_eq!(c.next_step_on, Some(day("2031-05-04")));
    assert_eq!(c.next_step, "send the case study");

    let mut planned = visit("demo the reporting module");
    planned.planned_at = day("2031-05-09").and_hms_opt(14, 30, 0);
    let vid = store.add_visit(id, planned).unwrap();
    let c = store.customer(id).unwrap();
    assert_eq!(c.next_step_on, Some(day("2031-05-04")), "a later appointment does not hide the next step");
    assert_eq!(c.next_step, "send the case study");

    store.refresh_all_rollups().unwrap();
    assert_eq!(store.customer(id).unwrap(), c, "bulk and single rollups agree");

    let step = store.next_steps_of(id, false).unwrap()[0].id;
    store.complete_next_step(step, None).unwrap();
    let c = store.customer(id).unwrap();
    assert_eq!(c.next_step_on, Some(day("2031-05-09")), "once done, the appointment is next");
    assert_eq!(c.next_step, "demo the reporting module");
    store.refresh_all_rollups().unwrap();
    assert_eq!(store.customer(id).unwrap(), c, "bulk and single rollups agree");

    store.delete_visit(vid).unwrap();
    assert_eq!(store.customer(id).unwrap().next_step_on, None);
}

#[test]
fn search_index_follows_inserts_updates_and_deletes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let id = store.add_customer(customer("王伟", "深圳医疗器械"), NewDeal::default()).unwrap();
    let path = store.path().to_path_buf();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let hits = |q: &str| -> Vec<i64> {
        let expr = fieldbook::store::search_text::match_expression(q).unwrap();
        let mut s = conn.prepare("SELECT rowid FROM search_fts WHERE search_fts MATCH ?1 ORDER BY rowid").unwrap();
        s.query_map([expr], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    // The account's own person has an empty row (it is found as the customer).
    let person = SearchKind::Contact.fts_rowid(store.contacts_of(id).unwrap()[0].id);
    let rows: i64 = conn.query_row("SELECT count(*) FROM search_fts WHERE rowid = ?1", [person], |r| r.get(0)).unwrap();
    assert_eq!(rows, 1);
    assert_eq!(hits("王伟"), vec![SearchKind::Customer.fts_rowid(id)]);
    assert_eq!(hits("医疗"), vec![SearchKind::Customer.fts_rowid(id)]);
    assert_eq!(hits("深圳医疗"), vec![SearchKind::Customer.fts_rowid(id)]);
    assert_eq!(hits("圳深"), Vec::<i64>::new());
    store
        .update_customer(id, fieldbook::store::CustomerPatch { name: Some("王芳".into()), ..Default::default() })
        .unwrap();
    assert!(hits("王伟").is_empty());
    assert_eq!(hits("王芳"), vec![SearchKind::Customer.fts_rowid(id)], "the person follows the new name");
    let mut other = store.contacts_of(id).unwrap()[0].clone();
    other.name = "王芳芳".into();
    store.update_contact(other.id, &fieldbook::domain::ContactDraft::of(&other).validate().unwrap()).unwrap();
    assert_eq!(
        hits("王芳芳"),
        vec![SearchKind::Customer.fts_rowid(id)],
        "the own person renamed renames the account, which is found once (migration 0016)"
    );
    assert_eq!(store.customer(id).unwrap().name, "王芳芳");
    let colleague = fieldbook::domain::ContactDraft { name: "李工".into(), ..Default::default() };
    let li = store.add_contact(id, &colleague.validate().unwrap()).unwrap();
    assert_eq!(
        hits("李工"),
        vec![SearchKind::Contact.fts_rowid(li)],
        "named apart from the account, a person is indexed"
    );
    let nid = store.add_note(Some(id), "Prefers calls before 10:00, 喜欢钓鱼").unwrap();
    assert_eq!(hits("钓鱼"), vec![SearchKind::Note.fts_rowid(nid)]);
    assert_eq!(hits("calls 钓鱼"), vec![SearchKind::Note.fts_rowid(nid)]);
    assert!(hits("calls 王芳").is_empty(), "terms must match in one row");
    store.delete_note(nid).unwrap();
    assert!(hits("钓鱼").is_empty());
}
