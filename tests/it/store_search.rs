//! Search on a temporary file: every hit contains every term, and no row that contains every
//! term is missed — checked against a brute-force scan of the same rows, for fixed tricky
//! queries and for many terms cut at random from the rows themselves.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use fieldbook::clock::Clock;
use fieldbook::domain::{FactCategory, NewContact, NewCustomer, NewFact, Step, Style, VisitInput};
use fieldbook::store::search_keys::search_keys;
use fieldbook::store::search_text::is_cjk;
use fieldbook::store::{CustomerFilter, CustomerPatch, CustomerSort, NewDeal, PipelineFilter, SearchKind, Store};

/// A row of the corpus: its kind, id and the text fields the index holds.
struct Row {
    kind: SearchKind,
    id: i64,
    text: String,
    /// What else finds a customer: the pinyin of its name and company.
    keys: Vec<String>,
}

fn open(dir: &tempfile::TempDir) -> Store {
    let today = NaiveDate::from_ymd_opt(2031, 5, 6).unwrap();
    Store::open(&dir.path().join("search.db"), Clock::Fixed(today)).unwrap()
}

fn visit(purpose: &str, plan: &str, expect: &str) -> VisitInput {
    VisitInput {
        purpose: purpose.into(),
        action_plan: plan.into(),
        expected_result: expect.into(),
        done_at: NaiveDate::from_ymd_opt(2031, 5, 2).and_then(|d| d.and_hms_opt(10, 0, 0)),
        ..VisitInput::blank()
    }
}

/// Builds a small mixed Chinese/English corpus and returns its rows.
fn corpus(store: &mut Store) -> Vec<Row> {
    let mut rows = Vec::new();
    let people = [
        ("王伟", "深圳医疗器械有限公司", "采购经理"),
        ("王伟明", "华东物流", "总经理"),
        ("李娜", "Hangzhou Cloud Tech", "IT lead"),
        ("Li Na", "杭州云科技", "CTO"),
        ("Tom O'Brien", "Parkside Foods", "Buyer"),
        ("张伟", "深圳医院", "院长"),
        ("Anna Budgetova", "AND Logistics (Shanghai)", "Director"),
    ];
    for (name, company, title) in people {
        let new = NewCustomer { name: name.into(), company: company.into(), title: title.into(), ..Default::default() };
        let id = store.add_customer(new, NewDeal::default()).unwrap();
        let keys = search_keys(name, company, "", "");
        let keys = [keys.names, keys.others].concat();
        rows.push(Row { kind: SearchKind::Customer, id, text: [name, company, title].join(" · "), keys });
    }
    let first = rows[0].id;
    let li = rows[2].id;
    let visits = [
        ("确认预算和决策流程", "带上去年的报价单", "拿到预算范围"),
        ("Demo the reporting module", "show budget dashboards to 王伟", "a follow-up with IT"),
        ("回访王伟明", "ask about the tender (招标) date", "date of the tender"),
        ("Budget review", "bring the e-mail thread; \"quote\" v2", "sign-off by Friday"),
        ("医疗器械展会邀请", "送邀请函", "确认参加"),
    ];
    for (i, (p, a, e)) in visits.iter().enumerate() {
        let cid = if i % 2 == 0 { first } else { li };
        let id = store.add_visit(cid, visit(p, a, e)).unwrap();
        rows.push(Row { kind: SearchKind::Visit, id, text: [*p, *a, *e].join(" · "), keys: Vec::new() });
    }
    for body in ["喜欢钓鱼，两个孩子", "Prefers calls before 10:00 — not Mondays", "inbox: 王 asked for a-b test"]
    {
        let customer = if body.starts_with("inbox") { None } else { Some(first) };
        let id = store.add_note(customer, body).unwrap();
        rows.push(Row { kind: SearchKind::Note, id, text: body.into(), keys: Vec::new() });
    }
    for (label, value) in [("hobby", "fly fishing 钓鱼"), ("decides", "刘总 and finance"), ("budget", "¥200k FY2031")]
    {
        let id = store
            .add_fact(
                first,
                None,
                &NewFact {
                    category: FactCategory::Personal,
                    label: label.to_string(),
                    value: value.to_string(),
                    month_day: None,
                },
            )
            .unwrap();
        rows.push(Row { kind: SearchKind::Fact, id, text: [label, value].join(" · "), keys: Vec::new() });
    }
    rows
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// The oracle: each term, lower-cased and stripped of surrounding punctuation, occurs in the
/// row's lower-cased text — anywhere when it starts with a Chinese character, else at a word
/// start — or, when it is letters and digits only, starts one of the row's keys.
fn brute_force(rows: &[Row], query: &str) -> BTreeSet<(String, i64)> {
    let terms: Vec<Vec<char>> = query
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase().chars().collect::<Vec<_>>())
        .filter(|t| !t.is_empty())
        .collect();
    if terms.is_empty() {
        return BTreeSet::new();
    }
    rows.iter()
        .filter(|row| {
            let text: Vec<char> = row.text.to_lowercase().chars().collect();
            terms.iter().all(|term| {
                let in_text = (0..text.len()).any(|i| {
                    text[i..].starts_with(term) && (!is_word_char(term[0]) || i == 0 || !is_word_char(text[i - 1]))
                });
                let term: String = term.iter().collect();
                let by_key =
                    term.chars().all(|c| c.is_ascii_alphanumeric()) && row.keys.iter().any(|k| k.starts_with(&term));
                in_text || by_key
            })
        })
        .map(|row| (format!("{:?}", row.kind), row.id))
        .collect()
}

