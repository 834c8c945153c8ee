//! Export, import, handover, undo of an import batch, backups and restore, on temporary files.

use chrono::NaiveDate;
use fieldbook::clock::Clock;
use fieldbook::domain::money::{Currency, Money};
use fieldbook::domain::{FactCategory, MonthDay, NewCustomer, NewFact, ObjectionKind, Step, VisitInput};
use fieldbook::store::transfer::{DataError, ExportScope, ImportOptions, OnDuplicate, backup, read_export};
use fieldbook::store::{NewDeal, Store};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn open(path: &std::path::Path) -> Store {
    Store::open(path, Clock::Fixed(day("2031-05-06"))).unwrap()
}

fn visit(purpose: &str, done: Option<&str>, planned: Option<&str>) -> VisitInput {
    VisitInput {
        purpose: purpose.into(),
        action_plan: "bring the catalogue".into(),
        expected_result: "a second meeting".into(),
        done_at: done.map(|d| day(d).and_hms_opt(10, 0, 0).unwrap()),
        planned_at: planned.map(|d| day(d).and_hms_opt(14, 30, 0).unwrap()),
        next_step: "send the quote".into(),
        next_step_on: Some(day("2031-05-10")),
        ..VisitInput::blank()
    }
}

/// A small database with every kind of row.
fn seed(store: &mut Store) -> (i64, i64) {
    let a = store
        .add_customer(
            NewCustomer {
                name: "王伟".into(),
                company: "深圳医疗器械".into(),
                phone: "138 0000 1111".into(),
                ..Default::default()
            },
            NewDeal { value_minor: Some(12_000_000), ..NewDeal::default() },
        )
        .unwrap();
    store.move_deal(a, Step::Approach, "met at the fair").unwrap();
    store
        .add_fact(
            a,
            None,
            &NewFact {
                category: FactCategory::Personal,
                label: "birthday".into(),
                value: "1980-03-14".into(),
                month_day: MonthDay::new(3, 14),
            },
        )
        .unwrap();
    store.add_visit(a, visit("first meeting", Some("2031-05-01"), None)).unwrap();
    store.add_visit(a, visit("demo", None, Some("2031-05-09"))).unwrap();
    store.add_note(Some(a), "喜欢钓鱼 \"quoted\" and \\ backslash").unwrap();
    let deal = store.open_deal(a).unwrap().unwrap().id;
    store.add_objection(deal, "价格太高", ObjectionKind::Doubt, "show the payback figures").unwrap();
    store.set_checklist_ticks(deal, Step::Approach, &[1, 3], &[]).unwrap();
    let b = store
        .add_customer(
            NewCustomer { name: "Anna Berg".into(), email: "anna@berg.example".into(), ..Default::default() },
            NewDeal::default(),
        )
        .unwrap();
    store.win_deal(b, Some(Money::new(5_000_000, Currency::CNY))).unwrap();
    store.add_note(None, "inbox thought").unwrap();
    (a, b)
}

fn export(store: &Store, scope: &ExportScope) -> Vec<u8> {
    let mut out = Vec::new();
    store.export_json(scope, &mut out).unwrap();
    out
}

fn json_options() -> ImportOptions {
    ImportOptions { source: "export.json".into(), format: "json".into(), ..Default::default() }
}

#[test]
fn export_import_export_is_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = open(&dir.path().join("a.db"));
    seed(&mut first);
    let bytes = export(&first, &ExportScope::All);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.starts_with("{\n\"format\": \"fieldbook-export\",\n\"schema_version\": "), "{text}");
    for table in ["customer", "customer_fact", "deal", "stage_event", "checklist_tick", "visit", "note", "objection"] {
        assert!(text.contains(&format!("\"{table}\": [\n{{")), "missing rows of {table}");
    }
    assert!(!text.contains("import_batch") && !text.contains("search_fts"));

    let set = read_export(std::path::Path::new("a.json"), &bytes).unwrap();
    let mut second = open(&dir.path().join("b.db"));
    let report = second.import_set(&set, &json_options()).unwrap();
    assert!(report.committed);
    assert_eq!(report.added.len(), 2);
    let again = export(&second, &ExportScope::All);
    assert_eq!(String::from_utf8(again).unwrap(), text);
}

