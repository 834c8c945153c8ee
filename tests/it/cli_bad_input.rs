//! Bad input: each case exits non-zero with a message that says what to do, writes nothing,
//! and never panics. Also two processes writing at once.

use crate::common;

use common::Env;

/// Everything a customer's `show` prints as JSON, to prove a failed command changed nothing.
fn snapshot(env: &Env, id: i64) -> serde_json::Value {
    env.json(&["show", &id.to_string(), "--format", "json"])
}

fn assert_clean(err: &str) {
    assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
}

#[test]
fn unknown_step_lists_the_valid_ones() {
    let env = Env::new();
    let id = env.add("王伟", &[]);
    let before = snapshot(&env, id);
    for args in [vec!["move", "1", "negotiation"], vec!["add", "Bob", "--stage", "won"], vec!["list", "--stage", "x"]] {
        let err = env.fails(&args);
        assert_clean(&err);
        assert!(err.contains("preparation, approach, survey, presentation, close"), "{args:?}: {err}");
    }
    let zh = env.fails(&["--lang", "zh-CN", "move", "1", "谈判"]);
    assert!(zh.starts_with("错误：") && zh.contains("谈判") && zh.contains("准备、接近、调查、展示、成交"), "{zh}");
    assert_eq!(snapshot(&env, id), before);
    assert_eq!(env.json(&["list", "--format", "json"]).as_array().unwrap().len(), 1, "Bob was not added");
}