fn found(store: &Store, query: &str) -> BTreeSet<(String, i64)> {
    store.search(query, 1000, "ext.").unwrap().into_iter().map(|h| (format!("{:?}", h.kind), h.id)).collect()
}

#[test]
fn tricky_queries_return_exactly_the_rows_with_every_term() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let rows = corpus(&mut store);
    let queries = [
        "王",
        "王伟",
        "王伟明",
        "深圳医疗器械",
        "伟明",
        "深圳 医院",
        "budget",
        "BUDGET 王伟",
        "Bud",
        "dget",
        "li na",
        "李娜 cloud",
        "o'brien",
        "O'Brien foods",
        "\"quote\"",
        "quote*",
        "AND",
        "and logistics",
        "(shanghai)",
        "-budget",
        "a-b",
        "e-mail",
        "10:00",
        "¥200k",
        "fy2031",
        "钓鱼 fishing",
        "钓鱼 王伟",
        "招标 tender",
        "\" * - ( )",
        "",
        "NOT budget",
        "budget OR 钓鱼",
        "NEAR(budget)",
        "x",
        "医",
        "云科技",
        "wangwei",
        "wang wei",
        "ww",
        "wangweiming",
        "wwm",
        "lina",
        "zw",
        "shenzhen",
        "hangzhou",
        "yi liao",
        "wang budget",
    ];
    for q in queries {
        assert_eq!(found(&store, q), brute_force(&rows, q), "query {q:?}");
    }
    assert!(!found(&store, "王伟").is_empty(), "the oracle is not vacuous");
    assert!(found(&store, "budget 钓鱼").is_empty(), "all terms must be in one row");
}

#[test]
fn random_terms_cut_from_the_rows_are_always_found() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let rows = corpus(&mut store);
    let mut rng = fastrand::Rng::with_seed(7);
    let mut non_empty = 0;
    for _ in 0..400 {
        let mut query = Vec::new();
        for _ in 0..rng.usize(1..=3) {
            let row = &rows[rng.usize(..rows.len())];
            let chars: Vec<char> = row.text.chars().collect();
            let start = rng.usize(..chars.len());
            let len = rng.usize(1..=5).min(chars.len() - start);
            let term: String = chars[start..start + len].iter().filter(|c| !c.is_whitespace()).collect();
            if !term.is_empty() {
                query.push(term);
            }
        }
        let q = query.join(" ");
        let expected = brute_force(&rows, &q);
        non_empty += usize::from(!expected.is_empty());
        assert_eq!(found(&store, &q), expected, "query {q:?}");
    }
    assert!(non_empty > 100, "most random queries should find something ({non_empty})");
}

