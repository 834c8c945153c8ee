//! `export`, `import`, `handover`, `backup`, `restore`: the real binary on temporary files.

use crate::common;

use common::Env;

fn fixture(path: &str) -> String {
    format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn seeded() -> Env {
    let env = Env::new();
    env.add("王伟", &["--company", "深圳医疗器械", "--phone", "13800138000", "--stage", "survey", "--value", "80万"]);
    env.add("Anna Berg", &["--email", "anna@berg.example"]);
    env
}

#[test]
fn export_to_file_import_elsewhere_export_again_is_identical() {
    let env = seeded();
    let out = env.dir.path().join("all.json");
    env.ok(&["export", "--out", out.to_str().unwrap()]);
    #[cfg(unix)]
    assert_eq!(mode(&out), 0o600);
    let other = Env::new();
    let report = other.ok(&["import", out.to_str().unwrap()]);
    assert!(report.contains("added 2, merged 0, skipped 0, rejected 0"), "{report}");
    assert_eq!(other.ok(&["export"]), std::fs::read_to_string(&out).unwrap());
    let again = other.ok(&["import", out.to_str().unwrap()]);
    assert!(again.contains("added 0, merged 0, skipped 2"), "re-import adds no duplicates: {again}");
    assert!(again.contains("Nothing new") && !again.contains("import batch 2"), "{again}");
}

#[test]
fn csv_export_with_bom_for_excel() {
    let env = seeded();
    let out = env.cmd().args(["export", "--format", "csv", "--bom"]).output().unwrap();
    assert!(out.stdout.starts_with("\u{feff}id,name,".as_bytes()));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("王伟,,深圳医疗器械") && text.contains("survey,800000.00"), "{text}");
    let visits = env.ok(&["export", "--format", "csv", "--what", "visits"]);
    assert!(visits.starts_with("id,customer_id,customer,company,channel"), "{visits}");
}

#[test]
fn bad_files_are_refused_and_write_nothing() {
    let env = Env::new();
    let dir = env.dir.path();
    let cut = dir.join("cut.json");
    let good = seeded();
    let full = good.ok(&["export"]);
    std::fs::write(&cut, &full[..full.len() / 2]).unwrap();
    let err = env.fails(&["import", cut.to_str().unwrap()]);
    assert!(err.contains("cut short"), "{err}");
    let foreign = dir.join("x.json");
    std::fs::write(&foreign, "{\"hello\": 1}").unwrap();
    assert!(env.fails(&["import", foreign.to_str().unwrap()]).contains("not a Fieldbook export"));
    let empty = dir.join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    assert!(env.fails(&["import", empty.to_str().unwrap()]).contains("empty"));
    let binary = dir.join("bin.csv");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 255]).unwrap();
    assert!(env.fails(&["import", binary.to_str().unwrap()]).contains("not"));
    let wrong = dir.join("contacts.vcf");
    std::fs::write(&wrong, "name,phone\nAnn,1\n").unwrap();
    assert!(env.fails(&["import", wrong.to_str().unwrap(), "--format", "vcard"]).contains("no vCard"));
    assert!(!env.db.exists() || env.ok(&["list"]).contains("No customers"), "nothing was written");
}

#[test]
fn vcard_import_dry_run_then_real_then_undo() {
    let env = Env::new();
    let file = fixture("vcard/iphone_30.vcf");
    let dry = env.ok(&["import", &file, "--dry-run"]);
    assert!(dry.contains("+ #1 张小燕 (line 1)") && dry.contains("Dry run"), "{dry}");
    let done = env.ok(&["import", &file]);
    assert!(done.contains("import batch 1"), "{done}");
    let shown = env.ok(&["show", "1"]);
    assert!(shown.contains("杭州云计算有限公司") && shown.contains("销售部"), "{shown}");
    let undone = env.ok(&["import", "--undo", "1"]);
    assert!(undone.contains("Import batch 1 undone"), "{undone}");
    assert!(env.ok(&["list"]).contains("No customers"));
    let listing = env.ok(&["import", "--batches"]);
    assert!(listing.contains("iphone_30.vcf") && listing.contains("undone"), "{listing}");
}