#[test]
fn truncated_or_foreign_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("a.db"));
    seed(&mut store);
    let bytes = export(&store, &ExportScope::All);
    let path = std::path::Path::new("x.json");
    let cut = read_export(path, &bytes[..bytes.len() / 2]).unwrap_err();
    assert!(matches!(cut, DataError::Truncated { .. }), "{cut}");
    for foreign in [&b"name,phone\nAnna,1\n"[..], b"{\"format\": \"other\"}", b"", b"\xff\xfe\x00"] {
        let err = read_export(path, foreign).unwrap_err();
        assert!(matches!(err, DataError::NotOurs { .. }), "{err}");
    }
    let newer = String::from_utf8(bytes).unwrap().replacen("\"schema_version\": ", "\"schema_version\": 99", 1);
    assert!(matches!(read_export(path, newer.as_bytes()), Err(DataError::ExportTooNew { .. })));
}

#[test]
fn handover_carries_one_whole_record_into_a_used_database() {
    let dir = tempfile::tempdir().unwrap();
    let mut mine = open(&dir.path().join("mine.db"));
    let (a, _) = seed(&mut mine);
    let bytes = export(&mine, &ExportScope::Customers(vec![a]));
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains("\"scope\": \"handover\""));
    assert!(!text.contains("Anna Berg") && !text.contains("inbox thought"));

    let mut theirs = open(&dir.path().join("theirs.db"));
    theirs.add_customer(NewCustomer { name: "Someone Else".into(), ..Default::default() }, NewDeal::default()).unwrap();
    let set = read_export(std::path::Path::new("h.json"), &bytes).unwrap();
    let report = theirs.import_set(&set, &json_options()).unwrap();
    let id = report.added[0].id;
    assert_ne!(id, a, "ids are renumbered in a used database");
    assert_eq!(theirs.facts_of(id).unwrap().len(), 1);
    assert_eq!(theirs.visits_of(id, 10, 0).unwrap().len(), 2);
    assert_eq!(theirs.notes_of(Some(id), 10).unwrap().len(), 1);
    let deal = theirs.open_deal(id).unwrap().unwrap();
    assert_eq!(deal.stage, Step::Approach);
    assert_eq!(theirs.stage_history(deal.id).unwrap().len(), 2);
    assert_eq!(theirs.objections_of(deal.id, false).unwrap().len(), 1, "objections travel with the deal");
    let c = theirs.customer(id).unwrap();
    assert_eq!(c.next_step_on, Some(day("2031-05-09")), "the next appointment link follows the renumbered visit");

    let again = theirs.import_set(&set, &json_options()).unwrap();
    assert!(again.added.is_empty());
    assert_eq!(again.skipped.len(), 1, "re-importing creates no duplicate");
    assert_eq!(again.batch, None, "and no empty batch to undo");
}

#[test]
fn undo_removes_exactly_the_batch_and_refuses_after_edits() {
    let dir = tempfile::tempdir().unwrap();
    let mut mine = open(&dir.path().join("mine.db"));
    let (a, _) = seed(&mut mine);
    let set = read_export(std::path::Path::new("h.json"), &export(&mine, &ExportScope::Customers(vec![a]))).unwrap();

    let mut theirs = open(&dir.path().join("theirs.db"));
    let keep =
        theirs.add_customer(NewCustomer { name: "Kept".into(), ..Default::default() }, NewDeal::default()).unwrap();
    let before = export(&theirs, &ExportScope::All);
    let report = theirs.import_set(&set, &json_options()).unwrap();
    let batch = report.batch.unwrap();
    let undone = theirs.undo_import(batch).unwrap();
    assert!(undone.removed >= 6, "{undone:?}");
    assert_eq!(export(&theirs, &ExportScope::All), before);
    assert!(matches!(theirs.undo_import(batch), Err(DataError::AlreadyUndone { .. })));

    let report = theirs.import_set(&set, &json_options()).unwrap();
    let id = report.added[0].id;
    theirs.add_note(Some(id), "added after the import").unwrap();
    let err = theirs.undo_import(report.batch.unwrap()).unwrap_err();
    assert!(matches!(err, DataError::ChangedSinceImport { .. }), "{err}");
    assert!(err.to_string().contains("note"), "{err}");
    assert!(theirs.customer(id).is_ok() && theirs.customer(keep).is_ok(), "nothing removed");
}