#[test]
fn hits_carry_title_excerpt_customer_and_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    corpus(&mut store);
    let hits = store.search("预算", 10, "ext.").unwrap();
    let visit = hits.iter().find(|h| h.kind == SearchKind::Visit).unwrap();
    assert_eq!(visit.title, "确认预算和决策流程");
    assert!(visit.excerpt.contains("预算"));
    assert_eq!(visit.customer.as_ref().unwrap().name, "王伟");
    let inbox = store.search("a-b", 10, "ext.").unwrap();
    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0].customer, None);
    assert!(inbox[0].at.is_some());
    let customer = &store.search("hangzhou", 10, "ext.").unwrap()[0];
    assert_eq!((customer.kind, customer.title.as_str()), (SearchKind::Customer, "李娜"));
    let json = serde_json::to_value(customer).unwrap();
    assert_eq!(json["kind"], "customer");
}

#[test]
fn many_matching_visits_do_not_crowd_out_the_customer() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let id =
        store.add_customer(NewCustomer { name: "钱多多".into(), ..Default::default() }, NewDeal::default()).unwrap();
    for i in 0..30 {
        store.add_visit(id, visit(&format!("第{i}次拜访钱多多"), "电话", "约见面")).unwrap();
    }
    let hits = store.search("钱多多", 10, "ext.").unwrap();
    assert_eq!(hits.len(), 10);
    assert_eq!((hits[0].kind, hits[0].id), (SearchKind::Customer, id));
    let visit_ids: Vec<i64> = hits[1..].iter().map(|h| h.id).collect();
    let mut newest_first = visit_ids.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(visit_ids, newest_first, "newest first within a kind");
    assert!(store.search("钱多多", 0, "ext.").unwrap().is_empty());
}

/// Names a test's hits: kind, and the hit's title.
fn titles(store: &Store, query: &str) -> Vec<(SearchKind, String)> {
    store.search(query, 50, "ext.").unwrap().into_iter().map(|h| (h.kind, h.title)).collect()
}