#[test]
fn import_that_saves_nothing_leaves_no_new_database() {
    let env = Env::new();
    let file = fixture("vcard/iphone_30.vcf");
    let dry = env.cmd().args(["import", &file, "--dry-run"]).output().unwrap();
    assert!(dry.status.success() && String::from_utf8_lossy(&dry.stdout).contains("Dry run"));
    assert!(!String::from_utf8_lossy(&dry.stderr).contains("Started a new database"));
    let refused = env.cmd().args(["import", &fixture("csv/salesforce_utf8.csv")]).output().unwrap();
    assert_eq!(refused.status.code(), Some(1));
    let leftovers: Vec<_> = std::fs::read_dir(env.dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert!(!env.db.exists(), "a dry run and a refused import made no database: {leftovers:?}");
    let done = env.cmd().args(["import", &file]).output().unwrap();
    assert!(String::from_utf8_lossy(&done.stderr).contains("Started a new database"));
    assert!(env.ok(&["list"]).contains("张小燕"));
}

#[test]
fn csv_import_all_or_nothing_unless_skip_invalid() {
    let env = Env::new();
    let file = fixture("csv/salesforce_utf8.csv");
    let map = ["--stage-map", "Prospecting=preparation,Engaging=approach", "--map", "Description=notes"];
    let err = env.cmd().args(["import", &file]).args(map).output().unwrap();
    assert_eq!(err.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&err.stdout);
    assert!(stdout.contains("! line 4: unknown step 'Negotiation'"), "{stdout}");
    assert!(String::from_utf8_lossy(&err.stderr).contains("--skip-invalid"));
    assert!(!env.db.exists(), "all or nothing: not even a new empty database");
    let ok = env.ok(&["import", &file, "--skip-invalid", map[0], map[1], map[2], map[3]]);
    assert!(ok.contains("added 2, merged 0, skipped 0, rejected 1"), "{ok}");
    let merged = env.ok(&["import", &fixture("csv/excel_utf8_bom.csv")]);
    assert!(merged.contains("added 3"), "{merged}");
}

#[test]
fn handover_to_a_colleague_with_a_database_of_their_own() {
    let mine = seeded();
    let file = mine.dir.path().join("handover.json");
    let mut store = fieldbook::store::Store::open(&mine.db, fieldbook::clock::Clock::System).unwrap();
    store.add_note(Some(1), "likes fishing").unwrap();
    drop(store);
    mine.cmd().args(["handover", "1", "--out", file.to_str().unwrap()]).assert().success();
    let theirs = Env::new();
    theirs.add("Their Own", &[]);
    let report = theirs.ok(&["import", file.to_str().unwrap()]);
    assert!(report.contains("+ #2 王伟"), "{report}");
    let shown = theirs.ok(&["show", "2"]);
    assert!(shown.contains("likes fishing") && shown.contains("Survey"), "{shown}");
    let other = mine.dir.path().join("other.json");
    assert!(mine.fails(&["handover", "99", "--out", other.to_str().unwrap()]).contains("99"));
    assert!(!other.exists());
}

#[test]
fn backup_then_restore_keeps_the_replaced_database() {
    let env = seeded();
    let backup = env.ok(&["backup"]);
    let path = std::path::PathBuf::from(backup.trim());
    assert!(path.starts_with(env.dir.path().join("backups")), "{backup}");
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);
    env.add("Added Later", &[]);
    env.ok(&["restore", path.to_str().unwrap()]);
    let list = env.ok(&["list"]);
    assert!(!list.contains("Added Later") && list.contains("王伟"), "{list}");
    let aside: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("fieldbook.db.before-restore-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    let not_db = env.dir.path().join("notes.txt");
    std::fs::write(&not_db, "hello").unwrap();
    assert!(env.fails(&["restore", not_db.to_str().unwrap()]).contains("not a SQLite database"));
    assert!(env.ok(&["list"]).contains("王伟"), "the database is untouched");
}

#[cfg(unix)]
#[test]
fn folders_made_for_the_database_and_its_backups_are_private_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let db = env.dir.path().join("new/deeper/fb.db");
    let script = "umask 000; \"$0\" --db \"$1\" --today 2031-05-06 add Someone && \"$0\" --db \"$1\" backup";
    let bin = assert_cmd::cargo::cargo_bin("fieldbook");
    let status = std::process::Command::new("sh")
        .args(["-c", script])
        .arg(&bin)
        .arg(&db)
        .env("FIELDBOOK_CONFIG_DIR", env.dir.path().join("config"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    for folder in ["new", "new/deeper", "new/deeper/backups"] {
        let mode = std::fs::metadata(env.dir.path().join(folder)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "{folder}");
    }
}
