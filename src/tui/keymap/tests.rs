//! The keymap: defaults, overrides, conflicts, and the README's example.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::*;
use crate::i18n::{I18n, Lang};

fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

#[test]
fn defaults_have_no_duplicates_and_vim_and_arrows_both_work() {
    let map = Keymap::new(&BTreeMap::new()).unwrap();
    let p = ScreenId::Pipeline;
    assert_eq!(map.action(p, &press(KeyCode::Char('h'), KeyModifiers::NONE)), Some(Action::Left));
    assert_eq!(map.action(p, &press(KeyCode::Left, KeyModifiers::NONE)), Some(Action::Left));
    assert_eq!(map.action(p, &press(KeyCode::Char('/'), KeyModifiers::NONE)), Some(Action::Filter));
    let ctrl_p = press(KeyCode::Char('p'), KeyModifiers::CONTROL);
    assert_eq!(map.action(p, &ctrl_p), Some(Action::Palette));
    let shift_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(map.action(ScreenId::Customers, &shift_g), Some(Action::Bottom));
}

#[test]
fn overrides_replace_the_keys_of_an_action() {
    let mut o = BTreeMap::new();
    o.insert("pipeline".to_string(), BTreeMap::from([("won".to_string(), "W ctrl-w".to_string())]));
    let map = Keymap::new(&o).unwrap();
    let p = ScreenId::Pipeline;
    assert_eq!(map.action(p, &press(KeyCode::Char('W'), KeyModifiers::SHIFT)), Some(Action::Won));
    assert_eq!(map.action(p, &press(KeyCode::Char('w'), KeyModifiers::CONTROL)), Some(Action::Won));
    assert_eq!(map.action(p, &press(KeyCode::Char('w'), KeyModifiers::NONE)), None);
    assert_eq!(map.key_for(p, Action::Won).map(|k| k.to_string()), Some("W".to_string()));
}

#[test]
fn duplicates_are_rejected_naming_both_actions() {
    let mut o = BTreeMap::new();
    o.insert("pipeline".to_string(), BTreeMap::from([("won".to_string(), "h".to_string())]));
    let err = Keymap::new(&o).unwrap_err();
    assert_eq!(
        err,
        KeymapError::Duplicate {
            screen: "pipeline".into(),
            key: "h".into(),
            first: "left".into(),
            second: "won".into()
        }
    );
    let msg = I18n::new(Lang::En).localize(&err, Face::App);
    assert!(msg.contains("'won'") && msg.contains("'left'") && msg.contains("[keys.pipeline]"), "{msg}");
}

#[test]
fn unknown_names_and_keys_are_rejected() {
    let one = |screen: &str, action: &str, key: &str| {
        let mut o = BTreeMap::new();
        o.insert(screen.to_string(), BTreeMap::from([(action.to_string(), key.to_string())]));
        Keymap::new(&o).unwrap_err()
    };
    assert!(matches!(one("board", "won", "w"), KeymapError::UnknownScreen { .. }));
    assert!(matches!(one("pipeline", "fly", "w"), KeymapError::UnknownAction { .. }));
    assert!(matches!(one("pipeline", "won", "ctrl-"), KeymapError::BadKey { .. }));
    assert!(matches!(one("pipeline", "won", ""), KeymapError::BadKey { .. }));
}

#[test]
fn keys_parse_and_display() {
    for text in ["q", "G", "?", "Enter", "Esc", "↑", "PgDn", "Ctrl-P", "F1", "Space", ">"] {
        let parsed = match text {
            "↑" => Key::parse("up"),
            "PgDn" => Key::parse("pagedown"),
            other => Key::parse(other),
        };
        assert_eq!(parsed.map(|k| k.to_string()), Some(text.to_string()));
    }
    assert_eq!(Key::parse("ctrl+p"), Key::parse("Ctrl-P"));
    assert_eq!(Key::parse("nonsense"), None);
}

fn config(context: &str, pairs: &[(&str, &str)]) -> BTreeMap<String, BTreeMap<String, String>> {
    let actions = pairs.iter().map(|(a, k)| (a.to_string(), k.to_string())).collect();
    BTreeMap::from([(context.to_string(), actions)])
}

#[test]
fn a_screen_rebinds_an_action_the_app_does_anywhere_and_a_global_one_for_itself() {
    let map = Keymap::new(&config("pipeline", &[("log_visit", "L"), ("quick_note", "N")])).unwrap();
    let p = ScreenId::Pipeline;
    assert_eq!(map.action(p, &press(KeyCode::Char('L'), KeyModifiers::SHIFT)), Some(Action::LogVisit));
    assert_eq!(map.action(p, &press(KeyCode::Char('N'), KeyModifiers::SHIFT)), Some(Action::QuickNote));
    assert_eq!(map.action(p, &press(KeyCode::Char('n'), KeyModifiers::NONE)), None, "replaced on the pipeline");
    let today = ScreenId::Today;
    assert_eq!(map.action(today, &press(KeyCode::Char('n'), KeyModifiers::NONE)), Some(Action::QuickNote));
    assert_eq!(map.action(today, &press(KeyCode::Char('L'), KeyModifiers::SHIFT)), None);
}

