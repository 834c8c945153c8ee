//! A hand-edited export is checked as the app will read it (issue 12): a cadence beyond what
//! the forms allow or beyond any integer, a date that is not a date, an id the search index
//! cannot hold are refused with their row, nothing imported; control characters in a name
//! become spaces as in the forms; `check` names such rows in a database that already holds them.

use crate::common::Env;

/// An export of two customers with `change` applied to the second customer row.
fn edited_export(env: &Env, change: impl Fn(&mut serde_json::Value)) -> std::path::PathBuf {
    let source = Env::new();
    source.add("王伟", &["--phone", "138 0000 1111"]);
    source.add("Anna", &[]);
    let mut doc: serde_json::Value = serde_json::from_str(&source.ok(&["export"])).unwrap();
    change(&mut doc["tables"]["customer"][1]);
    let path = env.dir.path().join("edited.json");
    std::fs::write(&path, doc.to_string()).unwrap();
    path
}

#[test]
fn values_the_app_cannot_read_are_refused_with_their_row() {
    for (column, value, said) in [
        ("cadence_days", serde_json::json!(4294967296_i64), "cadence_days: 4294967296 is out of range"),
        ("cadence_days", serde_json::json!(5000), "cadence_days: 5000 is out of range"),
        ("cadence_days", serde_json::json!(1e300), "cadence_days: a Real where the app reads another type"),
        ("last_contact_on", serde_json::json!("not a date"), "last_contact_on: bad date 'not a date'"),
        ("id", serde_json::json!(9223372036854775807_i64), "id 9223372036854775807 is out of range"),
    ] {
        let env = Env::new();
        let file = edited_export(&env, |row| row[column] = value.clone());
        let err = env.fails(&["import", file.to_str().unwrap()]);
        assert!(err.contains("a bad row in 'customer' (row 2: ") && err.contains(said), "{column}: {err}");
        assert!(err.contains("nothing was imported"), "{err}");
        if column == "id" {
            continue; // renumbered into a database in use: any id is fine there
        }
        // Into a database that has customers (ids renumbered), the same.
        env.add("Existing", &[]);
        let err = env.fails(&["import", file.to_str().unwrap()]);
        assert!(err.contains(said), "{column} into a database in use: {err}");
        assert_eq!(env.ok(&["list"]).lines().filter(|l| l.contains("Anna")).count(), 0, "nothing was imported");
    }
}

#[test]
fn control_characters_in_a_name_become_spaces_as_in_the_forms() {
    let env = Env::new();
    let file = edited_export(&env, |row| row["name"] = "Evil\u{1b}]52;c;aGk=\u{7}Name".into());
    env.ok(&["import", file.to_str().unwrap()]);
    let shown = env.json(&["show", "2", "--format", "json"]);
    assert_eq!(shown["customer"]["name"], "Evil ]52;c;aGk= Name", "{shown}");
}

#[test]
fn check_names_the_rows_the_app_cannot_read() {
    let env = Env::new();
    env.add("王伟", &[]);
    env.add("Anna", &[]);
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.execute_batch(
            "UPDATE customer SET cadence_days = 4294967296 WHERE id = 1;
             UPDATE customer SET last_contact_on = 'soon' WHERE id = 2;",
        )
        .unwrap();
    }
    let out = env.cmd().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("customer row 1 cannot be read by the app (cadence_days: 4294967296 is out of range)"),
        "{text}"
    );
    assert!(text.contains("customer row 2 cannot be read by the app (last_contact_on: bad date 'soon')"), "{text}");
    let zh = env.cmd().args(["--lang", "zh-CN", "check"]).output().unwrap();
    assert!(String::from_utf8(zh.stdout).unwrap().contains("customer 表第 1 行无法被程序读取"));
}
