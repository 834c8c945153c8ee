//! `import` reads ordinary files only: a device (`/dev/zero`, `/dev/urandom`), a pipe or a
//! folder is refused at once, before anything grows or waits, and nothing is written.

#![cfg(unix)]

use std::time::Duration;

use crate::common::Env;

#[test]
fn devices_pipes_and_folders_are_refused_at_once() {
    let env = Env::new();
    let fifo = env.dir.path().join("contacts.vcf");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let folder = env.dir.path().join("config");
    for (file, format) in [
        ("/dev/zero", "json"),
        ("/dev/urandom", "csv"),
        (fifo.to_str().unwrap(), "vcard"),
        (folder.to_str().unwrap(), "csv"),
    ] {
        let out =
            env.cmd().args(["import", file, "--format", format]).timeout(Duration::from_secs(20)).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{file} is refused, not read forever");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("is not an ordinary file") && err.contains("nothing was imported"), "{file}: {err}");
    }
    let zh = env.cmd().args(["--lang", "zh-CN", "import", "/dev/zero"]).output().unwrap();
    assert!(String::from_utf8(zh.stderr).unwrap().contains("不是普通文件"));
    assert!(!env.db.exists(), "nothing was written");
}
