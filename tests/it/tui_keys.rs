//! Every key from the keymap: a form key rebound in the config file works, shows in the form's
//! hint line and in its help (F2), in both languages; README's rebinding example works in the
//! app; a key bound twice is refused at start naming both actions.

use crate::common::Env;
use crate::tui_support::{app, app_with_keys, keys, render, type_text};
use fieldbook::i18n::Lang;
use fieldbook::store::{CustomerFilter, CustomerSort};
use fieldbook::tui::keymap::{KeyContext, ModalId};
use fieldbook::tui::overlay::Overlay;

/// The context of the help overlay, if one is open.
fn help_of(app: &fieldbook::tui::app::App) -> Option<KeyContext> {
    match app.overlay() {
        Some(Overlay::Help(help)) => Some(help.context()),
        _ => None,
    }
}

#[test]
fn save_rebound_to_ctrl_w_saves_and_shows_in_the_hints_and_in_help() {
    for (lang, save) in [(Lang::En, "Ctrl-W save"), (Lang::ZhCn, "Ctrl-W 保存")] {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app_with_keys(&dir, lang, "[keys.form]\nsave = \"ctrl-w\"\n");
        keys(&mut app, "3 f");
        type_text(&mut app, "Anna");
        keys(&mut app, "enter l");
        type_text(&mut app, "introduce the new paper grades");
        keys(&mut app, "tab");
        type_text(&mut app, "bring samples");
        keys(&mut app, "tab");
        type_text(&mut app, "a trial order");
        let screen = render(&app, 120, 40);
        assert!(screen.contains(save) && !screen.contains("Ctrl-S"), "the hint shows the new key: {screen}");

        keys(&mut app, "f2");
        assert_eq!(help_of(&app), Some(KeyContext::Modal(ModalId::VisitForm)), "F2 lists the form's keys");
        let help = render(&app, 120, 40);
        for text in ["Ctrl-W", "Ctrl-G", "Ctrl-T", "F1", "Ctrl-O", "Tab Enter ↓", "Esc"] {
            assert!(help.contains(text), "{text} in the help: {help}");
        }
        assert!(!help.contains("Ctrl-S"), "{help}");
        keys(&mut app, "x");
        assert!(help_of(&app).is_none(), "any other key closes the help");
        let form = app.modal().and_then(|m| m.visit_form()).expect("the form is still open under it");
        assert_eq!(form.text().expected_result, "a trial order", "the key that closed the help typed nothing");

        keys(&mut app, "ctrl-s");
        assert!(app.modal().is_some(), "Ctrl-S no longer saves");
        keys(&mut app, "ctrl-w");
        assert!(app.modal().is_none(), "saved with Ctrl-W: {:?}", app.toast());
        let filter = CustomerFilter { text: Some("Anna".into()), ..Default::default() };
        let anna = app.store().list_customers(&filter, CustomerSort::Name, 1, 0).unwrap()[0].id;
        assert_eq!(app.store().visits_of(anna, 10, 0).unwrap()[0].purpose, "introduce the new paper grades");
    }
}

#[test]
fn one_forms_keys_rebind_without_touching_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let config = "[keys.visit_form]\nsuggest_purpose = \"f5\"\n\n[keys.customer_form]\ncancel = \"ctrl-q\"\n";
    let mut app = app_with_keys(&dir, Lang::En, config);
    keys(&mut app, "3 l");
    let screen = render(&app, 120, 40);
    assert!(screen.contains("F5 suggest purpose") && !screen.contains("Ctrl-G"), "{screen}");
    keys(&mut app, "f5");
    let form = app.modal().and_then(|m| m.visit_form()).expect("the visit form");
    assert!(!form.text().purpose.is_empty(), "F5 suggested a purpose");
    keys(&mut app, "esc y");
    assert!(app.modal().is_none(), "Esc still cancels the visit form");
    keys(&mut app, "a");
    assert!(render(&app, 120, 40).contains("Ctrl-Q cancel"));
    keys(&mut app, "esc");
    assert!(app.modal().is_some(), "Esc no longer cancels the customer form");
    keys(&mut app, "ctrl-q");
    assert!(app.modal().is_none());
}

#[test]
fn a_character_in_a_text_field_is_text_even_when_bound() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_keys(&dir, Lang::En, "[keys.form]\nhelp = \"? f2\"\n");
    keys(&mut app, "n");
    type_text(&mut app, "why? ");
    assert!(help_of(&app).is_none(), "? typed into the note");
    keys(&mut app, "f2");
    assert_eq!(help_of(&app), Some(KeyContext::Modal(ModalId::Note)));
    let help = render(&app, 80, 24);
    assert!(help.contains("Keys — Note") && help.contains("Ctrl-S") && help.contains("save"), "{help}");
}

#[test]
fn help_in_the_dialogs_and_the_checklist_lists_their_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::ZhCn);
    keys(&mut app, "2 c ?");
    assert_eq!(help_of(&app), Some(KeyContext::Modal(ModalId::Checklist)));
    let help = render(&app, 120, 40);
    assert!(help.contains("按键：检查表") && help.contains("Space x Enter") && help.contains("勾选"), "{help}");
    keys(&mut app, "esc");
    assert!(app.modal().is_some(), "the key that closed the help left the checklist open");
    keys(&mut app, "esc 3 l");
    type_text(&mut app, "x");
    keys(&mut app, "esc f2");
    assert_eq!(help_of(&app), Some(KeyContext::Modal(ModalId::Dialog)), "the discard question's keys");
}

