//! Shared helpers for the command-line tests: the real binary on a temporary database, with a
//! fixed date, English, and a private config directory (the developer's setup never leaks in).
//!
//! Use from a test file with `mod common;` then `let env = common::Env::new();`
//! `env.cmd().args(["add", "王伟"]).assert().success();`.

#![allow(dead_code)] // each test file uses a different part

use std::path::PathBuf;

use assert_cmd::Command;

/// The date every test pretends is today (a Tuesday).
pub const TODAY: &str = "2031-05-06";

/// A temporary directory holding the database and the config directory.
pub struct Env {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Env {
    /// A fresh, empty environment (the database is created by the first command).
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("fieldbook.db");
        std::fs::create_dir_all(dir.path().join("config")).expect("config dir");
        Self { dir, db }
    }

    /// A fresh environment whose database is there and empty (a read on a path with no
    /// database is refused).
    pub fn empty() -> Self {
        let env = Self::new();
        let today = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").expect("test date");
        fieldbook::store::Store::open(&env.db, fieldbook::clock::Clock::Fixed(today)).expect("empty database");
        env
    }

    /// `fieldbook --db <temp db> --today 2031-05-06` with `LANG=C` and a private config dir.
    pub fn cmd(&self) -> Command {
        let mut cmd = self.bare();
        cmd.arg("--db").arg(&self.db).arg("--today").arg(TODAY);
        cmd
    }

    /// The binary with the clean environment but no `--db` / `--today`.
    pub fn bare(&self) -> Command {
        let mut cmd = Command::cargo_bin("fieldbook").expect("fieldbook binary");
        cmd.env("FIELDBOOK_CONFIG_DIR", self.dir.path().join("config"))
            .env("LANG", "C")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("FIELDBOOK_DB");
        cmd
    }

    /// Runs `args`, asserts success, returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("run fieldbook");
        assert!(out.status.success(), "fieldbook {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    /// Runs `args`, asserts failure (exit code 1), returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("run fieldbook");
        assert_eq!(
            out.status.code(),
            Some(1),
            "fieldbook {args:?} should fail; stdout: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stderr).expect("utf-8 errors")
    }

    /// Runs `args` and parses stdout as JSON (pass `--format json` in `args`).
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).expect("JSON output")
    }

    /// Adds a customer and returns its id.
    pub fn add(&self, name: &str, extra: &[&str]) -> i64 {
        let mut args = vec!["add", name];
        args.extend_from_slice(extra);
        self.ok(&args).trim().parse().expect("add prints the id")
    }

    /// The database file's bytes (to prove a failed command wrote nothing).
    pub fn db_bytes(&self) -> Vec<u8> {
        std::fs::read(&self.db).unwrap_or_default()
    }
}

/// Adds an account (`name`, `nickname`, `company`, a phone made from `value`) with a first deal
/// at `stage` worth `value` minor units; its id.
pub fn add_account(
    s: &mut fieldbook::store::Store,
    name: &str,
    nickname: &str,
    company: &str,
    stage: fieldbook::domain::Step,
    value: i64,
) -> i64 {
    let c = fieldbook::domain::NewCustomer {
        name: name.into(),
        nickname: nickname.into(),
        company: company.into(),
        phone: format!("138 0000 {value:04}"),
        ..Default::default()
    };
    s.add_customer(c, fieldbook::store::NewDeal { stage, value_minor: Some(value), ..Default::default() }).unwrap()
}
