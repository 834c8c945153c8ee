//! The full-screen app: opens the store, then runs one event loop — key (presses only) →
//! keymap → action → screen → effect — drawing a frame only when something changed, and only
//! once every event already waiting was taken.

pub(crate) mod action;
pub mod app;
mod background;
mod calendar_writer;
mod chrome;
pub mod drafts;
mod guard;
mod hyperlink_cells;
pub mod keymap;
mod list_nav;
pub mod modal;
pub mod overlay;
pub mod screens;
pub mod theme;
pub mod widgets;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread::JoinHandle;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;

use crate::i18n::{Face, I18n};
use crate::ops::calendar::CalendarFile;
use crate::startup::Session;
use crate::store::Store;
use crate::store::transfer::backup;
use app::App;
use background::spinner;
use keymap::{Keymap, ScreenId};
use screens::Screen;
use theme::Theme;

/// Opens the app on the session's database; returns the exit code. Problems found before the
/// screen opens are printed in the user's language.
pub fn run(session: Session) -> i32 {
    let i18n = session.i18n.clone();
    let untouched = Untouched::before_opening(&session.db_path);
    match start(session) {
        Ok((mut app, backup)) => {
            let opened = app.store().changes();
            let (code, backup) = run_terminal(&mut app, backup, &i18n);
            // The calendar file's last write, so the phone gets the last change.
            if app.writing_calendar() {
                eprintln!("{}", i18n.t("tui.start.calendar_finishing"));
            }
            if let Some(failed) = app.finish_calendar() {
                eprintln!("{}", crate::text::printable(&failed));
            }
            // Quitting mid-backup would leave a half-written file in backups/: let it finish.
            if let Some(thread) = backup {
                if !thread.is_finished() {
                    eprintln!("{}", i18n.t("tui.start.backup_finishing"));
                }
                let _ = thread.join();
            }
            // Quit on the welcome screen without choosing or writing anything: the path may be
            // a mistyped --db, so what opening it made goes again.
            if app.screen().map(Screen::id) == Some(ScreenId::Welcome) && app.store().changes() == opened {
                drop(app);
                untouched.put_back();
            }
            code
        }
        Err(message) => {
            eprintln!("{}", crate::text::printable(&message));
            2
        }
    }
}

/// The outcome of today's automatic backup, taken in a background thread.
type BackupResult = crate::store::transfer::DataResult<Option<PathBuf>>;

/// Today's automatic backup, to run beside the app once its first frame is drawn.
struct DailyBackup {
    db: PathBuf,
    /// Backups kept.
    keep: u32,
    day: chrono::NaiveDate,
    /// A read-only database cannot change, so it needs no new backup (and its folder may be
    /// read-only too).
    read_only: bool,
}

impl DailyBackup {
    /// Starts the backup in a thread: its outcome arrives on the receiver. A failed backup
    /// must not keep the rep from working: the app says so on its message line and carries on.
    fn start(self) -> (Receiver<BackupResult>, JoinHandle<()>) {
        let (sender, outcome) = mpsc::channel();
        let thread = std::thread::spawn(move || {
            let result = if self.read_only { Ok(None) } else { backup::daily_backup(&self.db, self.keep, self.day) };
            // The app may already have quit; then nobody needs the answer.
            sender.send(result).ok();
        });
        (outcome, thread)
    }
}

/// What did not exist before the app opened a database path: the file, its backups folder
/// and the folders above it, so that quitting on the welcome screen leaves the disk as it was.
struct Untouched {
    db: Option<PathBuf>,
    backups: Option<PathBuf>,
    folders: Vec<PathBuf>,
}

impl Untouched {
    /// Notes what is not there yet (nothing when the database exists).
    fn before_opening(db: &Path) -> Self {
        if db.exists() {
            return Self { db: None, backups: None, folders: Vec::new() };
        }
        let backups = backup::backups_dir(db);
        let folders = db.ancestors().skip(1).take_while(|p| !p.as_os_str().is_empty() && !p.exists());
        Self {
            db: Some(db.to_path_buf()),
            folders: folders.map(Path::to_path_buf).collect(),
            backups: (!backups.exists()).then_some(backups),
        }
    }

    /// Removes the new (empty) database with its -wal/-shm, its new backups folder, and the
    /// folders made for it when they are empty; nothing when a draft was kept beside it.
    fn put_back(&self) {
        let Some(db) = &self.db else { return };
        let mut drafts = db.clone().into_os_string();
        drafts.push(".drafts");
        if std::fs::read_dir(PathBuf::from(drafts)).is_ok_and(|mut d| d.next().is_some()) {
            return; // Something typed and kept as a draft: the path was meant.
        }
        for suffix in ["", "-wal", "-shm"] {
            let mut path = db.clone().into_os_string();
            path.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(path));
        }
        if let Some(backups) = &self.backups {
            let _ = std::fs::remove_dir_all(backups);
        }
        for folder in &self.folders {
            let _ = std::fs::remove_dir(folder);
        }
    }
}

/// Everything that can fail before the terminal is taken over; today's backup is made ready
/// (it starts once the first frame is drawn: it reads the whole file).
fn start(session: Session) -> Result<(App, DailyBackup), String> {
    let Session { i18n, clock, config, config_dir, db_path } = session;
    let keymap = Keymap::new(&config.keys).map_err(|e| i18n.localize(&e, Face::App))?;
    // Said before the screen opens: an upgrade of a large file would otherwise look like a hang.
    let upgrading = |_| {
        eprintln!("{}", crate::text::printable(&i18n.fmt("data.backup.upgrading", &[("path", &db_path.display())])));
    };
    let store = Store::open_telling(&db_path, clock, upgrading).map_err(|e| i18n.localize(&e, Face::App))?;
    let backup =
        DailyBackup { db: db_path, keep: config.backup.keep, day: clock.today(), read_only: store.is_read_only() };
    let calendar =
        config.calendar.file_path(&config_dir).map(|path| CalendarFile::new(path, config.calendar.reminder_minutes));
    let app = App::new(store, i18n, keymap, Theme::default(), &config_dir)
        .with_cadence(config.cadence)
        .with_money(config.exchange_rates())
        .with_odds(config.forecast)
        .with_calendar(calendar)
        .with_links(crate::hyperlink::terminal_shows_links());
    Ok((app, backup))
}