#[test]
fn pinyin_and_phone_digits_find_people_after_what_their_record_says() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let people = [
        ("王伟", "华东机械", "138-0000-1111"),
        ("Wang Wei", "Northwind", "+44 20 7946 0000"),
        ("单伟", "", ""),
        ("张建国", "重庆长安机械", "13912345678"),
        ("李娜", "厦门星辰医疗", ""),
    ];
    let mut ids = Vec::new();
    for (name, company, phone) in people {
        let new = NewCustomer { name: name.into(), company: company.into(), phone: phone.into(), ..Default::default() };
        ids.push(store.add_customer(new, NewDeal::default()).unwrap());
    }
    let person = NewContact {
        name: "Anna Berg".into(),
        title: String::new(),
        phone: "+1 (415) 555-0100".into(),
        email: String::new(),
        style: Style::Unknown,
        roles: Vec::new(),
    };
    store.add_contact(ids[4], &person).unwrap();
    let person = NewContact { name: "赵敏".into(), phone: String::new(), ..person };
    store.add_contact(ids[4], &person).unwrap();
    let customer = |name: &str| (SearchKind::Customer, name.to_string());

    for query in ["wangwei", "wang wei", "ww", "wangw", "WANG"] {
        assert!(titles(&store, query).contains(&customer("王伟")), "{query}");
    }
    assert_eq!(titles(&store, "wang wei")[..2], [customer("Wang Wei"), customer("王伟")], "as written first");
    // Names first: 单伟 by "shan" before the customer whose company is in 上海 (an exact word).
    let new = NewCustomer { name: "Li Lei".into(), company: "Shanghai Paper".into(), ..Default::default() };
    store.add_customer(new, NewDeal::default()).unwrap();
    assert_eq!(titles(&store, "shan"), [customer("单伟"), customer("Li Lei")], "单 as a surname is shan");
    assert_eq!(titles(&store, "zjg"), [customer("张建国")]);
    assert_eq!(titles(&store, "jianguo"), [customer("张建国")]);
    assert!(titles(&store, "danwei").is_empty(), "and not dan");
    assert_eq!(titles(&store, "chongqing"), [customer("张建国")], "重庆 by its usual reading");
    assert_eq!(titles(&store, "xiamen"), [customer("李娜")]);
    assert_eq!(titles(&store, "lina"), [customer("李娜")]);
    assert_eq!(titles(&store, "zhaomin"), [(SearchKind::Contact, "赵敏".to_string())], "a person of an account");
    assert_eq!(titles(&store, "王伟"), [customer("王伟")], "Chinese finds the words only");

    for query in ["1111", "0000-1111", "138-0000-1111", "13800001111", "+86 138 0000 1111", "(138) 0000"] {
        assert_eq!(titles(&store, query), [customer("王伟")], "{query}");
    }
    assert_eq!(titles(&store, "+1 415"), [(SearchKind::Contact, "Anna Berg".to_string())]);
    assert_eq!(titles(&store, "555-0100"), [(SearchKind::Contact, "Anna Berg".to_string())]);
    assert!(titles(&store, "2222").is_empty());
    // Digits as typed first: `00048227` is that number, not every one with `8227` in it (as
    // if `00` began an international number); the looser reading only when nothing has it.
    for (name, phone) in [("Ann Exact", "+86 138 00048227"), ("Bo Near", "+86 138 00082270")] {
        let new = NewCustomer { name: name.into(), phone: phone.into(), ..Default::default() };
        store.add_customer(new, NewDeal::default()).unwrap();
    }
    assert_eq!(titles(&store, "00048227"), [customer("Ann Exact")]);
    assert_eq!(titles(&store, "00998227"), [customer("Bo Near"), customer("Ann Exact")], "none has 00998227");

    // The customers table and the board filter by keys too: pinyin, phone digits, e-mail.
    let new = NewCustomer { name: "李伟".into(), email: "li.wei@huadong.cn".into(), ..Default::default() };
    let li = store.add_customer(new, NewDeal { stage: Step::Survey, ..Default::default() }).unwrap();
    let listed = |text: &str| -> Vec<String> {
        let filter = CustomerFilter { text: Some(text.into()), ..Default::default() };
        store.list_customers(&filter, CustomerSort::Name, 50, 0).unwrap().into_iter().map(|r| r.name).collect()
    };
    assert_eq!(listed("wangwei"), ["Wang Wei", "王伟"], "by the words of a name run together, and by pinyin");
    assert_eq!(listed("zjg"), ["张建国"]);
    assert_eq!(listed("0000-1111"), ["王伟"]);
    assert_eq!(listed("li.wei@"), ["李伟"]);
    assert_eq!(listed("huadong"), ["李伟", "王伟"], "by e-mail domain and by the pinyin of 华东");
    assert_eq!(listed("王伟"), ["王伟"]);
    let board = |text: &str| -> Vec<i64> {
        let filter = PipelineFilter { text: Some(text.into()) };
        store.pipeline_cards(Step::Survey, &filter, 50, 0).unwrap().into_iter().map(|c| c.customer_id).collect()
    };
    assert_eq!(board("liwei"), [li]);
    assert!(board("wangwei").is_empty(), "王伟's deal is in another step");
    let totals = store.pipeline_totals(&PipelineFilter { text: Some("liwei".into()) }).unwrap();
    assert_eq!(totals.iter().map(|t| t.count).sum::<u64>(), 1);

    // Keys follow edits.
    let patch =
        CustomerPatch { name: Some("曾伟".into()), phone: Some("186 2222 3333".into()), ..Default::default() };
    store.update_customer(ids[0], patch).unwrap();
    assert_eq!(titles(&store, "zengwei"), [customer("曾伟")]);
    assert!(titles(&store, "1111").is_empty());
    assert_eq!(titles(&store, "2222"), [customer("曾伟")]);
}