#[test]
fn dialog_and_checklist_keys_rebind() {
    let dir = tempfile::tempdir().unwrap();
    let config = "[keys.dialog]\nyes = \"j\"\n\n[keys.checklist]\ntick = \"t\"\nclose = \"esc\"\n";
    let mut app = app_with_keys(&dir, Lang::En, config);
    keys(&mut app, "2 c");
    let screen = render(&app, 120, 40);
    assert!(
        screen.contains("t tick / untick") && screen.contains("Esc close") && !screen.contains("Esc q"),
        "{screen}"
    );
    keys(&mut app, "space q");
    assert!(app.modal().is_some(), "neither Space nor q acts any more");
    keys(&mut app, "t esc");
    assert!(app.modal().is_none(), "ticked and closed: {:?}", app.toast());
    keys(&mut app, "3 l");
    type_text(&mut app, "half");
    keys(&mut app, "esc");
    assert!(render(&app, 120, 40).contains("j discard"));
    keys(&mut app, "y");
    assert!(app.modal().is_some(), "y is no longer yes");
    keys(&mut app, "j");
    assert!(app.modal().is_none(), "discarded with j");
}

#[test]
fn the_readme_example_log_visit_on_the_pipeline_opens_the_visit_form() {
    let dir = tempfile::tempdir().unwrap();
    let config = "[keys.pipeline]\nwon = \"W\"\nlog_visit = \"L\"\n";
    let mut app = app_with_keys(&dir, Lang::En, config);
    keys(&mut app, "2 L");
    let form = app.modal().and_then(|m| m.visit_form()).expect("L logs a visit on the pipeline");
    assert!(!form.target().customer_name.is_empty());
    keys(&mut app, "esc");
    assert!(render(&app, 120, 40).contains("W won"), "the hint bar shows the new key");
}

#[test]
fn a_key_bound_twice_is_refused_at_start_naming_both() {
    let env = Env::new();
    let config = env.dir.path().join("config").join("config.toml");
    std::fs::write(&config, "[keys.visit_form]\nplaybook = \"ctrl-s\"\n").unwrap();
    let out = env.cmd().output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("[keys.visit_form]") && err.contains("'save'") && err.contains("'playbook'"), "{err}");

    std::fs::write(&config, "[keys.form]\nfly = \"f9\"\n").unwrap();
    let out = env.cmd().output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("'fly'") && err.contains("save") && err.contains("next_field"), "{err}");
}

#[test]
fn the_text_boxes_of_search_and_the_filters_take_their_keys_from_the_keymap() {
    let dir = tempfile::tempdir().unwrap();
    let config = "[keys.search]\nclear = \"ctrl-k\"\n\n[keys.filter_box]\nsubmit = \"tab\"\n";
    let mut app = app_with_keys(&dir, Lang::En, config);
    keys(&mut app, "/");
    type_text(&mut app, "Anna");
    assert!(render(&app, 80, 24).contains("Ctrl-K clear"));
    let hits = |app: &fieldbook::tui::app::App| match app.screen() {
        Some(fieldbook::tui::screens::Screen::Search(s)) => s.hits().len(),
        _ => panic!("not on the search screen"),
    };
    assert!(hits(&app) > 0);
    keys(&mut app, "ctrl-u");
    assert!(hits(&app) > 0, "Ctrl-U no longer clears");
    keys(&mut app, "ctrl-k");
    assert_eq!(hits(&app), 0, "Ctrl-K cleared the query");

    keys(&mut app, "esc 3 f");
    type_text(&mut app, "Li Na");
    assert!(render(&app, 80, 24).contains("Tab keep the filter"));
    keys(&mut app, "f2");
    assert_eq!(help_of(&app), Some(KeyContext::Modal(ModalId::FilterBox)));
    keys(&mut app, "esc tab");
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("filter: Li Na") && screen.contains("f filter"),
        "kept, and the screen's keys are back: {screen}"
    );
}

#[test]
fn the_palette_and_the_list_of_keys_take_their_keys_from_the_keymap() {
    let dir = tempfile::tempdir().unwrap();
    let config = "[keys.palette]\ncancel = \"ctrl-q\"\n\n[keys.help]\ndown = \"space\"\n";
    let mut app = app_with_keys(&dir, Lang::En, config);
    keys(&mut app, ":");
    type_text(&mut app, "q");
    keys(&mut app, "esc");
    assert!(matches!(app.overlay(), Some(Overlay::Palette(_))), "Esc no longer closes the palette");
    keys(&mut app, "ctrl-q");
    assert!(app.overlay().is_none());
    assert!(!app.should_quit(), "the q typed into the palette ran nothing");
    keys(&mut app, "? space");
    assert!(help_of(&app).is_some(), "Space scrolls the list of keys");
    keys(&mut app, "j");
    assert!(help_of(&app).is_none(), "j is no longer bound there: it closes the list");
}

#[test]
fn help_taller_than_the_screen_says_there_is_more_and_scrolls_to_its_end() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    keys(&mut app, "3 enter ?");
    let top = render(&app, 80, 24);
    assert!(top.contains("Keys — Customer") && top.contains("↓ j more"), "{top}");
    assert!(!top.contains("any other key closes this") && !top.contains("back up"), "{top}");
    for _ in 0..60 {
        keys(&mut app, "j");
    }
    let end = render(&app, 80, 24);
    assert!(end.contains("any other key closes this") && end.contains("↑ k back up"), "{end}");
    assert!(!end.contains("more"), "nothing below the end: {end}");
    keys(&mut app, "k");
    let back = render(&app, 80, 24);
    assert!(back.contains("↓ j more") && !back.contains("any other key closes this"), "one line back up: {back}");
    assert!(!render(&app, 120, 60).contains("more"), "all of it fits on a tall screen");
}
