//! Search on a temporary file: every hit contains every term, and no row that contains every
//! term is missed — checked against a brute-force scan of the same rows, for fixed tricky
//! queries and for many terms cut at random from the rows themselves.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use fieldbook::clock::Clock;
use fieldbook::domain::{FactCategory, NewCustomer, NewFact, VisitInput};
use fieldbook::store::search_text::is_cjk;
use fieldbook::store::{NewDeal, SearchKind, Store};

/// A row of the corpus: its kind, id and the text fields the index holds.
struct Row {
    kind: SearchKind,
    id: i64,
    text: String,
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
        rows.push(Row { kind: SearchKind::Customer, id, text: [name, company, title].join(" · ") });
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
        rows.push(Row { kind: SearchKind::Visit, id, text: [*p, *a, *e].join(" · ") });
    }
    for body in ["喜欢钓鱼，两个孩子", "Prefers calls before 10:00 — not Mondays", "inbox: 王 asked for a-b test"]
    {
        let customer = if body.starts_with("inbox") { None } else { Some(first) };
        let id = store.add_note(customer, body).unwrap();
        rows.push(Row { kind: SearchKind::Note, id, text: body.into() });
    }
    for (label, value) in [("hobby", "fly fishing 钓鱼"), ("decides", "刘总 and finance"), ("budget", "¥200k FY2031")]
    {
        let id = store
            .add_fact(
                first,
                &NewFact {
                    category: FactCategory::Personal,
                    label: label.to_string(),
                    value: value.to_string(),
                    month_day: None,
                },
            )
            .unwrap();
        rows.push(Row { kind: SearchKind::Fact, id, text: [label, value].join(" · ") });
    }
    rows
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// The oracle: each term, lower-cased and stripped of surrounding punctuation, occurs in the
/// row's lower-cased text — anywhere when it starts with a Chinese character, else at a word start.
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
                (0..text.len()).any(|i| {
                    text[i..].starts_with(term) && (!is_word_char(term[0]) || i == 0 || !is_word_char(text[i - 1]))
                })
            })
        })
        .map(|row| (format!("{:?}", row.kind), row.id))
        .collect()
}

fn found(store: &Store, query: &str) -> BTreeSet<(String, i64)> {
    store.search(query, 1000).unwrap().into_iter().map(|h| (format!("{:?}", h.kind), h.id)).collect()
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
    let hits = store.search("预算", 10).unwrap();
    let visit = hits.iter().find(|h| h.kind == SearchKind::Visit).unwrap();
    assert_eq!(visit.title, "确认预算和决策流程");
    assert!(visit.excerpt.contains("预算"));
    assert_eq!(visit.customer.as_ref().unwrap().name, "王伟");
    let inbox = store.search("a-b", 10).unwrap();
    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0].customer, None);
    assert!(inbox[0].at.is_some());
    let customer = &store.search("hangzhou", 10).unwrap()[0];
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
    let hits = store.search("钱多多", 10).unwrap();
    assert_eq!(hits.len(), 10);
    assert_eq!((hits[0].kind, hits[0].id), (SearchKind::Customer, id));
    let visit_ids: Vec<i64> = hits[1..].iter().map(|h| h.id).collect();
    let mut newest_first = visit_ids.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(visit_ids, newest_first, "newest first within a kind");
    assert!(store.search("钱多多", 0).unwrap().is_empty());
}
