//! Text from outside (an imported card, a colleague's export, a note) never reaches the terminal
//! as a control sequence: the commands print a visible stand-in (`␛`, `␇`, `�`), JSON stays
//! exact but escaped, and the app's frames hold no control character.

use fieldbook::i18n::Lang;
use fieldbook::store::Store;

use crate::common::Env;
use crate::tui_support;

/// An OSC 52 clipboard write, a screen clear, a window title and a C1 CSI.
const HOSTILE: &str = "hi \u{1b}]52;c;ZWNobyBoYWNrZWQ=\u{7} \u{1b}[2J \u{1b}]0;pwned\u{7} \u{9b}31m red";

/// A control character a terminal acts on (line breaks only lay text out).
fn has_raw_control(s: &str) -> bool {
    s.chars().any(|c| c.is_control() && c != '\n')
}

fn hostile_env() -> Env {
    let env = Env::new();
    let card = format!(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Evil\r\nORG:Co\u{1b}]0;title\u{7}\r\nTEL:123\r\nNOTE:{HOSTILE}\r\n\
         X-HOBBY:fish\u{1b}[5m\u{85}\r\nEND:VCARD\r\n"
    );
    let file = env.dir.path().join("evil.vcf");
    std::fs::write(&file, card).unwrap();
    env.ok(&["import", file.to_str().unwrap()]);
    env.ok(&["note", "1", HOSTILE]);
    env
}

#[test]
fn commands_print_control_characters_as_visible_stand_ins() {
    let env = hostile_env();
    for args in [&["show", "1"][..], &["list"], &["brief", "1"], &["search", "red"]] {
        let out = env.cmd().args(args).output().unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(!has_raw_control(&stdout), "{args:?} printed a control character: {stdout:?}");
    }
    let shown = env.ok(&["show", "1"]);
    assert!(shown.contains("hi ␛]52;c;ZWNobyBoYWNrZWQ=␇ ␛[2J ␛]0;pwned␇ �31m red"), "{shown}");
    let missing = env.dir.path().join("gone\u{1b}[2J.csv");
    let err = env.fails(&["import", missing.to_str().unwrap()]);
    assert!(!has_raw_control(&err) && err.contains("gone␛[2J.csv"), "{err:?}");
}

#[test]
fn json_keeps_the_exact_text_escaped() {
    let env = hostile_env();
    let raw = env.ok(&["show", "1", "--format", "json"]);
    assert!(!has_raw_control(&raw), "{raw:?}");
    assert!(raw.contains("\\u009b31m"), "C1 escaped as JSON does C0");
    let json: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let bodies: Vec<&str> = json["notes"].as_array().unwrap().iter().map(|n| n["body"].as_str().unwrap()).collect();
    assert!(bodies.contains(&HOSTILE), "the data itself is unchanged: {bodies:?}");
}

#[test]
fn the_app_draws_no_control_character() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fieldbook.db");
    tui_support::seed(&db);
    let mut store = Store::open(&db, fieldbook::clock::Clock::Fixed(tui_support::day("2031-05-06"))).unwrap();
    let anna = 8; // the first row of the customers table
    store.add_note(Some(anna), HOSTILE).unwrap();
    drop(store);
    let mut app = tui_support::app_on(&db, Lang::En);
    tui_support::keys(&mut app, "3 Enter");
    let screen = tui_support::render(&app, 120, 40);
    assert!(screen.contains("Anna Berg") && screen.contains("52;c;ZWNobyBoYWNrZWQ="), "the note shows: {screen}");
    assert!(!has_raw_control(&screen), "{screen:?}");
}