#[test]
fn the_readme_rebinding_example_loads() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let after = readme.split("rebound in `config.toml`").nth(1).expect("the README's rebinding paragraph");
    let block = after.split("```toml").nth(1).and_then(|b| b.split("```").next()).expect("its toml block");
    let config: crate::config::Config = toml::from_str(block).unwrap();
    assert!(!config.keys.is_empty(), "the example binds keys: {block}");
    let map = Keymap::new(&config.keys).unwrap_or_else(|e| panic!("{}", I18n::new(Lang::En).localize(&e, Face::App)));
    for (context, actions) in &config.keys {
        let context = KeyContext::named(context).unwrap();
        for (action, keys) in actions {
            let first = Key::parse(keys.split_whitespace().next().unwrap()).unwrap();
            assert_eq!(map.key_for(context, Action::from_name(action).unwrap()), Some(first), "{action}");
        }
    }
}

#[test]
fn form_keys_rebind_for_every_form_or_for_one() {
    let ctrl = |c| press(KeyCode::Char(c), KeyModifiers::CONTROL);
    let map = Keymap::new(&config("form", &[("save", "ctrl-w")])).unwrap();
    for form in [ModalId::VisitForm, ModalId::CustomerForm, ModalId::Note] {
        assert_eq!(map.action(form, &ctrl('w')), Some(Action::Save));
        assert_eq!(map.action(form, &ctrl('s')), None);
    }
    let map = Keymap::new(&config("visit_form", &[("save", "ctrl-w"), ("suggest_purpose", "f5")])).unwrap();
    assert_eq!(map.action(ModalId::VisitForm, &ctrl('w')), Some(Action::Save));
    assert_eq!(map.action(ModalId::VisitForm, &press(KeyCode::F(5), KeyModifiers::NONE)), Some(Action::SuggestPurpose));
    assert_eq!(map.action(ModalId::CustomerForm, &ctrl('s')), Some(Action::Save), "other forms keep Ctrl-S");
}

#[test]
fn a_key_bound_twice_in_a_form_is_refused_naming_both() {
    let err = Keymap::new(&config("form", &[("save", "ctrl-t")])).unwrap_err();
    let expected = KeymapError::Duplicate {
        screen: "visit_form".into(),
        key: "Ctrl-T".into(),
        first: "plan_from_type".into(),
        second: "save".into(),
    };
    assert_eq!(err, expected, "the visit form's own Ctrl-T meets the shared save");
    let err = Keymap::new(&config("dialog", &[("yes", "n")])).unwrap_err();
    assert!(matches!(&err, KeymapError::Duplicate { screen, .. } if screen == "dialog"), "{err:?}");
    let err = Keymap::new(&config("checklist", &[("close", "ctrl-c")])).unwrap_err();
    let msg = I18n::new(Lang::En).localize(&err, Face::App);
    assert!(msg.contains("'quit'") && msg.contains("'close'") && msg.contains("[keys.checklist]"), "{msg}");
}

#[test]
fn an_unknown_action_is_refused_naming_the_valid_ones() {
    let err = Keymap::new(&config("visit_form", &[("fly", "f9")])).unwrap_err();
    let KeymapError::UnknownAction { valid, .. } = &err else { panic!("{err:?}") };
    for name in ["suggest_purpose", "playbook", "save", "next_field", "help"] {
        assert!(valid.split(", ").any(|v| v == name), "{name} in {valid}");
    }
    assert!(!valid.contains("won"), "a screen's action is not a form's: {valid}");
    let msg = I18n::new(Lang::ZhCn).localize(&err, Face::App);
    assert!(msg.contains("fly") && msg.contains("suggest_purpose"), "{msg}");
    let err = Keymap::new(&config("forms", &[("save", "ctrl-w")])).unwrap_err();
    assert!(I18n::new(Lang::En).localize(&err, Face::App).contains("visit_form"), "the valid names are listed");
}

#[test]
fn parents_have_no_parent_and_every_context_but_the_overlays_has_a_help_key() {
    let map = Keymap::defaults();
    for context in KeyContext::all() {
        assert_eq!(context.parent().and_then(KeyContext::parent), None, "{}", context.name());
        assert_eq!(KeyContext::named(context.name()), Some(context));
        let overlay = matches!(context, KeyContext::Modal(ModalId::Help | ModalId::Palette));
        assert_eq!(map.key_for(context, Action::Help).is_some(), !overlay, "{} and its help key", context.name());
    }
}
