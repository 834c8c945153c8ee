//! What every subcommand gets: strings, clock, config, and the store (opened on first use).

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::clock::Clock;
use crate::config::Config;
use crate::hyperlink::{Link, with_links};
use crate::i18n::{Face, I18n, Message};
use crate::ops::calendar::CalendarFile;
use crate::startup::Session;
use crate::store::Store;
use crate::text;

/// The shared context of one subcommand run.
///
/// Every subcommand file has `pub fn run(args: &XArgs, ctx: &mut Ctx) -> anyhow::Result<()>`.
///
/// The store is opened lazily: the first call to [`Ctx::store`] opens (creating and migrating)
/// the database at [`Ctx::db_path`]. A command that must not open the database the usual way
/// (`restore` replacing the file, `import` reading a foreign file first, `demo` building a fresh
/// file) simply never calls [`Ctx::store`] and works with [`Ctx::db_path`] itself — or calls it
/// only once its own checks have passed.
///
/// Output goes through [`Ctx::print`] (stdout, a closed pipe is not an error); errors are
/// returned, and `cli::run` prints them as one localised line; a command's own refusal is a
/// [`Message`] (see [`Ctx::fail`]).
pub struct Ctx {
    /// Strings in the user's language.
    pub i18n: I18n,
    /// "Now" (fixed with `--today`).
    pub clock: Clock,
    /// The config file's settings.
    pub config: Config,
    /// Where the config file and playbook overrides live.
    pub config_dir: PathBuf,
    db_path: PathBuf,
    store: Option<Store>,
    /// The store was opened by [`Ctx::store_on_trial`] and made the database file.
    made_on_trial: bool,
}

impl Ctx {
    /// A context for the session's database; nothing is opened yet.
    pub fn new(session: Session) -> Self {
        let Session { i18n, clock, config, config_dir, db_path } = session;
        Self { i18n, clock, config, config_dir, db_path, store: None, made_on_trial: false }
    }

    /// The database file this run works on (`--db`, `FIELDBOOK_DB`, or the default).
    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    /// The store, opened (and migrated) on first use.
    pub fn store(&mut self) -> anyhow::Result<&mut Store> {
        let store = match self.store.take() {
            Some(store) => store,
            None => {
                let new = !self.db_path.exists();
                let store = Store::open_telling(&self.db_path, self.clock, |_| {
                    self.tell(&self.i18n.fmt("data.backup.upgrading", &[("path", &self.db_path.display())]));
                })?;
                if new {
                    self.tell(&self.i18n.fmt("cli.new_database", &[("path", &self.db_path.display())]));
                }
                store
            }
        };
        Ok(self.store.insert(store))
    }

    /// The store for a run that may end up saving nothing (a dry run, an import refused for its
    /// records): a database file this opening makes is not announced yet. [`Ctx::end_trial`]
    /// then keeps it (and says so) or removes it, so a run that saved nothing leaves no file.
    pub fn store_on_trial(&mut self) -> anyhow::Result<&mut Store> {
        if self.store.is_none() && !self.db_path.exists() {
            let store = Store::open(&self.db_path, self.clock)?;
            self.made_on_trial = true;
            return Ok(self.store.insert(store));
        }
        self.store()
    }

    /// Ends what [`Ctx::store_on_trial`] began: with `saved`, a database it made is announced
    /// as [`Ctx::store`] does; without, the store is closed and the file it made removed
    /// (nothing else was ever in it).
    pub fn end_trial(&mut self, saved: bool) {
        if !std::mem::take(&mut self.made_on_trial) {
            return;
        }
        if saved {
            self.tell(&self.i18n.fmt("cli.new_database", &[("path", &self.db_path.display())]));
            return;
        }
        drop(self.store.take());
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut name = self.db_path.clone().into_os_string();
            name.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(name));
        }
    }

    /// After a command that changed the database: writes the config's `calendar.file` again
    /// (a failure is said on stderr; what the command saved stays saved).
    pub fn keep_calendar_up(&self) {
        let Some(store) = self.store.as_ref().filter(|s| s.changes() > 0) else { return };
        let Some(path) = self.config.calendar.file_path(&self.config_dir) else { return };
        let mut file = CalendarFile::new(path, self.config.calendar.reminder_minutes);
        if let Some(Err(e)) = file.keep_up(store, &self.i18n) {
            let reason = self.i18n.error(&e.into(), Face::Cli);
            self.tell(&self.i18n.fmt("data.calendar.file_failed", &[("reason", &reason)]));
        }
    }

    /// Today's date (the fixed one with `--today`).
    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    /// Writes `text` and a newline to stdout, control characters made visible
    /// ([`text::printable`]). A closed pipe (`fieldbook list | head`) ends output quietly
    /// instead of failing.
    pub fn print(&self, text: &str) -> anyhow::Result<()> {
        let mut out = std::io::stdout().lock();
        match writeln!(out, "{}", text::printable(text)).and_then(|_| out.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
            _ => Ok(()),
        }
    }

    /// Like [`Ctx::print`], with `links` made terminal hyperlinks after the text was made
    /// printable (see [`crate::hyperlink`]).
    pub fn print_linked(&self, text: &str, links: &[Link]) -> anyhow::Result<()> {
        let linked = with_links(&text::printable(text), links);
        let mut out = std::io::stdout().lock();
        match writeln!(out, "{linked}").and_then(|_| out.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
            _ => Ok(()),
        }
    }

    /// Writes a line for the person (confirmations) to stderr, keeping stdout for data;
    /// control characters made visible as by [`Ctx::print`].
    pub fn tell(&self, text: &str) {
        let _ = writeln!(std::io::stderr(), "{}", text::printable(text));
    }

    /// An error whose message is `key` filled with `args`, put in words where it is shown.
    pub fn fail(&self, key: &str, args: &[(&'static str, &dyn std::fmt::Display)]) -> anyhow::Error {
        args.iter().fold(Message::new(key), |m, (name, value)| m.arg(name, value)).into()
    }
}