/// A nickname or company is found by its whole pinyin (and its initials, and any start of
/// them), not by each syllable: `zhang` finds 张伟, not 单芳 whose nickname is 厂长 (长 also
/// reads zhang).
#[test]
fn a_nickname_or_company_is_found_by_its_whole_pinyin_not_by_a_syllable() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    for (name, nickname, company) in
        [("张伟", "", "华东机械"), ("单芳", "厂长", "重庆长江物流"), ("吴磊", "", "江南电器有限公司")]
    {
        let new =
            NewCustomer { name: name.into(), nickname: nickname.into(), company: company.into(), ..Default::default() };
        store.add_customer(new, NewDeal::default()).unwrap();
    }
    let customer = |name: &str| (SearchKind::Customer, name.to_string());
    assert_eq!(titles(&store, "zhang"), [customer("张伟")]);
    assert_eq!(titles(&store, "jiang"), [customer("吴磊")], "江南 starts with jiang; 长江 does not");
    assert_eq!(titles(&store, "changzhang"), [customer("单芳")]);
    assert_eq!(titles(&store, "cz"), [customer("单芳")]);
    assert_eq!(titles(&store, "chongqingchangjiang"), [customer("单芳")]);
    assert_eq!(titles(&store, "cqcjwl"), [customer("单芳")]);
    assert_eq!(titles(&store, "jiangnandianqi"), [customer("吴磊")]);
    assert_eq!(titles(&store, "jndq"), [customer("吴磊")]);
    assert_eq!(titles(&store, "hdjx"), [customer("张伟")]);
    let listed = |text: &str| -> Vec<String> {
        let filter = CustomerFilter { text: Some(text.into()), ..Default::default() };
        store.list_customers(&filter, CustomerSort::Name, 50, 0).unwrap().into_iter().map(|r| r.name).collect()
    };
    assert_eq!(listed("zhang"), ["张伟"]);
    assert_eq!(listed("jiangnan"), ["吴磊"]);
    assert_eq!(listed("cz"), ["单芳"]);
}

/// A search walks the kinds in one query, stepping over the rows of a kind that has its hits
/// (a prefix, `bud`) or asking again below it (a phrase, `预算会`): the fact and the customer
/// under 400 matching visits and notes are still found, and each kind's hits are its newest.
#[test]
fn kinds_below_hundreds_of_matching_rows_are_still_found() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let new = NewCustomer { name: "Budgetary Foods".into(), company: "预算会议".into(), ..Default::default() };
    let id = store.add_customer(new, NewDeal::default()).unwrap();
    let fact = NewFact {
        category: FactCategory::Business,
        label: "budget".into(),
        value: "预算会 ¥200k".into(),
        month_day: None,
    };
    let fact = store.add_fact(id, None, &fact).unwrap();
    let mut visits = Vec::new();
    for i in 0..400 {
        visits.push(store.add_visit(id, visit(&format!("budget talk {i} 预算会"), "call", "a date")).unwrap());
        store.add_note(Some(id), &format!("budgets, again {i}: 预算会")).unwrap();
    }
    for query in ["budget", "bud", "预算会"] {
        let hits = store.search(query, 4, "ext.").unwrap();
        let kinds: Vec<(SearchKind, i64)> = hits.iter().map(|h| (h.kind, h.id)).collect();
        assert_eq!(kinds[..2], [(SearchKind::Customer, id), (SearchKind::Fact, fact)], "{query}");
        let newest: Vec<i64> = visits.iter().rev().take(1).copied().collect();
        assert_eq!(kinds[2], (SearchKind::Visit, newest[0]), "{query}");
        assert_eq!(kinds[3].0, SearchKind::Note, "{query}");
    }
}

/// Names found by their usual pinyin come before names found by another reading of one of
/// their characters: `wangwei` lists 王伟 before the newer 王立新 (立 also reads wei).
#[test]
fn a_name_by_its_usual_reading_comes_before_one_by_another_reading() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    for name in ["王伟", "王立新"] {
        store.add_customer(NewCustomer { name: name.into(), ..Default::default() }, NewDeal::default()).unwrap();
    }
    let customer = |name: &str| (SearchKind::Customer, name.to_string());
    assert_eq!(titles(&store, "wangwei"), [customer("王伟"), customer("王立新")]);
    assert_eq!(titles(&store, "wangli"), [customer("王立新")]);
}

