//! End to end: the real binary under tmux, typed at as a person would, then the database
//! checked. Where tmux is not installed they are skipped on a developer's machine (with a
//! notice) but fail under CI (`CI` set), so a green CI always includes the end-to-end run.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use fieldbook::clock::Clock;
use fieldbook::domain::{DealState, Step};
use fieldbook::store::{CustomerFilter, CustomerSort, Store};

/// How long a step may take before the test fails: generous, because CI shares two cores with
/// the build and a loaded machine is slow to start the app and to redraw after a 10 KB paste.
const PATIENCE: Duration = Duration::from_secs(30);

/// Kills the tmux session however the test ends.
struct Session {
    name: String,
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["kill-session", "-t", &self.name]).output();
    }
}

impl Session {
    /// Starts the app in a tmux session named after this test process and `tag`.
    fn start(db: &Path, config_dir: &Path, tag: &str) -> Self {
        let name = format!("fieldbook-e2e-{}-{tag}", std::process::id());
        let command = format!(
            "FIELDBOOK_CONFIG_DIR='{}' '{}' --db '{}' --today 2031-05-06 --lang en",
            config_dir.display(),
            env!("CARGO_BIN_EXE_fieldbook"),
            db.display()
        );
        let status = Command::new("tmux")
            .args(["new-session", "-d", "-s", &name, "-x", "120", "-y", "40", &command])
            .status()
            .unwrap();
        assert!(status.success(), "tmux did not start");
        Self { name }
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux").args(["capture-pane", "-p", "-t", &self.name]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Polls the screen until `text` shows ([`PATIENCE`] at most).
    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return;
            }
            assert!(start.elapsed() < PATIENCE, "waited for {text:?}; the screen shows:\n{screen}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends tmux key names (`Enter`, `C-s`, `>`).
    fn keys(&self, keys: &[&str]) {
        for k in keys {
            Command::new("tmux").args(["send-keys", "-t", &self.name, k]).status().unwrap();
        }
    }

    /// Types text literally.
    fn type_text(&self, text: &str) {
        Command::new("tmux").args(["send-keys", "-t", &self.name, "-l", text]).status().unwrap();
    }

    /// Kills the app with SIGKILL, as a crash or a closed laptop lid with a dying battery would.
    fn kill_app(&self) {
        let out = Command::new("tmux").args(["display", "-p", "-t", &self.name, "#{pane_pid}"]).output().unwrap();
        let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
        assert!(!pid.is_empty(), "no pane pid");
        // The pane's shell may have exec'd the app or may be its parent: kill both ways.
        let _ = Command::new("pkill").args(["-KILL", "-P", &pid]).status();
        let _ = Command::new("kill").args(["-KILL", &pid]).status();
        let start = Instant::now();
        while self.is_running() {
            assert!(start.elapsed() < PATIENCE, "the app did not die");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn is_running(&self) -> bool {
        Command::new("tmux").args(["has-session", "-t", &self.name]).output().is_ok_and(|o| o.status.success())
    }
}

/// True when tmux can be run. Without it: a failure in CI, a notice elsewhere.
fn tmux_available() -> bool {
    if Command::new("tmux").arg("-V").output().is_ok() {
        return true;
    }
    assert!(std::env::var_os("CI").is_none(), "tmux is not installed, and CI must run the end-to-end tests");
    eprintln!("tmux is not installed: skipping the end-to-end test");
    false
}

#[test]
fn a_new_user_adds_a_customer_moves_the_deal_to_won_and_notes_it() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.db");
    let tui = Session::start(&db, dir.path(), "flow");

    tui.wait_for("Welcome to Fieldbook");
    tui.keys(&["e"]);
    tui.wait_for("Appointments today");

    tui.keys(&["3", "a"]);
    tui.type_text("Wang Wei");
    tui.keys(&["C-s"]);
    tui.wait_for("Added Wang Wei");

    tui.keys(&["2"]);
    tui.wait_for("Wang Wei");
    // Nothing of any checklist is ticked: each move asks first, and y moves on.
    for step in ["Approach", "Survey", "Presentation", "Close"] {
        tui.keys(&[">"]);
        tui.wait_for(&format!("Move Wang Wei to {step}?"));
        tui.keys(&["y"]);
        tui.wait_for(&format!("Wang Wei moved to {step}"));
    }
    // Won asks first, for the final value (none was set: typed here).
    tui.keys(&["w"]);
    tui.wait_for("Won? — Wang Wei");
    tui.type_text("$50k");
    tui.wait_for("→ $50,000");
    tui.keys(&["Enter"]);
    tui.wait_for("Wang Wei: deal won ($50k)");

    tui.keys(&["3", "Enter"]);
    tui.wait_for("Record");
    tui.keys(&["n"]);
    tui.type_text("asked about a second line");
    tui.keys(&["C-s"]);
    tui.wait_for("Note saved for Wang Wei");
    tui.keys(&["q"]);
    let start = Instant::now();
    while tui.is_running() {
        assert!(start.elapsed() < PATIENCE, "q did not quit");
        std::thread::sleep(Duration::from_millis(50));
    }

    let store = Store::open(&db, Clock::Fixed(NaiveDate::from_ymd_opt(2031, 5, 6).unwrap())).unwrap();
    let rows = store.list_customers(&CustomerFilter::default(), CustomerSort::Name, 10, 0).unwrap();
    assert_eq!(rows.len(), 1);
    let id = rows[0].id;
    let deal = &store.deals_of(id).unwrap()[0];
    assert_eq!(deal.state, DealState::Won);
    assert_eq!((deal.value_minor, deal.currency.code()), (Some(5_000_000), "USD"), "the final value typed");
    let steps: Vec<Step> = store.stage_history(deal.id).unwrap().iter().map(|e| e.to_stage).collect();
    assert_eq!(steps.len(), 6);
    assert_eq!(store.notes_of(Some(id), 10).unwrap()[0].body, "asked about a second line");
}

#[test]
fn a_note_being_typed_when_the_app_is_killed_is_offered_back() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.db");
    let tui = Session::start(&db, dir.path(), "killed");
    tui.wait_for("Welcome to Fieldbook");
    tui.keys(&["e"]);
    tui.wait_for("Appointments today");
    tui.keys(&["n"]);
    tui.wait_for("Note");
    tui.type_text("call 王伟 about the tender");
    tui.wait_for("call 王伟 about the tender");
    tui.kill_app();

    let again = Session::start(&db, dir.path(), "reopened");
    again.wait_for("Reopened what you were typing");
    again.wait_for("call 王伟 about the tender");
    again.keys(&["C-s"]);
    again.wait_for("Note saved to the inbox");
    again.keys(&["q"]);
    let start = Instant::now();
    while again.is_running() {
        assert!(start.elapsed() < PATIENCE, "q did not quit");
        std::thread::sleep(Duration::from_millis(50));
    }
    let store = Store::open(&db, Clock::Fixed(NaiveDate::from_ymd_opt(2031, 5, 6).unwrap())).unwrap();
    assert_eq!(store.notes_of(None, 10).unwrap()[0].body, "call 王伟 about the tender");
}

#[test]
fn ten_kilobytes_pasted_into_a_note_appear_whole_and_one_ctrl_s_saves_them() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.db");
    let tui = Session::start(&db, dir.path(), "paste");
    tui.wait_for("Welcome to Fieldbook");
    tui.keys(&["e"]);
    tui.wait_for("Appointments today");
    tui.keys(&["n"]);
    tui.wait_for("Note");
    let mut text = String::new();
    let mut n = 0;
    while text.len() < 10 * 1024 {
        n += 1;
        text.push_str(&format!("line {n}: 王伟 wants the pump price list, model {n}\n"));
    }
    text.push_str("END OF PASTE");
    let buffer = format!("fieldbook-e2e-{}", std::process::id());
    let set = Command::new("tmux").args(["set-buffer", "-b", &buffer, &text]).status().unwrap();
    assert!(set.success(), "tmux set-buffer");
    // -p: wrapped in the bracketed-paste marks, which tmux sends only when the app asked for them.
    let pasted = Command::new("tmux").args(["paste-buffer", "-p", "-d", "-b", &buffer, "-t", &tui.name]).status();
    assert!(pasted.unwrap().success(), "tmux paste-buffer");
    tui.keys(&["C-s"]);
    tui.wait_for("Note saved to the inbox");
    tui.keys(&["q"]);
    let start = Instant::now();
    while tui.is_running() {
        assert!(start.elapsed() < PATIENCE, "q did not quit");
        std::thread::sleep(Duration::from_millis(50));
    }
    let store = Store::open(&db, Clock::Fixed(NaiveDate::from_ymd_opt(2031, 5, 6).unwrap())).unwrap();
    assert_eq!(store.notes_of(None, 10).unwrap()[0].body, text, "the whole paste, line breaks kept");
}
