//! Input never stalls: the event loop takes every event already waiting, in order, before it
//! draws; a bracketed paste is one edit into the focused text box; Esc and a key typed right
//! after it (which a terminal sends as one Alt-key) are two keys.

use std::collections::VecDeque;
use std::time::Duration;

use fieldbook::i18n::Lang;
use fieldbook::tui::EventSource;
use fieldbook::tui::app::App;
use fieldbook::tui::modal::Modal;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use crate::tui_support::{self, keys, type_text};

/// Events in bursts, as a terminal delivers them: every event of a burst is waiting at once;
/// the next burst comes only when the loop waits for it (after it drew a frame).
struct Bursts {
    bursts: VecDeque<VecDeque<Event>>,
    /// How many times the loop waited for a new burst.
    waits: usize,
}

impl Bursts {
    fn new(bursts: Vec<Vec<Event>>) -> Self {
        Self { bursts: bursts.into_iter().map(VecDeque::from).collect(), waits: 0 }
    }
}

impl EventSource for Bursts {
    fn poll(&mut self, timeout: Duration) -> std::io::Result<bool> {
        assert_eq!(timeout, Duration::ZERO, "no backup runs: the loop only looks for waiting events");
        Ok(self.bursts.front().is_some_and(|b| !b.is_empty()))
    }

    fn read(&mut self) -> std::io::Result<Event> {
        while self.bursts.front().is_some_and(VecDeque::is_empty) {
            self.bursts.pop_front();
            self.waits += 1;
        }
        let burst = self.bursts.front_mut().ok_or_else(|| std::io::Error::other("the script ran out of events"))?;
        Ok(burst.pop_front().unwrap_or(Event::FocusGained))
    }
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn chars(text: &str) -> Vec<Event> {
    text.chars().map(|c| key(KeyCode::Char(c))).collect()
}

/// Ten kilobytes of note in lines ended the way terminals paste them (CR), some CR LF.
fn ten_kilobytes() -> String {
    let mut text = String::new();
    let mut n = 0;
    while text.len() < 11 * 1024 {
        n += 1;
        let end = if n % 3 == 0 { "\r\n" } else { "\r" };
        text.push_str(&format!("line {n}: 王伟 asked for the price list of pumps, model {n}{end}"));
    }
    text.push_str("the end");
    text
}

fn note_text(app: &App) -> Option<String> {
    match app.modal() {
        Some(Modal::Note(note)) => Some(note.text()),
        _ => None,
    }
}

#[test]
fn hundreds_of_keys_and_a_paste_in_one_batch_are_all_applied_in_order_before_one_frame() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = tui_support::app(&dir, Lang::En);
    let typed: String = (0..80).map(|n| format!("k{n:02} ")).collect();
    let pasted = ten_kilobytes();
    let mut batch = chars(&typed);
    batch.push(Event::Paste(pasted.clone()));
    batch.extend(chars(" done"));
    // Saved at once, then a second note opened and closed, and the app quits: all typed ahead.
    batch.extend([ctrl('s'), key(KeyCode::Char('n')), key(KeyCode::Esc), key(KeyCode::Char('q'))]);
    assert!(batch.len() > 300, "hundreds of events: {}", batch.len());
    let mut events = Bursts::new(vec![vec![key(KeyCode::Char('n'))], batch]);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();

    fieldbook::tui::event_loop(&mut terminal, &mut app, &mut events, None).unwrap();

    assert!(app.should_quit(), "the q at the end of the batch was read");
    assert_eq!(events.waits, 1, "the loop waited once, for the batch; it never waited inside it");
    assert_eq!(terminal.get_frame().count(), 2, "one frame at the start, one after the note opened");
    let store = app.store();
    let inbox = store.notes_of(None, 10).unwrap();
    let expected = format!("{typed}{}", pasted.replace("\r\n", "\n").replace('\r', "\n")) + " done";
    let saved = inbox.iter().find(|n| n.body.starts_with("k00")).expect("the note was saved");
    assert_eq!(saved.body.len(), expected.trim_end().len(), "the whole paste, nothing cut");
    assert_eq!(saved.body, expected.trim_end());
    assert_eq!(inbox.iter().filter(|n| n.body.starts_with("k00")).count(), 1, "saved once");
}

#[test]
fn a_paste_appears_whole_and_one_ctrl_s_saves_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = tui_support::app(&dir, Lang::ZhCn);
    keys(&mut app, "n");
    let pasted = ten_kilobytes();
    app.on_paste(&pasted);
    let shown = note_text(&app).expect("the note is open");
    assert_eq!(shown, pasted.replace("\r\n", "\n").replace('\r', "\n"));
    let screen = tui_support::render(&app, 80, 24);
    assert!(screen.contains("the end"), "the end of the paste is in view:\n{screen}");
    keys(&mut app, "ctrl-s");
    assert!(app.modal().is_none(), "one Ctrl-S saved and closed the note");
    let inbox = app.store().notes_of(None, 10).unwrap();
    assert!(inbox.iter().any(|n| n.body.ends_with("the end") && n.body.len() > 10 * 1024));
}

#[test]
fn a_paste_into_a_one_line_field_becomes_one_line_and_nothing_focused_takes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = tui_support::app(&dir, Lang::En);
    app.on_paste("Wang\r\nWei\tjunior\u{7}");
    assert!(app.modal().is_none(), "Today has no text box: the paste is not read as keys");
    assert!(tui_support::render(&app, 80, 24).contains("Today"));
    keys(&mut app, "3 a");
    app.on_paste("Wang\r\nWei\tjunior\u{7}");
    keys(&mut app, "ctrl-s");
    let rows = app.store().search("Wang Wei junior", 5, "ext.").unwrap();
    assert_eq!(rows.first().map(|h| h.title.as_str()), Some("Wang Wei junior"), "{rows:?}");
    // The search box takes a paste in one piece and searches once.
    keys(&mut app, "/");
    app.on_paste("Wang Wei\n");
    app.finish_background();
    let screen = tui_support::render(&app, 80, 24);
    assert!(screen.contains("Wang Wei "), "{screen}");
}

#[test]
fn esc_then_a_key_typed_fast_are_two_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = tui_support::app(&dir, Lang::En);
    keys(&mut app, "n");
    type_text(&mut app, "half a thought");
    // A terminal sends Esc and a y typed right after it as one Alt-y.
    app.on_key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::ALT));
    assert!(app.modal().is_none(), "Esc asked to discard and y said yes");
    // The next key is a key again, not text in a note.
    keys(&mut app, "n");
    assert_eq!(note_text(&app).as_deref(), Some(""), "n opened a new, empty note");
    assert!(app.store().notes_of(None, 10).unwrap().iter().all(|n| n.body != "half a thought"));
}