#[test]
fn one_letter_in_the_search_box_finds_names_that_start_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    corpus(&mut store);
    let names = store.search_names("w", 50, "ext.").unwrap();
    assert!(names.iter().any(|h| h.title.contains("王伟")), "王伟 by the w of wang wei: {names:?}");
    assert!(names.iter().all(|h| matches!(h.kind, SearchKind::Customer | SearchKind::Contact)), "{names:?}");
    let everything = store.search("w", 50, "ext.").unwrap();
    assert!(everything.len() >= names.len(), "the command's search still asks every word");
}

/// A hit's excerpt shows the phone in the groups every other view shows (`138 1234 5678`),
/// its extension after the word the caller gives (`转` / `ext.`), whatever way it was found.
#[test]
fn a_hits_phone_reads_in_groups() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let new = NewCustomer { name: "王伟".into(), phone: "13812345678".into(), ..Default::default() };
    let id = store.add_customer(new, NewDeal::default()).unwrap();
    let person = NewContact {
        name: "Anna Berg".into(),
        title: String::new(),
        phone: "0512-6578 1234 转 806".into(),
        email: String::new(),
        style: Style::Unknown,
        roles: Vec::new(),
    };
    store.add_contact(id, &person).unwrap();
    for query in ["13812345678", "5678", "138 1234", "王伟"] {
        let hits = store.search(query, 5, "转").unwrap();
        assert!(hits[0].excerpt.contains("138 1234 5678"), "{query}: {:?}", hits[0].excerpt);
        assert!(!hits[0].excerpt.contains("13812345678"), "{query}");
    }
    let anna = store.search("Anna", 5, "ext.").unwrap();
    assert!(anna[0].excerpt.contains("0512 6578 1234 ext. 806"), "{:?}", anna[0].excerpt);
    let anna = store.search("806", 5, "转").unwrap();
    assert!(anna.iter().all(|h| !h.excerpt.contains(";ext=")), "{anna:?}");
}

/// A rep searches for a person as they call them (单总, 李工, 王姐, 张经理): the accounts and
/// people named 单, those called 总 somewhere in their record (a nickname, a title) first, then
/// the others named 单; never one with 单 inside the name (王单) nor a visit about an order
/// (订单). Before, 单总 found nothing unless the record said 单总.
#[test]
fn a_surname_and_how_a_rep_addresses_them_finds_the_person() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let mut add = |name: &str, nickname: &str, title: &str| {
        let new = NewCustomer {
            name: name.into(),
            nickname: nickname.into(),
            title: title.into(),
            company: "迈科医疗".into(),
            ..Default::default()
        };
        store.add_customer(new, NewDeal::default()).unwrap()
    };
    let boss = add("单明辉", "单主管", "总经理");
    add("单丽", "", "采购");
    add("王单", "", "总监");
    add("李强", "李工", "工程师");
    add("李娜", "", "财务");
    store.add_visit(boss, visit("确认订单", "带上合同", "签字")).unwrap();
    let contact = NewContact {
        name: "单涛".into(),
        title: "总监".into(),
        phone: String::new(),
        email: String::new(),
        style: Style::Unknown,
        roles: Vec::new(),
    };
    store.add_contact(boss, &contact).unwrap();
    let named = |query: &str| -> Vec<String> { titles(&store, query).into_iter().map(|(_, title)| title).collect() };
    assert_eq!(named("单总"), ["单明辉", "单丽", "单涛"]);
    assert_eq!(named("李工"), ["李强", "李娜"], "the nickname says 李工");
    assert_eq!(named("张经理"), Vec::<String>::new(), "nobody is named 张");
    assert_eq!(named("订单"), ["确认订单"], "the visit alone");
}