#[test]
fn bad_dates_list_the_accepted_forms() {
    let env = Env::new();
    let id = env.add("王伟", &[]);
    let before = snapshot(&env, id);
    let cases: Vec<Vec<&str>> = vec![
        vec!["plan", "1", "--at", "next thursday-ish", "--purpose", "p", "--plan", "a", "--expect", "e"],
        vec!["plan", "1", "--at", "2031-02-30", "--purpose", "p", "--plan", "a", "--expect", "e"],
        vec!["visit", "1", "--at", "25:00", "--purpose", "p", "--plan", "a", "--expect", "e"],
        vec!["visit", "1", "--purpose", "p", "--plan", "a", "--expect", "e", "--next", "soonish"],
        vec!["today", "--date", "yesterday-ish"],
    ];
    for args in cases {
        let err = env.fails(&args);
        assert_clean(&err);
        assert!(err.contains("2031-05-12") && err.contains("tomorrow") && err.contains("fri 3pm"), "{args:?}: {err}");
    }
    let zh = env.fails(&[
        "--lang",
        "zh-CN",
        "plan",
        "1",
        "--at",
        "下周八",
        "--purpose",
        "p",
        "--plan",
        "a",
        "--expect",
        "e",
    ]);
    assert_clean(&zh);
    assert!(
        zh.contains("“下周八”") && zh.contains("5月12日") && zh.contains("下周一") && zh.contains("下午3点半"),
        "{zh}"
    );
    let out = env.bare().arg("--db").arg(&env.db).args(["--today", "2031-13-01", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("'2031-13-01'") && err.contains("may 12"), "{err}");
    assert_eq!(snapshot(&env, id), before);
}

#[test]
fn visit_and_plan_name_the_missing_core_field() {
    let env = Env::new();
    let id = env.add("王伟", &[]);
    let before = snapshot(&env, id);
    let full = ["--purpose", "confirm budget", "--plan", "bring price list", "--expect", "budget range"];
    for (skip, field, zh) in
        [(0, "purpose", "拜访目的"), (2, "action plan", "行动计划"), (4, "expected result", "预期结果")]
    {
        let mut rest: Vec<&str> = full.to_vec();
        rest.drain(skip..skip + 2);
        for cmd in ["plan", "visit"] {
            let mut args = vec![cmd, "1", "--at", "tomorrow 10:00"];
            args.extend(&rest);
            let err = env.fails(&args);
            assert_clean(&err);
            // The command line names the option that gives it.
            let option = full[skip];
            assert!(err.contains(&format!("the {field} is required: give it with {option}")), "{args:?}: {err}");
            let mut zh_args = vec!["--lang", "zh-CN"];
            zh_args.extend(&args);
            let err = env.fails(&zh_args);
            assert!(err.starts_with("错误：") && err.contains(&format!("请用 {option} 填写{zh}")), "{err}");
        }
    }
    let blank = env.fails(&["visit", "1", "--purpose", "  ", "--plan", "a", "--expect", "e"]);
    assert!(blank.contains("the purpose is required"), "{blank}");
    let no_time = env.fails(&["plan", "1", "--purpose", "p", "--plan", "a", "--expect", "e"]);
    assert!(no_time.contains("when"), "{no_time}");
    assert_eq!(snapshot(&env, id), before);
}

#[test]
fn unknown_ids_are_refused() {
    let env = Env::new();
    env.add("王伟", &[]);
    let cases: Vec<Vec<&str>> = vec![
        vec!["show", "77"],
        vec!["move", "77", "survey"],
        vec!["won", "77"],
        vec!["lost", "77", "--reason", "price"],
        vec!["plan", "77", "--at", "tomorrow", "--purpose", "p", "--plan", "a", "--expect", "e"],
        vec!["visit", "77", "--purpose", "p", "--plan", "a", "--expect", "e"],
        vec!["note", "77", "hello"],
        vec!["fact", "77", "--category", "basic", "--label", "l", "--value", "v"],
    ];
    for args in cases {
        let err = env.fails(&args);
        assert_clean(&err);
        assert!(err.contains("77") && err.contains("fieldbook"), "{args:?}: {err}");
    }
    let json = env.json(&["today", "--format", "json"]);
    assert!(json["appointments"].as_array().unwrap().is_empty());
    assert!(json["missing_results"].as_array().unwrap().is_empty());
}

#[test]
fn a_file_that_is_not_a_database_is_left_byte_for_byte() {
    let env = Env::new();
    let path = env.dir.path().join("shopping.txt");
    let content = b"eggs\nmilk\n\xe5\x8d\x87\x00binary tail".repeat(50);
    std::fs::write(&path, &content).unwrap();
    for args in [vec!["list"], vec!["add", "Bob"], vec!["today"], vec!["check"]] {
        let out = env.bare().arg("--db").arg(&path).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_clean(&err);
        assert!(err.contains("not a Fieldbook database") && err.contains("--db"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), content, "{args:?} changed the file");
    }
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    assert!(!std::path::Path::new(&wal).exists());
}

#[test]
fn a_database_from_a_newer_fieldbook_is_refused_untouched() {
    let env = Env::new();
    env.add("王伟", &[]);
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = env.db_bytes();
    let err = env.fails(&["add", "Bob"]);
    assert_clean(&err);
    assert!(err.contains("newer Fieldbook") && err.contains("999"), "{err}");
    let zh = env.fails(&["--lang", "zh-CN", "list"]);
    assert!(zh.starts_with("错误："), "{zh}");
    assert_eq!(env.db_bytes(), before);
}

#[test]
fn a_broken_config_file_is_named() {
    let env = Env::new();
    std::fs::write(env.dir.path().join("config/config.toml"), "lang = [oops\n").unwrap();
    let err = env.fails(&["list"]);
    assert_clean(&err);
    assert!(err.contains("config") && err.contains("config.toml"), "{err}");
}

#[test]
fn two_processes_writing_at_once_both_succeed() {
    let env = Env::empty();
    env.ok(&["list"]); // create the database first, as a rep's machine has it
    let workers: Vec<_> = ["A", "B"]
        .into_iter()
        .map(|tag| {
            let mut cmds: Vec<assert_cmd::Command> = Vec::new();
            for n in 0..20 {
                let mut cmd = env.cmd();
                cmd.args([
                    "add",
                    &format!("{tag}{n}"),
                    "--phone",
                    &format!("{}{n:03}", if tag == "A" { 1 } else { 2 }),
                ]);
                cmds.push(cmd);
            }
            std::thread::spawn(move || cmds.into_iter().map(|mut c| c.output().unwrap()).collect::<Vec<_>>())
        })
        .collect();
    for worker in workers {
        for out in worker.join().unwrap() {
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        }
    }
    let all = env.json(&["list", "--limit", "100", "--format", "json"]);
    assert_eq!(all.as_array().unwrap().len(), 40);
    assert!(env.ok(&["check"]).starts_with("OK"));
}

#[test]
fn usage_mistakes_exit_2_with_a_message_in_the_users_language() {
    let env = Env::new();
    let id = env.add("王伟", &[]);
    let before = snapshot(&env, id);
    let stderr_of = |args: &[&str]| {
        let out = env.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        String::from_utf8(out.stderr).unwrap()
    };
    let en = stderr_of(&["visit", "edit", "abc"]);
    assert!(en.starts_with("error: 'abc' is not a valid <ID>: it must be a number"), "{en}");
    assert!(en.contains("fieldbook --help"), "{en}");
    let zh = stderr_of(&["--lang", "zh-CN", "move", "1"]);
    assert!(zh.starts_with("错误：缺少 <步骤>") && zh.contains("用法：fieldbook move [选项] <客户> <步骤>"), "{zh}");
    let zh = stderr_of(&["--lang", "zh-CN", "list", "--limit"]);
    assert!(zh.starts_with("错误：--limit 后面要写条数"), "{zh}");
    let zh = stderr_of(&["visit", "1", "--lang=zh-CN", "--bogus"]);
    assert!(zh.contains("--bogus") && !zh.contains("panicked"), "{zh}");
    assert_eq!(snapshot(&env, id), before);
}
