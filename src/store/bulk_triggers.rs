//! The per-row triggers of the loaded tables that a bulk load sets aside, each with the
//! statements that do its work once for all the load's rows: the checks that a visit meets
//! and a fact describes only people of its own account, and the putting back of a cancelled
//! calendar event whose id a new row takes again. A trigger is set aside only while its text
//! is the one these statements were written for: one that a later migration changes stays in
//! place and fires per row (slower, never wrong).

use rusqlite::{OptionalExtension, Transaction};

use super::error::{Context, Result, StoreError};

/// What a set-aside trigger does, for every row the load added (`?1`: the largest rowid of
/// its key table before the load).
enum Work {
    /// Refuses the load when `find` returns a row (its first column names it).
    Check { find: &'static str, message: &'static str },
    /// Statements run in order.
    Apply(&'static [&'static str]),
}

/// A per-row trigger and its once-for-all work.
struct RowTrigger {
    name: &'static str,
    /// The trigger's text as its migration created it (whitespace aside).
    sql: &'static str,
    /// The table whose new rows (rowid above the one before the load) the work covers.
    key_table: &'static str,
    work: Work,
}

const ROW_TRIGGERS: [RowTrigger; 4] = [
    RowTrigger {
        name: "visit_contact_same_account",
        sql: "CREATE TRIGGER visit_contact_same_account BEFORE INSERT ON visit_contact
              WHEN (SELECT customer_id FROM visit WHERE id = new.visit_id)
                   IS NOT (SELECT customer_id FROM contact WHERE id = new.contact_id)
              BEGIN SELECT RAISE(ABORT, 'a visit can only meet people of its own account'); END",
        key_table: "visit",
        work: Work::Check {
            find: "SELECT vc.visit_id FROM visit_contact vc JOIN visit v ON v.id = vc.visit_id
                   LEFT JOIN contact c ON c.id = vc.contact_id
                   WHERE vc.visit_id > ?1 AND v.customer_id IS NOT c.customer_id LIMIT 1",
            message: "a visit can only meet people of its own account",
        },
    },
    RowTrigger {
        name: "fact_contact_same_account_insert",
        sql: "CREATE TRIGGER fact_contact_same_account_insert BEFORE INSERT ON customer_fact
              WHEN new.contact_id IS NOT NULL
                   AND new.customer_id IS NOT (SELECT customer_id FROM contact WHERE id = new.contact_id)
              BEGIN SELECT RAISE(ABORT, 'a fact can only describe a person of its own account'); END",
        key_table: "customer_fact",
        work: Work::Check {
            find: "SELECT f.id FROM customer_fact f LEFT JOIN contact c ON c.id = f.contact_id
                   WHERE f.id > ?1 AND f.contact_id IS NOT NULL AND f.customer_id IS NOT c.customer_id LIMIT 1",
            message: "a fact can only describe a person of its own account",
        },
    },
    RowTrigger {
        name: "visit_event_restored",
        sql: "CREATE TRIGGER visit_event_restored AFTER INSERT ON visit
              WHEN EXISTS (SELECT 1 FROM cancelled_event WHERE uid = 'visit-' || new.id)
              BEGIN
                  UPDATE visit SET revision =
                      max(new.revision, (SELECT revision FROM cancelled_event WHERE uid = 'visit-' || new.id)) + 1
                  WHERE id = new.id;
                  DELETE FROM cancelled_event WHERE uid = 'visit-' || new.id;
              END",
        key_table: "visit",
        work: Work::Apply(&[
            "UPDATE visit SET revision = max(visit.revision, e.revision) + 1 FROM cancelled_event e
             WHERE substr(e.uid, 1, 6) = 'visit-' AND visit.id = CAST(substr(e.uid, 7) AS INTEGER)
               AND e.uid = 'visit-' || visit.id AND visit.id > ?1",
            "DELETE FROM cancelled_event WHERE substr(uid, 1, 6) = 'visit-'
               AND CAST(substr(uid, 7) AS INTEGER) > ?1
               AND EXISTS (SELECT 1 FROM visit v WHERE v.id = CAST(substr(uid, 7) AS INTEGER)
                           AND 'visit-' || v.id = uid)",
        ]),
    },
    RowTrigger {
        name: "next_step_event_restored",
        sql: "CREATE TRIGGER next_step_event_restored AFTER INSERT ON next_step
              WHEN EXISTS (SELECT 1 FROM cancelled_event WHERE uid = 'next-step-' || new.id)
              BEGIN
                  UPDATE next_step SET revision =
                      max(new.revision, (SELECT revision FROM cancelled_event WHERE uid = 'next-step-' || new.id)) + 1
                  WHERE id = new.id;
                  DELETE FROM cancelled_event WHERE uid = 'next-step-' || new.id;
              END",
        key_table: "next_step",
        work: Work::Apply(&[
            "UPDATE next_step SET revision = max(next_step.revision, e.revision) + 1 FROM cancelled_event e
             WHERE substr(e.uid, 1, 10) = 'next-step-' AND next_step.id = CAST(substr(e.uid, 11) AS INTEGER)
               AND e.uid = 'next-step-' || next_step.id AND next_step.id > ?1",
            "DELETE FROM cancelled_event WHERE substr(uid, 1, 10) = 'next-step-'
               AND CAST(substr(uid, 11) AS INTEGER) > ?1
               AND EXISTS (SELECT 1 FROM next_step s WHERE s.id = CAST(substr(uid, 11) AS INTEGER)
                           AND 'next-step-' || s.id = uid)",
        ]),
    },
];

