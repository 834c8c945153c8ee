//! Re-importing a phone's contacts after a new colleague was saved: the known organisation's
//! account gets the new person (without `--on-duplicate merge`), the people already there are
//! not added twice, and undoing that import takes only the new person away.

use crate::common::Env;

/// One card as a phone writes it (vCard 3.0: N and FN, typed TEL and EMAIL, folded lines).
fn card(family: &str, given: &str, org: &str, extra: &str) -> String {
    let fn_ = if given.is_ascii() { format!("{given} {family}") } else { format!("{family}{given}") };
    format!(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.4//EN\r\nN:{family};{given};;;\r\n\
         FN:{fn_}\r\nORG:{org};\r\n{extra}REV:2031-04-01T08:00:00Z\r\nEND:VCARD\r\n"
    )
}

fn names(env: &Env, customer: &str) -> Vec<String> {
    let list = env.json(&["contact", "list", customer, "--format", "json"]);
    list.as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_new_colleague_in_a_phone_export_joins_the_known_account() {
    let env = Env::new();
    let vcf = env.dir.path().join("contacts.vcf");
    let wang = card("王", "伟", "华东机械", "TITLE:采购经理\r\nTEL;TYPE=CELL:+86 138 0000 0001\r\n");
    let boss = card("张", "总", "华东机械", "TITLE:总经理\r\nTEL;TYPE=WORK,VOICE:021-5555 0100\r\nBDAY:1970-05-08\r\n");
    let anna = card(
        "Smith",
        "Anna",
        "Acme Ltd",
        "EMAIL;TYPE=INTERNET,WORK:anna@acme.example\r\nNOTE:met at the trade fair in Hangzhou, interested \r\n in the\r\n  new line\r\n",
    );
    std::fs::write(&vcf, [wang.clone(), anna.clone(), boss.clone()].concat()).unwrap();
    let first = env.ok(&["import", vcf.to_str().unwrap()]);
    assert!(first.contains("added 2,"), "{first}");
    assert_eq!(names(&env, "1"), ["王伟", "张总"]);

    // Months later the phone has 李工 of 华东机械 too, listed first (a phone sorts its own way).
    let li = card(
        "李",
        "工",
        "华东机械 ",
        "TITLE:技术主管\r\nTEL;TYPE=CELL:139 1111 2222\r\nEMAIL;TYPE=WORK:li@hdjx.example\r\nBDAY:--05-09\r\n\
         NOTE:负责新生产线的设备选型\r\n",
    );
    std::fs::write(&vcf, [li, anna, boss, wang].concat()).unwrap();
    let again = env.ok(&["import", vcf.to_str().unwrap()]);
    assert!(again.contains("李工: a new person of #1 王伟, added to it"), "{again}");
    assert!(again.contains("added 0,") && again.contains("skipped 2"), "no account is added twice: {again}");
    assert_eq!(names(&env, "1"), ["王伟", "张总", "李工"], "nobody already there is added twice");
    assert_eq!(names(&env, "2"), ["Anna Smith"]);
    let li = &env.json(&["contact", "list", "1", "--format", "json"])[2];
    assert_eq!((li["title"].as_str(), li["phone"].as_str()), (Some("技术主管"), Some("13911112222")));
    let shown = env.json(&["show", "1", "--format", "json"]);
    let birthdays: Vec<&str> = shown["facts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["label"] == "birthday")
        .filter_map(|f| f["about"].as_str())
        .collect();
    assert_eq!(birthdays, ["张总", "李工"], "the new colleague's birthday is theirs, 张总's not added twice");
    assert!(env.ok(&["today"]).contains("birthday (李工)"));
    let notes: Vec<&str> = shown["notes"].as_array().unwrap().iter().filter_map(|n| n["body"].as_str()).collect();
    assert_eq!(notes, ["李工：负责新生产线的设备选型"], "the new colleague's note comes with them, saying whose");
    let zh = env.ok(&["--lang", "zh-CN", "import", vcf.to_str().unwrap()]);
    assert!(zh.contains("跳过 2") && !zh.contains("新联系人"), "a third import adds nobody: {zh}");
    assert_eq!(env.json(&["show", "1", "--format", "json"])["notes"].as_array().unwrap().len(), 1, "nor a note");
    assert!(env.ok(&["check"]).starts_with("OK: "));

    let undo = env.ok(&["import", "--undo", "2"]);
    assert!(!undo.is_empty());
    assert_eq!(names(&env, "1"), ["王伟", "张总"], "undo takes the new person away, and only them");
    assert!(env.json(&["show", "1", "--format", "json"])["notes"].as_array().unwrap().is_empty(), "and their note");
    assert!(env.ok(&["check"]).starts_with("OK: "));
}

#[test]
fn a_large_import_lists_the_first_rows_and_counts_the_rest() {
    let env = Env::new();
    let vcf = env.dir.path().join("contacts.vcf");
    let cards: Vec<String> = (0..25)
        .map(|i| card(&format!("Lee{i}"), "Ann", &format!("Firm {i}"), &format!("TEL;TYPE=CELL:139 0000 {i:04}\r\n")))
        .collect();
    std::fs::write(&vcf, cards.concat()).unwrap();
    let out = env.ok(&["import", "--dry-run", vcf.to_str().unwrap()]);
    assert_eq!(out.lines().filter(|l| l.starts_with("  + #")).count(), 20, "{out}");
    assert!(out.contains("  … and 5 more\n") && out.contains("added 25,"), "{out}");
    let zh = env.ok(&["--lang", "zh-CN", "import", vcf.to_str().unwrap()]);
    assert!(zh.contains("  ……另有 5 条\n") && zh.contains("新增 25"), "{zh}");
    // Imported again: every card is skipped, listed the same way.
    let again = env.ok(&["import", vcf.to_str().unwrap()]);
    assert_eq!(again.lines().filter(|l| l.starts_with("  ~ ")).count(), 20, "{again}");
    assert!(again.contains("  … and 5 more\n") && again.contains("skipped 25"), "{again}");
}

#[test]
fn a_big_export_read_in_pieces_finds_the_account_through_a_card_far_below() {
    // More cards than the import turns into rows at a time: the new colleague's card comes
    // first, the cards the account is known by after a thousand others.
    let env = Env::new();
    let vcf = env.dir.path().join("contacts.vcf");
    let others: String =
        (0..1200).map(|i| card(&format!("Lee{i}"), "Ann", "", &format!("TEL;TYPE=CELL:139 0000 {i:04}\r\n"))).collect();
    let wang = card("王", "伟", "华东机械", "TEL;TYPE=CELL:+86 138 0000 0001\r\n");
    let boss = card("张", "总", "华东机械", "TEL;TYPE=WORK,VOICE:021-5555 0100\r\nNOTE:喜欢喝茶\r\n");
    std::fs::write(&vcf, [wang.clone(), others.clone(), boss.clone()].concat()).unwrap();
    let first = env.ok(&["import", vcf.to_str().unwrap()]);
    assert!(first.contains("added 1201,"), "{first}");
    assert_eq!(names(&env, "1"), ["王伟", "张总"], "the boss's card, a thousand cards below, joins the account");
    let shown = env.json(&["show", "1", "--format", "json"]);
    assert_eq!(shown["notes"][0]["body"], "张总：喜欢喝茶", "saying whose");

    let li = card("李", "工", "华东机械", "TEL;TYPE=CELL:139 1111 2222\r\n");
    std::fs::write(&vcf, [li, others, boss, wang].concat()).unwrap();
    let again = env.ok(&["import", vcf.to_str().unwrap()]);
    assert!(again.contains("李工: a new person of #1 王伟, added to it"), "{again}");
    assert!(again.contains("added 0,") && again.contains("skipped 1201"), "{again}");
    assert_eq!(names(&env, "1"), ["王伟", "张总", "李工"], "nobody already there is added twice");
    assert!(env.ok(&["check"]).starts_with("OK: "));
}

#[test]
fn a_phone_of_a_kind_shows_the_kind_in_the_language_shown() {
    let env = Env::new();
    let vcf = env.dir.path().join("contacts.vcf");
    let extra = "TEL;TYPE=CELL:+86 138 0000 0001\r\nCATEGORIES:customers,2024 expo\r\n";
    std::fs::write(&vcf, card("王", "伟", "华东机械", extra)).unwrap();
    env.ok(&["import", vcf.to_str().unwrap()]);
    let zh = env.ok(&["--lang", "zh-CN", "show", "1"]);
    assert!(zh.contains("电话类型") && zh.contains("手机"), "{zh}");
    assert!(zh.contains("分组") && zh.contains("customers,2024 expo"), "a phone's groups: {zh}");
    assert!(!zh.contains("cell") && !zh.contains("categories"), "{zh}");
    let en = env.ok(&["show", "1"]);
    assert!(en.contains("phone type") && en.contains("cell") && en.contains("groups"), "{en}");
}

#[test]
fn cards_with_extensions_are_known_again_on_the_next_import() {
    let env = Env::new();
    let vcf = env.dir.path().join("contacts.vcf");
    let liu = card("刘", "建华", "苏州恒远精密机械有限公司", "TEL;TYPE=WORK,VOICE:+86 512 6578 1234 转 806\r\n");
    let john = card("Miller", "John", "Acme Corp", "TEL;TYPE=WORK:+1 (415) 555-0142 x12\r\n");
    std::fs::write(&vcf, [liu, john].concat()).unwrap();
    let first = env.ok(&["import", vcf.to_str().unwrap()]);
    assert!(first.contains("added 2,"), "{first}");
    let again = env.ok(&["import", vcf.to_str().unwrap()]);
    assert!(again.contains("added 0, merged 0, skipped 2"), "{again}");
    let shown = env.ok(&["--lang", "zh-CN", "show", "1"]);
    assert!(shown.contains("+86 512 6578 1234 转 806"), "{shown}");
}