/// Takes over the terminal (restored on every exit, panics included), draws the first frame,
/// starts today's backup and runs the loop; returns the exit code and the backup's thread.
/// Pastes arrive whole (bracketed paste), and the terminal gets that mode back off on the way
/// out.
fn run_terminal(app: &mut App, backup: DailyBackup, i18n: &I18n) -> (i32, Option<JoinHandle<()>>) {
    let mut terminal = ratatui::init();
    // ratatui's panic hook restores the screen; the paste mode is turned off before it.
    let restore_screen = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableBracketedPaste);
        restore_screen(info);
    }));
    let mut thread = None;
    let result = execute!(std::io::stdout(), EnableBracketedPaste)
        .and_then(|()| {
            terminal.draw(|frame| app.render(frame)).map(drop).map_err(|e| std::io::Error::other(e.to_string()))
        })
        .and_then(|()| {
            let (outcome, started) = backup.start();
            thread = Some(started);
            event_loop(&mut terminal, app, &mut TerminalEvents, Some(outcome))
        });
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    let code = match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("{}", crate::text::printable(&i18n.fmt("tui.start.terminal", &[("reason", &e)])));
            1
        }
    };
    (code, thread)
}

/// Where the loop's events come from: the terminal, or a script in tests.
pub trait EventSource {
    /// True when an event can be read within `timeout` (zero: one is already waiting).
    fn poll(&mut self, timeout: Duration) -> std::io::Result<bool>;
    /// The next event, waiting for one.
    fn read(&mut self) -> std::io::Result<Event>;
}

/// The terminal's own events.
struct TerminalEvents;

impl EventSource for TerminalEvents {
    fn poll(&mut self, timeout: Duration) -> std::io::Result<bool> {
        event::poll(timeout)
    }

    fn read(&mut self) -> std::io::Result<Event> {
        event::read()
    }
}

/// How often the loop looks for the backup's outcome (or the calendar file's) while it is
/// still running.
const BACKUP_POLL: Duration = Duration::from_millis(200);

/// Runs the app until it quits: waits for an event, then takes every event already waiting,
/// in order, before drawing the next frame (typing ahead and pastes never wait behind frames).
/// Hears today's backup from `backup` while it runs.
pub fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut impl EventSource,
    mut backup: Option<Receiver<BackupResult>>,
) -> std::io::Result<()> {
    let mut dirty = true;
    while !app.should_quit() {
        if let Some(receiver) = &backup {
            match receiver.try_recv() {
                Ok(result) => {
                    app.backup_finished(result);
                    backup = None;
                    dirty = true;
                }
                Err(TryRecvError::Disconnected) => backup = None,
                Err(TryRecvError::Empty) => {}
            }
        }
        dirty |= app.take_answers();
        if dirty {
            terminal.draw(|frame| app.render(frame)).map_err(|e| std::io::Error::other(e.to_string()))?;
            dirty = false;
        }
        if app.run_later() {
            dirty = true;
            continue;
        }
        // While an answer is awaited the spinner turns and the answer is looked for.
        if let Some(waited) = app.waiting_for() {
            if !events.poll(background::ANSWER_POLL)? {
                let turned = app.waiting_for().is_some_and(|w| spinner(w) != spinner(waited));
                dirty = app.take_answers() || turned;
                continue;
            }
        } else if (backup.is_some() || app.writing_calendar()) && !events.poll(BACKUP_POLL)? {
            continue;
        }
        loop {
            dirty |= app.on_event(events.read()?);
            if app.should_quit() || app.has_later() || !events.poll(Duration::ZERO)? {
                break;
            }
        }
        app.settle();
    }
    Ok(())
}

#[cfg(test)]
mod untouched_tests {
    use super::Untouched;

    /// Opens the database at `db` the way the app does (folders, file, WAL, today's backup).
    fn open(db: &std::path::Path) {
        let store = crate::store::Store::open(db, crate::clock::Clock::new(None)).unwrap();
        std::fs::create_dir_all(super::backup::backups_dir(db)).unwrap();
        drop(store);
    }

    #[test]
    fn quitting_on_the_welcome_screen_leaves_a_mistyped_path_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("Dropbx").join("work").join("fieldbook.db");
        let untouched = Untouched::before_opening(&db);
        open(&db);
        assert!(db.exists());
        untouched.put_back();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no folder, file or backup left");
    }

    #[test]
    fn a_database_that_was_there_or_a_draft_beside_it_stays() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("fieldbook.db");
        open(&db);
        Untouched::before_opening(&db).put_back();
        assert!(db.exists(), "an existing database is never removed");
        let new = dir.path().join("new.db");
        let untouched = Untouched::before_opening(&new);
        open(&new);
        std::fs::create_dir(dir.path().join("new.db.drafts")).unwrap();
        std::fs::write(dir.path().join("new.db.drafts").join("note-inbox.json"), "{}").unwrap();
        untouched.put_back();
        assert!(new.exists(), "a note typed on the welcome screen was meant for this path");
    }
}
