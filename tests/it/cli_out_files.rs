//! `--out` of export, handover and backup: never the database (by any name), never a device,
//! folder or pipe, and an existing file only with `--force`; refused in the user's language.

use crate::common;

use common::Env;

fn seeded() -> Env {
    let env = Env::new();
    env.add("王伟", &["--company", "深圳医疗器械"]);
    env
}

fn path(env: &Env, name: &str) -> String {
    env.dir.path().join(name).to_str().unwrap().to_string()
}

#[test]
fn the_database_is_never_an_out_file_by_any_name() {
    let env = seeded();
    let before = env.db_bytes();
    let roundabout = env.dir.path().join("config/../fieldbook.db");
    let wal = path(&env, "fieldbook.db-wal");
    for out in [env.db.to_str().unwrap(), roundabout.to_str().unwrap(), &wal] {
        for args in [
            vec!["export", "--out", out, "--force"],
            vec!["export", "--format", "csv", "--out", out, "--force"],
            vec!["backup", "--out", out, "--force"],
            vec!["handover", "1", "--out", out, "--force"],
        ] {
            let err = env.fails(&args);
            assert!(err.contains("is the database itself") && err.contains("Choose another file name"), "{err}");
        }
    }
    #[cfg(unix)]
    {
        let link = path(&env, "link.db");
        std::os::unix::fs::symlink(&env.db, &link).unwrap();
        assert!(env.fails(&["export", "--out", &link, "--force"]).contains("is the database itself"));
    }
    assert_eq!(env.db_bytes(), before, "the database is byte-identical");
    assert!(env.ok(&["list"]).contains("王伟"), "and still opens");
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let env = seeded();
    let thesis = path(&env, "thesis.txt");
    std::fs::write(&thesis, "years of work").unwrap();
    for args in [["backup", "--out", &thesis], ["export", "--out", &thesis]] {
        let err = env.fails(&args);
        assert!(err.contains("already exists") && err.contains("--force"), "{err}");
    }
    assert!(env.fails(&["handover", "1", "--out", &thesis]).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&thesis).unwrap(), "years of work");
    env.ok(&["export", "--out", &thesis, "--force"]);
    assert!(std::fs::read_to_string(&thesis).unwrap().contains("\"schema_version\""));
    let err = env.cmd().args(["--lang", "zh-CN", "export", "--out", &thesis]).output().unwrap();
    let err = String::from_utf8(err.stderr).unwrap();
    assert!(err.contains("已存在") && err.contains("--force"), "{err}");
}

#[cfg(unix)]
#[test]
fn devices_folders_and_pipes_are_refused_even_with_force() {
    let env = seeded();
    let fifo = path(&env, "pipe");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let folder = path(&env, "config");
    for out in ["/dev/null", &fifo, &folder] {
        let err = env.fails(&["backup", "--out", out, "--force"]);
        assert!(err.contains("not an ordinary file"), "{out}: {err}");
        assert!(env.fails(&["export", "--out", out, "--force"]).contains("not an ordinary file"));
    }
    assert!(std::fs::read_dir(&folder).is_ok(), "the folder is still a folder");
}
