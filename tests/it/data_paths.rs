//! Small repairs of the data paths (issue 12): `restore` through a symbolic link replaces the
//! database the link leads to, not the link; `import --batches --format json` is JSON; a read
//! pointed at a path with no database creates nothing.

use crate::common::Env;

#[cfg(unix)]
#[test]
fn restore_through_a_symlinked_db_replaces_the_target_and_keeps_the_link() {
    let env = Env::new();
    let synced = env.dir.path().join("synced");
    std::fs::create_dir(&synced).unwrap();
    let real = synced.join("real.db");
    let link = env.dir.path().join("link.db");
    env.bare().arg("--db").arg(&real).args(["add", "王伟"]).assert().success();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let on_link = |args: &[&str]| {
        let out = env.bare().arg("--db").arg(&link).arg("--today").arg("2031-05-06").args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let backup = env.dir.path().join("before.db");
    on_link(&["backup", "--out", backup.to_str().unwrap()]);
    on_link(&["add", "Added Later"]);
    on_link(&["restore", backup.to_str().unwrap()]);
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is still a link");
    assert_eq!(std::fs::read_link(&link).unwrap(), real);
    let list = on_link(&["list"]);
    assert!(list.contains("王伟") && !list.contains("Added Later"), "{list}");
    let aside = std::fs::read_dir(&synced)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with("real.db.before-restore-"))
        .count();
    assert_eq!(aside, 1, "the replaced database is kept beside the target");
}

#[test]
fn import_batches_as_json() {
    let env = Env::new();
    let csv = env.dir.path().join("people.csv");
    std::fs::write(&csv, "name,phone\nAnn Lee,555 0101\n").unwrap();
    env.ok(&["import", csv.to_str().unwrap()]);
    let batches = env.json(&["import", "--batches", "--format", "json"]);
    let first = &batches.as_array().unwrap()[0];
    assert_eq!(
        (first["id"].as_i64(), first["format"].as_str(), first["added"].as_i64()),
        (Some(1), Some("csv"), Some(1))
    );
    assert!(first["source"].as_str().unwrap().ends_with("people.csv"));
    assert!(env.ok(&["import", "--batches"]).starts_with("#1  "), "text by default");
}

#[test]
fn a_read_on_a_path_with_no_database_creates_nothing_and_says_what_to_check() {
    let env = Env::new();
    let typo = env.dir.path().join("Dropbx").join("fieldbook.db");
    for (lang, said) in [("en", "there is no database at"), ("zh-CN", "没有数据库，未创建任何文件")] {
        for args in [&["list"][..], &["today"], &["report"], &["search", "王"], &["check"], &["export"]] {
            let out = env.bare().args(["--lang", lang, "--db"]).arg(&typo).args(args).output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
            assert!(err.contains(said) && err.contains("--db"), "{args:?}: {err}");
        }
    }
    assert!(!typo.parent().unwrap().exists(), "no folder made for the mistyped path");
    // A command that starts a database says where it did.
    let out = env.bare().arg("--db").arg(&env.db).args(["add", "王伟"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && err.contains(&format!("Started a new database at {}", env.db.display())), "{err}");
    let again = env.bare().arg("--db").arg(&env.db).args(["add", "李娜"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&again.stderr).contains("new database"), "said once, when it is new");
}

#[test]
fn db_pointed_at_a_folder_names_the_file_it_wants() {
    let env = Env::new();
    let folder = env.dir.path().join("data");
    std::fs::create_dir(&folder).unwrap();
    for args in [&["list"][..], &["add", "王伟"][..]] {
        let out = env.bare().arg("--db").arg(&folder).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("is a folder") && err.contains(&*folder.join("fieldbook.db").to_string_lossy()), "{err}");
    }
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0, "nothing written into the folder");
}
