//! Imports of files as phones, spreadsheets and our own exports really write them (issue 12):
//! contacts saved without a name, one name shared by different people, old Mac line endings,
//! a byte order mark on JSON, an export imported again, a CSV quote that is never closed.

use fieldbook::clock::Clock;
use fieldbook::store::{CustomerFilter, CustomerSort, Store};

use crate::common::Env;

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn names(env: &Env) -> Vec<String> {
    let clock = Clock::Fixed(chrono::NaiveDate::from_ymd_opt(2031, 5, 6).unwrap());
    let store = Store::open(&env.db, clock).unwrap();
    let rows = store.list_customers(&CustomerFilter::default(), CustomerSort::Name, 100, 0).unwrap();
    let mut names: Vec<String> = rows.into_iter().map(|r| r.name).collect();
    names.sort();
    names
}

#[test]
fn contacts_without_a_name_are_named_and_one_name_can_be_several_people() {
    let env = Env::new();
    let file = fixture("vcard/phone_export_nameless.vcf");
    let out = env.ok(&["import", file.to_str().unwrap()]);
    assert!(out.contains("added 6, merged 0, skipped 0, rejected 0"), "{out}");
    // Two John Smiths: the first card's number; the one with another number and e-mail. The
    // card with only an e-mail, and the one with the first number without its country code,
    // are the first John (nothing says otherwise).
    assert_eq!(
        names(&env),
        ["+1 650 555 0123", "+86 139 1234 5678", "John Smith", "John Smith", "orders@supplier.example", "顺丰速运"],
        "{out}"
    );
    let first = env.ok(&["show", "5"]);
    assert!(first.contains("+1 415 555 0100 · john@smith-plumbing.example"), "the other cards' e-mail kept: {first}");
    let again = env.ok(&["import", file.to_str().unwrap()]);
    assert!(again.contains("added 0, merged 0, skipped 6"), "{again}");
}

#[test]
fn old_mac_line_endings_and_a_byte_order_mark_are_read() {
    let env = Env::new();
    let card =
        std::fs::read_to_string(fixture("vcard/iphone_30.vcf")).unwrap().replace("\r\n", "\r").replace('\n', "\r");
    let cr = env.dir.path().join("mac.vcf");
    std::fs::write(&cr, card).unwrap();
    let out = env.ok(&["import", cr.to_str().unwrap()]);
    assert!(out.contains("added 1"), "{out}");
    let csv = env.dir.path().join("mac.csv");
    std::fs::write(&csv, "name,phone\rAnn Lee,555 0101\rBo Li,555 0102\r").unwrap();
    let out = env.ok(&["import", csv.to_str().unwrap()]);
    assert!(out.contains("Bo Li (line 3)") && out.contains("added 2"), "{out}");

    let export = env.dir.path().join("export.json");
    env.ok(&["export", "--out", export.to_str().unwrap()]);
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend(std::fs::read(&export).unwrap());
    let with_bom = env.dir.path().join("notepad.json");
    std::fs::write(&with_bom, bom).unwrap();
    let other = Env::new();
    let out = other.ok(&["import", with_bom.to_str().unwrap()]);
    assert!(out.contains("added 3"), "{out}");
    assert_eq!(names(&other), names(&env));
}

#[test]
fn importing_your_own_export_again_adds_no_inbox_note_twice() {
    let env = Env::new();
    env.add("王伟", &["--phone", "138 0000 1111"]);
    for text in ["call the printer", "order samples", "call the printer"] {
        env.ok(&["note", text]);
    }
    let export = env.dir.path().join("export.json");
    env.ok(&["export", "--out", export.to_str().unwrap()]);
    for _ in 0..3 {
        let out = env.ok(&["import", export.to_str().unwrap()]);
        assert!(out.contains("Nothing new"), "{out}");
    }
    let clock = Clock::Fixed(chrono::NaiveDate::from_ymd_opt(2031, 5, 6).unwrap());
    let inbox = Store::open(&env.db, clock).unwrap().notes_of(None, 100).unwrap();
    assert_eq!(inbox.len(), 3, "the inbox is as it was: {inbox:?}");
}

#[test]
fn an_unclosed_csv_quote_is_reported_with_its_line_and_nothing_is_swallowed() {
    let env = Env::new();
    let csv = env.dir.path().join("people.csv");
    std::fs::write(
        &csv,
        "name,notes\nAnn Lee,\"likes \"\"tea\"\"\"\nBo Li,\"forgot to close\nCai Wen,fine\nDu Fu,fine\n",
    )
    .unwrap();
    let out = env.cmd().args(["import", csv.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("line 3: a quote (\") opens a value here and is never closed"), "{stdout}");
    assert!(stderr.contains("nothing was saved"), "{stderr}");
    let zh = env.cmd().args(["--lang", "zh-CN", "import", csv.to_str().unwrap()]).output().unwrap();
    assert!(String::from_utf8_lossy(&zh.stdout).contains("引号（\"）开始了一个值却没有结束"));
    assert!(names(&env).is_empty(), "nothing was imported");
}
