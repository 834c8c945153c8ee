//! The visit form's Ctrl-G suggestions and its F1 playbook page come from the user's playbook
//! file when there is one (the app is given its config directory; nothing global changes).

use crate::tui_support;

use fieldbook::i18n::Lang;
use tui_support::{app_with_config, keys, render, seed};

const CUSTOM: &str = "Custom purpose from my own playbook";

#[test]
fn ctrl_g_and_f1_use_the_users_playbook_file() {
    let config = tempfile::tempdir().unwrap();
    let builtin = include_str!("../../assets/playbook/en.toml");
    let custom = builtin.replace("purposes = [", &format!("purposes = [\n    \"{CUSTOM}\","));
    std::fs::write(config.path().join("playbook.en.toml"), custom).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fieldbook.db");
    seed(&db);
    let mut app = app_with_config(&db, Lang::En, config.path());
    keys(&mut app, "3 l ctrl-g");
    let form = app.modal().and_then(|m| m.visit_form()).expect("the visit form opens");
    assert_eq!(form.text().purpose, CUSTOM);
    keys(&mut app, "f1");
    assert!(render(&app, 120, 40).contains(CUSTOM), "the playbook page shows the user's purposes");
}
