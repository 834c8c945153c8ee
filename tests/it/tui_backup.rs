//! Today's automatic backup runs beside the app: a failure is shown on the message line in the
//! user's language, a success stays quiet, and nothing else changes.

use crate::tui_support;

use fieldbook::i18n::Lang;
use fieldbook::store::transfer::backup::daily_backup;
use tui_support::{app, day, render};

/// A plain file where the `backups/` folder should be makes the backup fail.
fn blocked_backup(dir: &tempfile::TempDir) -> fieldbook::store::transfer::DataResult<Option<std::path::PathBuf>> {
    std::fs::write(dir.path().join("backups"), b"not a folder").unwrap();
    daily_backup(&dir.path().join("fieldbook.db"), 7, day("2031-05-06"))
}

#[test]
fn a_failed_backup_is_shown_and_the_app_carries_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    let result = blocked_backup(&dir);
    assert!(result.is_err(), "the backup should fail when backups/ is a file");
    app.backup_finished(result);
    let toast = app.toast().expect("a message about the failed backup");
    assert!(toast.is_error);
    assert!(toast.text.starts_with("Automatic backup:"), "{}", toast.text);
    assert!(toast.text.contains("fieldbook backup"), "{}", toast.text);
    assert!(render(&app, 120, 40).contains("Automatic backup:"));
    assert!(!app.should_quit());
}

#[test]
fn the_failure_reads_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::ZhCn);
    app.backup_finished(blocked_backup(&dir));
    let toast = app.toast().expect("a message about the failed backup");
    assert!(toast.text.starts_with("自动备份："), "{}", toast.text);
}

#[test]
fn a_good_backup_stays_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir, Lang::En);
    let made = daily_backup(&dir.path().join("fieldbook.db"), 7, day("2031-05-06"));
    assert!(matches!(made, Ok(Some(_))), "{made:?}");
    app.backup_finished(made);
    assert!(app.toast().is_none());
}
