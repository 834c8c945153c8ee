//! Digits find phone numbers: over a generated set of numbers (mobiles with and without +86,
//! landlines with dashes, several numbers in one field, extensions), every digit search —
//! the last four, a run from the middle, the whole number typed with or without spaces, a
//! country code or a trunk zero — finds exactly the accounts and people whose numbers hold
//! those digits, as a scan of the stored numbers says; and the customers filter finds the
//! accounts whose own numbers hold them.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use fieldbook::clock::Clock;
use fieldbook::domain::{NewContact, NewCustomer, Style};
use fieldbook::store::{CustomerFilter, CustomerSort, NewDeal, SearchKind, Store};

/// Where a number may be found: an account (false) or a person of one (true), by id.
type Found = BTreeSet<(bool, i64)>;

/// A name without digits (digits in a name would be found by its words).
fn letters(mut n: usize) -> String {
    let mut out = String::new();
    loop {
        out.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
        if n == 0 {
            return out;
        }
    }
}

/// A digit, often one of a few (so that runs are shared between numbers, as in life).
fn digit(rng: &mut fastrand::Rng) -> char {
    if rng.bool() { ['0', '1', '9'][rng.usize(..3)] } else { rng.char('0'..='9') }
}

fn digits(rng: &mut fastrand::Rng, n: usize) -> String {
    (0..n).map(|_| digit(rng)).collect()
}

/// A phone field as a rep or an import writes one.
fn phone(rng: &mut fastrand::Rng) -> String {
    let mobile = |rng: &mut fastrand::Rng| format!("13{}", digits(rng, 9));
    match rng.u8(..7) {
        0 => mobile(rng),
        1 => {
            let m = mobile(rng);
            format!("+86 {} {} {}", &m[..3], &m[3..7], &m[7..])
        }
        2 => format!("0{}-{}-{}", digits(rng, 2), digits(rng, 4), digits(rng, 4)),
        3 => format!("+1 ({}) 555-{}", digits(rng, 3), digits(rng, 4)),
        4 => format!("{} / 021 {} {}", mobile(rng), digits(rng, 4), digits(rng, 4)),
        5 => format!("0512-{} {} 转 {}", digits(rng, 4), digits(rng, 4), digits(rng, 3)),
        _ => format!("00{}", digits(rng, 8)),
    }
}

/// The digit strings of each number of a stored phone field (as search keys split it).
fn numbers(stored: &str) -> Vec<String> {
    stored
        .split([',', ';', '/', '，', '；', '、'])
        .map(|n| n.chars().filter(char::is_ascii_digit).collect::<String>())
        .filter(|d| d.len() >= 4)
        .collect()
}

/// Digits a search for `typed` may stand for: as typed first; without a country code (after
/// `+` or `00`) or a trunk zero (after one `0`) too.
fn readings(typed: &str) -> (String, Vec<String>) {
    let all: String = typed.chars().filter(char::is_ascii_digit).collect();
    let typed = typed.trim_start_matches('(');
    let cut: &[usize] = if typed.starts_with('+') {
        &[1, 2, 3]
    } else if typed.starts_with("00") {
        &[2, 3, 4, 5]
    } else if typed.starts_with('0') {
        &[1]
    } else {
        &[]
    };
    let looser = cut.iter().filter_map(|n| all.get(*n..)).filter(|r| r.len() >= 4).map(str::to_string).collect();
    (all, looser)
}

#[test]
fn every_digit_search_finds_the_numbers_holding_those_digits() {
    let dir = tempfile::tempdir().unwrap();
    let today = NaiveDate::from_ymd_opt(2031, 5, 6).unwrap();
    let mut store = Store::open(&dir.path().join("digits.db"), Clock::Fixed(today)).unwrap();
    let mut rng = fastrand::Rng::with_seed(7);
    for i in 0..240 {
        let new = NewCustomer { name: format!("Ann {}", letters(i)), phone: phone(&mut rng), ..Default::default() };
        let id = store.add_customer(new, NewDeal::default()).unwrap();
        if i % 3 == 0 {
            let person = NewContact {
                name: format!("Bo {}", letters(i)),
                title: String::new(),
                phone: phone(&mut rng),
                email: String::new(),
                style: Style::Unknown,
                roles: Vec::new(),
            };
            store.add_contact(id, &person).unwrap();
        }
    }
    let conn =
        rusqlite::Connection::open_with_flags(dir.path().join("digits.db"), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let mut stored: Vec<((bool, i64), Vec<String>)> = Vec::new();
    for (person, sql) in [
        (false, "SELECT id, phone FROM customer"),
        (true, "SELECT p.id, p.phone FROM contact p JOIN customer c ON c.id = p.customer_id WHERE p.name <> c.name"),
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))).unwrap();
        stored.extend(rows.map(Result::unwrap).map(|(id, phone)| ((person, id), numbers(&phone))));
    }
    let holding = |runs: &[String]| -> Found {
        stored
            .iter()
            .filter(|(_, ns)| ns.iter().any(|n| runs.iter().any(|r| n.contains(r.as_str()))))
            .map(|(k, _)| *k)
            .collect()
    };

    // Queries cut from the stored numbers, typed as a rep types them, and some that miss.
    let mut queries = vec!["0009 9999".to_string(), "9999".into(), "+86 138 0000 1111".into(), "4321 8765".into()];
    for (_, ns) in stored.iter().step_by(3) {
        let Some(n) = ns.first() else { continue };
        let start = rng.usize(..=n.len() - 4);
        let len = rng.usize(4..=n.len() - start);
        queries.push(n[n.len() - 4..].to_string());
        queries.push(n[start..start + len].to_string());
        queries.push(n.clone());
        if n.len() == 11 {
            queries.push(format!("{} {} {}", &n[..3], &n[3..7], &n[7..]));
            queries.push(format!("+86 {} {} {}", &n[..3], &n[3..7], &n[7..]));
            queries.push(format!("+86{n}"));
            queries.push(format!("{}-{}", &n[3..7], &n[7..]));
        }
        if n.len() >= 8 {
            queries.push(format!("{} {}", &n[n.len() - 8..n.len() - 4], &n[n.len() - 4..]));
            queries.push(format!("0{}", &n[n.len() - 7..]));
        }
    }
    let mut found_some = 0;
    for query in &queries {
        let (typed, looser) = readings(query);
        let as_typed = holding(std::slice::from_ref(&typed));
        let expected = if as_typed.is_empty() { holding(&looser) } else { as_typed };
        let hits: Found = store
            .search(query, 1000, "ext.")
            .unwrap()
            .into_iter()
            .filter(|h| matches!(h.kind, SearchKind::Customer | SearchKind::Contact))
            .map(|h| (h.kind == SearchKind::Contact, h.id))
            .collect();
        assert_eq!(hits, expected, "search {query:?}");
        found_some += usize::from(!hits.is_empty());

        let all: Vec<String> = std::iter::once(typed).chain(looser).collect();
        let accounts: BTreeSet<i64> =
            holding(&all).into_iter().filter(|(person, _)| !person).map(|(_, id)| id).collect();
        let filter = CustomerFilter { text: Some(query.clone()), ..Default::default() };
        let listed: BTreeSet<i64> =
            store.list_customers(&filter, CustomerSort::Name, 1000, 0).unwrap().into_iter().map(|r| r.id).collect();
        assert_eq!(listed, accounts, "customers filter {query:?}");
    }
    assert!(found_some > queries.len() / 2, "{found_some} of {} found something", queries.len());
}