#[test]
fn undo_refuses_a_row_changed_since_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut mine = open(&dir.path().join("mine.db"));
    let (a, _) = seed(&mut mine);
    let set = read_export(std::path::Path::new("h.json"), &export(&mine, &ExportScope::Customers(vec![a]))).unwrap();
    let mut theirs = open(&dir.path().join("theirs.db"));
    let report = theirs.import_set(&set, &json_options()).unwrap();
    let id = report.added[0].id;
    let patch = fieldbook::store::CustomerPatch { name: Some("王伟 (edited)".into()), ..Default::default() };
    theirs.update_customer(id, patch).unwrap();
    let before = export(&theirs, &ExportScope::All);
    let err = theirs.undo_import(report.batch.unwrap()).unwrap_err();
    assert!(matches!(err, DataError::ChangedSinceImport { .. }), "{err}");
    assert!(err.to_string().contains(&format!("customer [{id}] (王伟 (edited))")), "{err}");
    assert_eq!(export(&theirs, &ExportScope::All), before, "nothing removed");
}

#[test]
fn an_import_with_rejected_records_is_refused_before_a_row_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("refused.db"));
    let rejected = vec![(4, "unknown step 'Negotiation'".to_string())];
    let options = ImportOptions { source: "a.csv".into(), format: "csv".into(), ..Default::default() };
    let mut read = 0;
    let report = store
        .import_pieces(&options, rejected.clone(), &mut |_| {
            read += 1;
            Ok(())
        })
        .unwrap();
    assert_eq!(read, 0, "refused before the file is read again");
    assert_eq!(report.rejected, rejected);
    assert!(!report.committed && report.batch.is_none() && report.added.is_empty());
    // A dry run, or one told to skip them, still goes through the rest.
    for options in
        [ImportOptions { dry_run: true, ..options.clone() }, ImportOptions { skip_invalid: true, ..options.clone() }]
    {
        store
            .import_pieces(&options, rejected.clone(), &mut |_| {
                read += 1;
                Ok(())
            })
            .unwrap();
    }
    assert_eq!(read, 2);
    assert!(store.import_batches().unwrap().is_empty());
}

#[test]
fn merge_fills_empty_fields_and_undo_puts_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut mine = open(&dir.path().join("mine.db"));
    let (a, _) = seed(&mut mine);
    let set = read_export(std::path::Path::new("h.json"), &export(&mine, &ExportScope::Customers(vec![a]))).unwrap();
    let mut theirs = open(&dir.path().join("theirs.db"));
    let existing = theirs
        .add_customer(
            NewCustomer { name: "王伟".into(), phone: "13800001111".into(), ..Default::default() },
            NewDeal::default(),
        )
        .unwrap();
    let before = export(&theirs, &ExportScope::All);
    let options = ImportOptions { on_duplicate: OnDuplicate::Merge, ..json_options() };
    let report = theirs.import_set(&set, &options).unwrap();
    assert_eq!(report.merged.len(), 1);
    assert_eq!(theirs.customer(existing).unwrap().company, "深圳医疗器械");
    assert_eq!(theirs.visits_of(existing, 10, 0).unwrap().len(), 2);
    assert_eq!(theirs.deals_of(existing).unwrap().len(), 1, "the open deal is merged, not doubled");
    theirs.undo_import(report.batch.unwrap()).unwrap();
    assert_eq!(String::from_utf8(export(&theirs, &ExportScope::All)).unwrap(), String::from_utf8(before).unwrap());
}

