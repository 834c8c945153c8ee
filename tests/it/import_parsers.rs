//! The vCard and CSV parsers on files shaped like what phones, address books and
//! spreadsheets really write (tests/fixtures/).

use fieldbook::domain::money::{Currency, Money};
use fieldbook::domain::{FactCategory, MonthDay, Step};
use fieldbook::import::csv::{CsvOptions, parse_stage_map};
use fieldbook::import::{FileProblem, Problem, Record, csv, vcard};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn fact<'a>(r: &'a Record, label: &str) -> &'a fieldbook::import::RecordFact {
    r.facts.iter().find(|f| f.label == label).unwrap_or_else(|| panic!("no fact {label} in {:#?}", r.facts))
}

#[test]
fn android_21_quoted_printable_chinese_and_photo() {
    let parsed = vcard::parse(&fixture("vcard/android_21.vcf")).unwrap();
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(parsed.records.len(), 2);
    let r = &parsed.records[0];
    assert_eq!(r.line, 1);
    assert_eq!(r.customer.name, "王伟");
    assert_eq!(r.customer.company, "深圳医疗器械");
    assert_eq!(r.customer.title, "采购经理");
    assert_eq!(r.customer.phone, "138-0013-8000");
    assert_eq!(r.customer.email, "wangwei@example.cn");
    assert_eq!(fact(r, "phone (work)").value, "+86 755 8888 0000");
    assert_eq!(r.notes, ["喜欢钓鱼，周五下午方便拜访"]);
    let birthday = fact(r, "birthday");
    assert_eq!((birthday.category, birthday.month_day), (FactCategory::Personal, MonthDay::new(3, 14)));
    assert!(r.facts.iter().all(|f| !f.value.contains("/9j/")), "photo skipped");
    assert_eq!(parsed.records[1].customer.name, "Li Na");
    assert_eq!(parsed.records[1].line, 17);
}

#[test]
fn iphone_30_groups_labels_and_dates() {
    let parsed = vcard::parse(&fixture("vcard/iphone_30.vcf")).unwrap();
    let r = &parsed.records[0];
    assert_eq!(r.customer.name, "张小燕");
    assert_eq!(r.customer.nickname, "燕子");
    assert_eq!(r.customer.company, "杭州云计算有限公司");
    assert_eq!(fact(r, "department").value, "销售部");
    assert_eq!(r.customer.phone, "+86 571 1234 5678");
    assert_eq!(fact(r, "phone type").value, "mobile");
    assert_eq!(fact(r, "phone (办公室)").value, "0571-8765-4321");
    assert_eq!(r.customer.email, "zhang.xy@hzcloud.example");
    assert_eq!(r.customer.address, "中国浙江杭州西湖区文三路 90 号 310012");
    assert_eq!(fact(r, "anniversary").month_day, MonthDay::new(6, 18));
    assert_eq!(fact(r, "birthday").month_day, MonthDay::new(11, 2));
    assert_eq!(fact(r, "homepage").value, "https://hzcloud.example");
    assert_eq!(r.notes, ["Met at the Hangzhou fair, 2023.\nPrefers WeChat."]);
}

#[test]
fn outlook_gmail_macos_and_40() {
    let outlook = &vcard::parse(&fixture("vcard/outlook_21.vcf")).unwrap().records[0];
    assert_eq!((outlook.customer.name.as_str(), outlook.customer.company.as_str()), ("John Smith", "Contoso Ltd."));
    assert_eq!(outlook.customer.phone, "(425) 555-0101");
    assert_eq!(fact(outlook, "phone (cell)").value, "(425) 555-0199");
    assert_eq!(outlook.notes, ["Decides with the CFO.\r\nBudget opens in Q3."]);
    assert!(outlook.facts.iter().any(|f| f.label.starts_with("label") && f.value.contains("Redmond")), "kept");

    let gmail = &vcard::parse(&fixture("vcard/gmail_30.vcf")).unwrap().records[0];
    assert_eq!(gmail.customer.email, "maria@garcia.example");
    assert_eq!(fact(gmail, "email (home)").value, "maria.g@mail.example");
    assert_eq!(fact(gmail, "birthday").month_day, MonthDay::new(7, 4));
    assert_eq!(fact(gmail, "website").value, "http://garcia.example");
    assert_eq!(fact(gmail, "categories").value, "myContacts,Suppliers");

    let mac = &vcard::parse(&fixture("vcard/macos_30.vcf")).unwrap().records[0];
    assert_eq!(mac.customer.name, "Dr. Sean O'Brien");
    assert!(mac.notes[0].contains("seventy-five octets"), "{:?}", mac.notes);
    assert_eq!(fact(mac, "x-socialprofile (linkedin)").value, "https://linkedin.example/in/seanobrien");

    let v4 = &vcard::parse(&fixture("vcard/v40.vcf")).unwrap().records[0];
    assert_eq!(v4.customer.name, "陈静");
    assert_eq!(v4.customer.phone, "+86-21-5555-0000");
    assert_eq!(fact(v4, "birthday").month_day, MonthDay::new(2, 14));
    assert_eq!(fact(v4, "anniversary").month_day, MonthDay::new(9, 1));
    assert_eq!(fact(v4, "gender").value, "F");
    assert!(v4.facts.iter().all(|f| !f.value.starts_with("data:")), "photo skipped");
}

