//! A database the user made read-only (mode 0444) is opened for reading only: reads work,
//! every write is refused with what to do, and the file keeps its bytes and its mode (no
//! chmod, no -wal or -shm). The app says so in its header and on its message line.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use fieldbook::i18n::Lang;

use crate::common::Env;
use crate::tui_support;

fn make_read_only(path: &Path) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o444)).unwrap();
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn reads_work_and_writes_are_refused_leaving_the_file_as_it_was() {
    let env = Env::new();
    env.add("王伟", &["--company", "深圳医疗器械"]);
    make_read_only(&env.db);
    let before = env.db_bytes();
    let files = names(env.dir.path());
    assert!(env.ok(&["list"]).contains("王伟"));
    assert!(env.ok(&["show", "1"]).contains("深圳医疗器械"));
    assert!(env.ok(&["export"]).contains("\"schema_version\""));
    env.ok(&["today"]);
    let card = env.dir.path().join("c.vcf");
    std::fs::write(&card, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEND:VCARD\r\n").unwrap();
    for args in [&["add", "Li Na"][..], &["note", "1", "likes tea"], &["import", card.to_str().unwrap()]] {
        let err = env.fails(args);
        assert!(err.contains("read-only") && err.contains("chmod u+w"), "{args:?}: {err}");
    }
    let zh = env.cmd().args(["--lang", "zh-CN", "add", "Li Na"]).output().unwrap();
    assert!(String::from_utf8(zh.stderr).unwrap().contains("只读"));
    assert_eq!(env.db_bytes(), before, "byte-identical");
    assert_eq!(mode(&env.db), 0o444, "never chmod-ed");
    let mut expected = files;
    expected.retain(|n| n != "c.vcf");
    let mut now = names(env.dir.path());
    now.retain(|n| n != "c.vcf");
    assert_eq!(now, expected, "no -wal, -shm or backup appeared");
}

#[test]
fn a_read_only_database_that_needs_upgrading_is_refused_untouched() {
    let env = Env::new();
    std::fs::copy(format!("{}/tests/fixtures/db/v7.db", env!("CARGO_MANIFEST_DIR")), &env.db).unwrap();
    make_read_only(&env.db);
    let before = env.db_bytes();
    let err = env.fails(&["list"]);
    assert!(err.contains("is read-only, and Fieldbook must write to it") && err.contains("chmod u+w"), "{err}");
    assert_eq!(env.db_bytes(), before);
    assert!(!env.dir.path().join("backups").exists(), "not even the upgrade backup");
}

#[test]
fn the_app_says_it_is_read_only_and_refuses_to_save() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fieldbook.db");
    tui_support::seed(&db);
    make_read_only(&db);
    let mut app = tui_support::app_on(&db, Lang::En);
    assert!(app.toast().unwrap().text.starts_with("Read-only:"));
    let screen = tui_support::render(&app, 80, 24);
    assert!(screen.lines().next().unwrap().contains("READ-ONLY"), "{screen}");
    tui_support::keys(&mut app, "n");
    tui_support::type_text(&mut app, "a thought");
    tui_support::keys(&mut app, "ctrl-s");
    let form = tui_support::render(&app, 120, 40);
    assert!(form.contains("The database is read-only (file permissions): nothing was saved"), "{form}");
    assert_eq!(mode(&db), 0o444);
}