#[test]
fn dry_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut mine = open(&dir.path().join("mine.db"));
    seed(&mut mine);
    let set = read_export(std::path::Path::new("a.json"), &export(&mine, &ExportScope::All)).unwrap();
    let mut theirs = open(&dir.path().join("theirs.db"));
    let report = theirs.import_set(&set, &ImportOptions { dry_run: true, ..json_options() }).unwrap();
    assert_eq!(report.added.len(), 2);
    assert!(!report.committed && report.batch.is_none());
    assert!(theirs.import_batches().unwrap().is_empty());
    assert!(theirs.list_customers(&Default::default(), Default::default(), 10, 0).unwrap().is_empty());
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn backup_daily_prune_and_restore() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fieldbook.db");
    let mut store = open(&db);
    let (a, _) = seed(&mut store);
    let out = store.backup_to(&dir.path().join("manual.db")).unwrap();
    #[cfg(unix)]
    assert_eq!(mode(&out), 0o600);

    for d in ["2031-05-01", "2031-05-02", "2031-05-03", "2031-05-04"] {
        assert!(backup::daily_backup(&db, 3, day(d)).unwrap().is_some());
    }
    assert!(backup::daily_backup(&db, 3, day("2031-05-04")).unwrap().is_none(), "once a day");
    let mut names: Vec<String> = std::fs::read_dir(backup::backups_dir(&db))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["fieldbook-2031-05-02.db", "fieldbook-2031-05-03.db", "fieldbook-2031-05-04.db"]);

    store.add_note(Some(a), "written after the backup").unwrap();
    drop(store);
    let restored = backup::restore(&db, &out, "20310506-090000").unwrap();
    let aside = restored.previous.unwrap();
    assert!(aside.to_string_lossy().ends_with("fieldbook.db.before-restore-20310506-090000"));
    let old = open(&aside);
    assert_eq!(old.notes_of(Some(a), 10).unwrap().len(), 2, "the replaced database is kept whole");
    let back = open(&db);
    assert_eq!(back.notes_of(Some(a), 10).unwrap().len(), 1);
}

#[test]
fn restore_refuses_what_is_not_a_good_fieldbook_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fieldbook.db");
    let mut store = open(&db);
    seed(&mut store);
    drop(store);
    let original = std::fs::read(&db).unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "hello").unwrap();
    let plain = dir.path().join("plain.db");
    rusqlite::Connection::open(&plain).unwrap().execute_batch("CREATE TABLE t (x); PRAGMA user_version = 1;").unwrap();
    let newer = dir.path().join("newer.db");
    open(&newer);
    rusqlite::Connection::open(&newer).unwrap().pragma_update(None, "user_version", 999).unwrap();
    for (file, needle) in [(&text, "not a SQLite"), (&plain, "not a Fieldbook"), (&newer, "newer")] {
        let err = backup::restore(&db, file, "x").unwrap_err();
        assert!(err.to_string().contains(needle), "{err}");
    }
    assert_eq!(std::fs::read(&db).unwrap(), original);
    let stray: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("restor"))
        .collect();
    assert!(stray.is_empty(), "no stray files left: {stray:?}");
}

#[test]
fn restore_refuses_while_another_fieldbook_has_the_database_open() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fieldbook.db");
    let mut store = open(&db);
    let (a, _) = seed(&mut store);
    let out = store.backup_to(&dir.path().join("manual.db")).unwrap();
    store.add_note(Some(a), "typed in the open app").unwrap();
    let err = backup::restore(&db, &out, "20310506-090000").unwrap_err();
    assert!(matches!(err, DataError::InUse { .. }), "{err}");
    assert!(err.to_string().contains("close it and try again"), "{err}");
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("restor"))
        .collect();
    assert!(aside.is_empty(), "nothing moved: {aside:?}");
    store.add_note(Some(a), "still writing to the same file").unwrap();
    drop(store);
    backup::restore(&db, &out, "20310506-090000").unwrap();
    assert_eq!(open(&db).notes_of(Some(a), 10).unwrap().len(), 1, "the backup is in place once the app closed");
}

#[test]
fn the_daily_backup_clears_half_written_backups_a_crash_left_behind() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fieldbook.db");
    let mut store = open(&db);
    seed(&mut store);
    drop(store);
    let backups = backup::backups_dir(&db);
    std::fs::create_dir_all(&backups).unwrap();
    let stale = backups.join("fieldbook-2031-05-01.db.partial-4242");
    let running = backups.join("fieldbook-2031-05-06.db.partial-4343");
    let other_db = backups.join("other-2031-05-01.db.partial-4444");
    for file in [&stale, &running, &other_db] {
        std::fs::write(file, b"half a backup").unwrap();
    }
    // Untouched for an hour: no running backup pauses that long between its steps.
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(60 * 60);
    for file in [&stale, &other_db] {
        std::fs::File::options().write(true).open(file).unwrap().set_modified(an_hour_ago).unwrap();
    }
    assert!(backup::daily_backup(&db, 7, day("2031-05-06")).unwrap().is_some());
    assert!(!stale.exists(), "an abandoned partial of this database is removed");
    assert!(running.exists(), "a recent one may still be being written by another process");
    assert!(other_db.exists(), "another database's files are not ours to remove");
}