/// Text with its runs of whitespace made one space, to compare triggers' texts.
fn squeezed(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A trigger set aside, to put back after its work is done for the load's rows.
pub(super) struct SetAside {
    trigger: &'static RowTrigger,
    sql: String,
    last_before: i64,
}

/// Drops the known per-row triggers (their text unchanged) of the loaded tables.
pub(super) fn set_aside(tx: &Transaction) -> Result<Vec<SetAside>> {
    let doing = "setting per-row checks aside for a bulk load";
    let mut aside = Vec::new();
    for trigger in &ROW_TRIGGERS {
        let sql: Option<String> = tx
            .query_row("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1", [trigger.name], |r| {
                r.get(0)
            })
            .optional()
            .ctx(doing)?;
        let Some(sql) = sql.filter(|s| squeezed(s) == squeezed(trigger.sql)) else { continue };
        let last_before = tx
            .query_row(&format!("SELECT coalesce(max(rowid), 0) FROM \"{}\"", trigger.key_table), [], |r| r.get(0))
            .ctx(doing)?;
        tx.execute_batch(&format!("DROP TRIGGER \"{}\"", trigger.name)).ctx(doing)?;
        aside.push(SetAside { trigger, sql, last_before });
    }
    Ok(aside)
}

/// Does each set-aside trigger's work for the load's rows, then puts it back.
pub(super) fn put_back(tx: &Transaction, aside: Vec<SetAside>) -> Result<()> {
    let doing = "checking the loaded rows";
    for SetAside { trigger, sql, last_before } in aside {
        match &trigger.work {
            Work::Check { find, message } => {
                let found: Option<i64> = tx.query_row(find, [last_before], |r| r.get(0)).optional().ctx(doing)?;
                if let Some(row) = found {
                    return Err(StoreError::Corrupt(format!("{} row {row}: {message}", trigger.key_table)));
                }
            }
            Work::Apply(statements) => {
                for statement in *statements {
                    tx.execute(statement, [last_before]).ctx(doing)?;
                }
            }
        }
        tx.execute_batch(&sql).ctx(doing)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::{ROW_TRIGGERS, squeezed};
    use crate::clock::Clock;
    use crate::demo::{self, DemoSize};
    use crate::domain::{BuyingRole, Style, VisitInput};
    use crate::i18n::Lang;
    use crate::store::bulk::{BulkContact, BulkFact};
    use crate::store::{Store, StoreError};

    const AT: &str = "2031-05-06T09:00:00Z";

    /// A store with two demo accounts (ids 1 and 2), each with its own person.
    fn two_accounts(dir: &tempfile::TempDir) -> Store {
        let today = NaiveDate::from_ymd_opt(2031, 5, 6).unwrap();
        let mut store = Store::open(&dir.path().join("t.db"), Clock::Fixed(today)).unwrap();
        demo::load(&mut store, DemoSize { customers: 2, visits: 0 }, 7, Lang::En, false).unwrap();
        store
    }

    fn person() -> BulkContact {
        BulkContact {
            name: "Ann Lee".into(),
            title: String::new(),
            phone: String::new(),
            email: String::new(),
            style: Style::Unknown,
            roles: vec![BuyingRole::User],
            created_at: AT.into(),
        }
    }

    /// A visit planned at `planned`, else logged now.
    fn visit(planned: Option<chrono::NaiveDateTime>) -> VisitInput {
        let now = NaiveDate::from_ymd_opt(2031, 5, 6).unwrap().and_hms_opt(9, 0, 0);
        VisitInput {
            purpose: "p".into(),
            action_plan: "a".into(),
            expected_result: "e".into(),
            planned_at: planned,
            done_at: if planned.is_some() { None } else { now },
            ..VisitInput::blank()
        }
    }

    fn count(store: &Store, table: &str) -> i64 {
        store.conn().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn a_visit_meeting_another_accounts_person_saves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = two_accounts(&dir);
        let visits = count(&store, "visit");
        let loaded = store.bulk_load(|w| {
            let other = w.contact(2, &person())?;
            let id = w.visit(1, None, visit(None), AT)?;
            w.met(id, &[other])
        });
        assert!(matches!(loaded, Err(StoreError::Corrupt(ref what)) if what.contains("own account")), "{loaded:?}");
        assert_eq!(count(&store, "visit"), visits);
        assert_eq!(count(&store, "sqlite_master WHERE name = 'visit_contact_same_account'"), 1);
    }

    #[test]
    fn a_fact_about_another_accounts_person_saves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = two_accounts(&dir);
        let facts = count(&store, "customer_fact");
        let loaded = store.bulk_load(|w| {
            let other = w.contact(2, &person())?;
            let fact = BulkFact {
                category: crate::domain::FactCategory::Personal,
                label: "hobby".into(),
                value: "golf".into(),
                month_day: None,
            };
            w.fact(1, Some(other), &fact, AT)
        });
        assert!(matches!(loaded, Err(StoreError::Corrupt(ref what)) if what.contains("own account")), "{loaded:?}");
        assert_eq!(count(&store, "customer_fact"), facts);
    }

    #[test]
    fn a_loaded_visit_taking_a_cancelled_events_id_is_that_event_again() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = two_accounts(&dir);
        let next: i64 = store.conn().query_row("SELECT coalesce(max(id), 0) + 1 FROM visit", [], |r| r.get(0)).unwrap();
        store
            .conn()
            .execute(
                "INSERT INTO cancelled_event (uid, customer, title, starts_at, revision, cancelled_at)
                 VALUES (?1, 'x', 'y', '2031-05-07 10:00', 3, ?2), ('visit-999999', 'x', 'y', '2031-05-07 10:00', 1, ?2)",
                rusqlite::params![format!("visit-{next}"), AT],
            )
            .unwrap();
        let id = store
            .bulk_load(|w| {
                let at = NaiveDate::from_ymd_opt(2031, 5, 7).unwrap().and_hms_opt(10, 0, 0).unwrap();
                w.visit(1, None, visit(Some(at)), AT)
            })
            .unwrap();
        assert_eq!(id, next);
        let revision: i64 =
            store.conn().query_row("SELECT revision FROM visit WHERE id = ?1", [id], |r| r.get(0)).unwrap();
        assert_eq!(revision, 4);
        let left: Vec<String> = store
            .conn()
            .prepare("SELECT uid FROM cancelled_event")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(left, ["visit-999999"]);
    }

    /// Every trigger listed is the schema's own, word for word: else it would stay in place
    /// (and fire per row) without anyone noticing.
    #[test]
    fn the_set_aside_triggers_are_the_schemas() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db"), Clock::Fixed(NaiveDate::MIN)).unwrap();
        for trigger in &ROW_TRIGGERS {
            let sql: String = store
                .conn()
                .query_row("SELECT sql FROM sqlite_master WHERE name = ?1", [trigger.name], |r| r.get(0))
                .unwrap();
            assert_eq!(squeezed(&sql), squeezed(trigger.sql), "{}", trigger.name);
        }
    }
}
