//! The config's `calendar.file`, kept up to date by the app without a key ever waiting on it:
//! after a batch of keys that changed the database, the file is written again on a worker
//! thread with its own connection (a calendar of a year's visits at 1M rows takes longer than
//! a frame). Only the newest request counts; quitting waits for the last one.

use std::time::Duration;

use crate::i18n::I18n;
use crate::ops::calendar::{CalendarFile, Written};
use crate::store::Store;

use super::background::{Background, Reader};

/// What the worker needs to write the file: where and how, and the words of the descriptions.
type Request = (CalendarFile, I18n);

/// The calendar file and the worker that writes it.
pub(crate) struct CalendarWriter {
    file: CalendarFile,
    worker: Background<Request, Written>,
}

impl CalendarWriter {
    /// A writer for `file`, its own worker reading the database of `store` (the screens' reads
    /// never queue behind a write of the file).
    pub(crate) fn new(file: CalendarFile, store: &Store) -> Self {
        let worker = Background::start(&Reader::start(store.path().to_path_buf(), store.clock()), write);
        Self { file, worker }
    }

    /// Asks for the file to be written again when `store` changed since the last request (or
    /// none was made yet).
    pub(crate) fn keep_up(&mut self, store: &Store, i18n: &I18n) {
        if self.file.due(store) {
            self.worker.ask((self.file.clone(), i18n.clone()));
        }
    }

    /// The newest write's failure, once it has arrived.
    pub(crate) fn failure(&mut self) -> Option<anyhow::Error> {
        self.worker.take().and_then(Result::err)
    }

    /// True while a write is under way.
    pub(crate) fn is_writing(&self) -> bool {
        self.worker.waiting_for().is_some()
    }

    /// Waits (at most `limit`) for the write under way; its failure, if it failed.
    pub(crate) fn finish(&mut self, limit: Duration) -> Option<anyhow::Error> {
        self.worker.wait(limit).and_then(Result::err)
    }
}

/// The worker's work: the file written from its own connection.
fn write(store: &Store, (file, i18n): Request) -> anyhow::Result<Written> {
    Ok(file.write(store, &i18n)?)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::clock::Clock;
    use crate::domain::{NewCustomer, VisitInput};
    use crate::i18n::Lang;
    use crate::store::NewDeal;

    const LIMIT: Duration = Duration::from_secs(30);

    fn plan(purpose: &str, at: Option<chrono::NaiveDateTime>) -> VisitInput {
        VisitInput {
            purpose: purpose.into(),
            action_plan: "bring the price list".into(),
            expected_result: "a date".into(),
            planned_at: at,
            ..VisitInput::blank()
        }
    }

    fn store_with_a_plan(dir: &std::path::Path) -> (Store, i64) {
        let today = NaiveDate::from_ymd_opt(2031, 5, 6).unwrap();
        let mut store = Store::open(&dir.join("fieldbook.db"), Clock::Fixed(today)).unwrap();
        let customer = NewCustomer { name: "王伟".into(), ..Default::default() };
        let id = store.add_customer(customer, NewDeal::default()).unwrap();
        let visit = store.add_visit(id, plan("confirm the budget", today.and_hms_opt(10, 0, 0))).unwrap();
        (store, visit)
    }

    #[test]
    fn the_file_is_written_by_the_worker_and_again_after_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, visit) = store_with_a_plan(dir.path());
        let path = dir.path().join("visits.ics");
        let i18n = I18n::new(Lang::En);
        let mut writer = CalendarWriter::new(CalendarFile::new(path.clone(), 30), &store);

        writer.keep_up(&store, &i18n);
        assert!(writer.finish(LIMIT).is_none());
        let first = std::fs::read_to_string(&path).unwrap();
        assert!(first.contains("confirm the budget"), "{first}");

        writer.keep_up(&store, &i18n);
        assert!(!writer.is_writing(), "nothing changed, nothing asked");

        let customer = store.visit(visit).unwrap().customer_id;
        let tomorrow = store.clock().today().succ_opt().and_then(|d| d.and_hms_opt(15, 0, 0));
        store.add_visit(customer, plan("sign the order", tomorrow)).unwrap();
        writer.keep_up(&store, &i18n);
        assert!(writer.finish(LIMIT).is_none());
        let second = std::fs::read_to_string(&path).unwrap();
        assert!(second.contains("sign the order") && second.contains("confirm the budget"), "{second}");
    }

    #[test]
    fn a_failed_write_is_told() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = store_with_a_plan(dir.path());
        // A folder where the file should be: it cannot be replaced by a file.
        let path = dir.path().join("visits.ics");
        std::fs::create_dir(&path).unwrap();
        let mut writer = CalendarWriter::new(CalendarFile::new(path, 30), &store);
        writer.keep_up(&store, &I18n::new(Lang::En));
        assert!(writer.finish(LIMIT).is_some());
    }
}