#[test]
fn vcard_bad_files_and_cards() {
    assert_eq!(vcard::parse(b"name,phone\nAnn,1\n"), Err(FileProblem::NotVcard));
    assert_eq!(vcard::parse(b""), Err(FileProblem::NotVcard));
    assert!(matches!(vcard::parse(b"BEGIN:VCARD\n\xff\xfe"), Err(FileProblem::NotText { .. })));
    let parsed = vcard::parse(b"BEGIN:VCARD\nVERSION:3.0\nNOTE:x\nEND:VCARD\nBEGIN:VCARD\nFN:Cut Short\n").unwrap();
    assert!(parsed.records.is_empty());
    assert!(matches!(parsed.problems[0], (1, Problem::Invalid(_))), "no name, organisation, e-mail or phone");
    let only_a_number = vcard::parse(b"BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nFN:\nTEL:138 0000 1111\nEND:VCARD\n").unwrap();
    assert_eq!(only_a_number.records[0].customer.name, "138 0000 1111", "named by its number");
    assert_eq!(parsed.problems[1], (5, Problem::Unclosed));
}

#[test]
fn salesforce_csv_with_map_and_stage_map() {
    let options = CsvOptions {
        map: vec![("Description".into(), "notes".into())],
        stage_map: parse_stage_map("Prospecting=preparation,Engaging=approach").unwrap(),
        ..Default::default()
    };
    let parsed = csv::parse(&fixture("csv/salesforce_utf8.csv"), &options).unwrap();
    assert_eq!(parsed.records.len(), 2);
    let emily = &parsed.records[0];
    assert_eq!(emily.line, 2);
    assert_eq!(emily.customer.name, "Emily Chen");
    assert_eq!(emily.customer.company, "Northwind Traders");
    assert_eq!(emily.customer.source, "Trade show");
    assert_eq!(emily.stage, Some(Step::Preparation));
    assert_eq!(emily.value, Some(Money::new(12_000_000, Currency::CNY)));
    assert_eq!(emily.notes, ["Met at the booth; wants a demo, \"soon\""]);
    assert_eq!(fact(emily, "Industry").value, "Logistics");
    assert_eq!(parsed.records[1].stage, Some(Step::Approach));
    assert_eq!(parsed.problems.len(), 1);
    assert_eq!(parsed.problems[0].0, 4, "Negotiation is not mapped: rejected with its line");
}

fn check_chinese(parsed: &fieldbook::import::Parsed) {
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(parsed.records.len(), 3);
    let wang = &parsed.records[0];
    assert_eq!(wang.customer.name, "王伟");
    assert_eq!(wang.customer.company, "深圳医疗器械有限公司");
    assert_eq!(wang.customer.title, "采购经理");
    assert_eq!(wang.customer.phone, "138 0013 8000");
    assert_eq!(wang.stage, Some(Step::Survey));
    assert_eq!(wang.value, Some(Money::new(80_000_000, Currency::CNY)));
    assert_eq!(wang.notes, ["喜欢钓鱼"]);
    assert_eq!(fact(wang, "birthday").month_day, MonthDay::new(3, 14));
    assert_eq!(fact(wang, "微信").value, "wangwei_sz");
    assert_eq!(parsed.records[1].stage, Some(Step::Approach));
}

#[test]
fn chinese_excel_csv_in_utf8_bom_gbk_and_gb18030() {
    let bom = fixture("csv/excel_utf8_bom.csv");
    check_chinese(&csv::parse(&bom, &CsvOptions::default()).unwrap());
    let text = std::str::from_utf8(&bom[3..]).unwrap();
    let (gbk, _, errors) = encoding_rs::GBK.encode(text);
    assert!(!errors);
    check_chinese(&csv::parse(&gbk, &CsvOptions::default()).unwrap());
    let (gb18030, _, _) = encoding_rs::GB18030.encode(text);
    let options = CsvOptions { encoding: Some(encoding_rs::GB18030), ..Default::default() };
    check_chinese(&csv::parse(&gb18030, &options).unwrap());
}

#[test]
fn csv_bad_files() {
    let no_name = csv::parse(b"foo,bar\n1,2\n", &CsvOptions::default()).unwrap_err();
    assert_eq!(no_name, FileProblem::NoNameColumn { headers: vec!["foo".into(), "bar".into()] });
    assert!(matches!(csv::parse(b"", &CsvOptions::default()), Err(FileProblem::NoNameColumn { .. })));
    let options = CsvOptions { map: vec![("foo".into(), "nonsense".into())], ..Default::default() };
    assert!(matches!(csv::parse(b"foo\n1\n", &options), Err(FileProblem::UnknownField { .. })));
    let huge = format!("name,notes\nAnn,{}\n", "x".repeat(10 * 1024 * 1024));
    let parsed = csv::parse(huge.as_bytes(), &CsvOptions::default()).unwrap();
    assert!(parsed.records.is_empty());
    assert!(matches!(parsed.problems[0], (2, Problem::Invalid(_))), "a 10 MB field is rejected with its line");
}
