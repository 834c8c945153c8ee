//! Demo accounts read aloud sound real. A visit's purpose is the work of the step its deal was
//! at that moment (no "Confirm budget" while the deal is still at Approach, nor planned beside
//! a deal the account's screen shows at Preparation); the next step left after a deal moved
//! is that deal's, about what that deal sells; important dates come as life gives them.

use chrono::{NaiveDate, NaiveDateTime};
use fieldbook::clock::Clock;
use fieldbook::demo::{self, DemoSize};
use fieldbook::i18n::Lang;
use fieldbook::store::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 8).unwrap()
}

fn loaded(dir: &tempfile::TempDir, size: DemoSize) -> rusqlite::Connection {
    loaded_in(dir, size, Lang::En)
}

fn loaded_in(dir: &tempfile::TempDir, size: DemoSize, lang: Lang) -> rusqlite::Connection {
    let path = dir.path().join(format!("{}-{}.db", size.customers, lang.tag()));
    let mut store = Store::open(&path, Clock::Fixed(today())).unwrap();
    demo::load(&mut store, size, 42, lang, false).unwrap();
    rusqlite::Connection::open(&path).unwrap()
}

fn sizes() -> [DemoSize; 2] {
    [DemoSize::default(), DemoSize { customers: 300, visits: 4000 }]
}

/// A visit's or a move's moment, as the store writes it ("2026-12-08 09:30" or RFC 3339).
fn moment(at: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M:%SZ"))
        .unwrap_or_else(|e| panic!("{at}: {e}"))
}

/// The step whose work an English purpose is (None for one that keeps in touch or cares for
/// a customer after a sale, which fits any step).
fn step_of(purpose: &str) -> Option<&'static str> {
    let steps: [(&str, &[&str]); 5] = [
        ("preparation", &["Book a first meeting", "Follow-up call: did the brochure", "Message "]),
        ("approach", &["First visit", "Find the decision maker", "Second visit"]),
        ("survey", &["Survey: ", "Confirm budget"]),
        ("presentation", &["Handle the price objection"]),
        ("close", &["Close the deal", "Final terms with"]),
    ];
    if purpose.starts_with("Show the ") && purpose.ends_with(" to engineering") {
        return Some("presentation");
    }
    steps.iter().find(|(_, starts)| starts.iter().any(|s| purpose.starts_with(s))).map(|(step, _)| *step)
}

/// Every visit tied to a deal with a step's work as its purpose: (visit, deal, its moment,
/// purpose, planned, the deal's step at that moment).
fn stepped_visits(conn: &rusqlite::Connection) -> Vec<(i64, i64, String, String, bool, Option<String>)> {
    let mut stmt = conn
        .prepare(
            "SELECT v.id, v.deal_id, coalesce(v.done_at, v.planned_at), v.purpose, v.done_at IS NULL
             FROM visit v WHERE v.deal_id IS NOT NULL ORDER BY v.id",
        )
        .unwrap();
    let visits: Vec<(i64, i64, String, String, bool)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut moves = conn.prepare("SELECT at, to_stage FROM stage_event WHERE deal_id = ?1 ORDER BY id").unwrap();
    visits
        .into_iter()
        .filter(|v| step_of(&v.3).is_some())
        .map(|(id, deal, at, purpose, planned)| {
            let history: Vec<(String, String)> =
                moves.query_map([deal], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
            let then = history.iter().rev().find(|(m, _)| moment(m) <= moment(&at)).map(|(_, s)| s.clone());
            (id, deal, at, purpose, planned, then)
        })
        .collect()
}

#[test]
fn a_visit_s_purpose_is_the_work_of_the_step_its_deal_was_at() {
    for size in sizes() {
        let dir = tempfile::tempdir().unwrap();
        let conn = loaded(&dir, size);
        let visits = stepped_visits(&conn);
        assert!(visits.len() > 300, "{} visits with a step's work", visits.len());
        let misfits: Vec<String> = visits
            .iter()
            // (The visit a deal was opened after is its preparation.)
            .filter(|(.., purpose, _, then)| Some(then.as_deref().unwrap_or("preparation")) != step_of(purpose))
            .map(|(id, deal, at, purpose, _, then)| format!("#{id} {at} deal {deal} at {then:?}: {purpose}"))
            .collect();
        assert!(misfits.is_empty(), "{} accounts: {misfits:#?}", size.customers);
    }
}

/// A planned visit is about the deal the account's screen shows (its newest open deal), at the
/// step it shows.
#[test]
fn a_planned_visit_is_about_the_deal_the_account_shows() {
    for size in sizes() {
        let dir = tempfile::tempdir().unwrap();
        let conn = loaded(&dir, size);
        let shown = |visit: i64| -> i64 {
            conn.query_row(
                "SELECT max(d.id) FROM deal d JOIN visit v ON v.customer_id = d.customer_id
                 WHERE v.id = ?1 AND d.state = 'open'",
                [visit],
                |r| r.get(0),
            )
            .unwrap()
        };
        let planned: Vec<_> = stepped_visits(&conn).into_iter().filter(|v| v.4).collect();
        assert!(planned.len() > 20, "{} planned", planned.len());
        let other: Vec<String> = planned
            .iter()
            .filter(|(id, deal, ..)| shown(*id) != *deal)
            .map(|(id, deal, at, purpose, ..)| format!("#{id} {at} deal {deal}, shown {}: {purpose}", shown(*id)))
            .collect();
        assert!(other.is_empty(), "{} accounts: {other:#?}", size.customers);
    }
}

/// What an English deal title sells ("servers for the new plant" → "servers").
fn product(title: &str) -> &str {
    [" purchase", " for this year", " framework agreement", " for the new plant"]
        .iter()
        .find_map(|suffix| title.strip_suffix(suffix))
        .unwrap_or(title)
}

/// A next step tied to a deal names no other deal's product ("Find out who decides on the
/// battery cabinets" on the solar inverters deal that followed them), and an account whose
/// deal moved after its last visit has that deal's step open.
#[test]
fn the_next_step_after_a_deal_moves_is_that_deal_s() {
    for size in sizes() {
        let dir = tempfile::tempdir().unwrap();
        let conn = loaded(&dir, size);
        let mut stmt = conn
            .prepare(
                "SELECT s.id, s.text, d.title, o.title FROM next_step s JOIN deal d ON d.id = s.deal_id
                 JOIN deal o ON o.customer_id = d.customer_id AND o.id <> d.id",
            )
            .unwrap();
        let rows: Vec<(i64, String, String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(rows.len() > 100, "{} steps of accounts with several deals", rows.len());
        let named: Vec<_> = rows
            .iter()
            .filter(|(_, text, own, other)| text.contains(product(other)) && !text.contains(product(own)))
            .collect();
        assert!(named.is_empty(), "{} accounts: another deal's product: {named:#?}", size.customers);
        // The deal that moved last after the account's last visit, and the deal of its open step.
        let mut stmt = conn
            .prepare(
                "WITH last AS (SELECT customer_id, max(done_at) AS at FROM visit
                               WHERE done_at IS NOT NULL GROUP BY customer_id)
                 SELECT l.customer_id, l.at,
                        (SELECT e.deal_id FROM stage_event e JOIN deal d ON d.id = e.deal_id
                         WHERE d.customer_id = l.customer_id ORDER BY e.at DESC, e.id DESC LIMIT 1),
                        (SELECT e.at FROM stage_event e JOIN deal d ON d.id = e.deal_id
                         WHERE d.customer_id = l.customer_id ORDER BY e.at DESC, e.id DESC LIMIT 1),
                        (SELECT s.deal_id FROM next_step s JOIN visit v ON v.id = s.visit_id
                         WHERE v.customer_id = l.customer_id AND v.done_at = l.at AND s.done_at IS NULL)
                 FROM last l",
            )
            .unwrap();
        let rows: Vec<(i64, String, i64, String, Option<i64>)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let moved: Vec<_> = rows.iter().filter(|r| moment(&r.3) > moment(&r.1) && r.4.is_some()).collect();
        assert!(moved.len() > 10, "{} accounts whose deal moved since their last visit", moved.len());
        let other: Vec<_> = moved.iter().filter(|r| r.4 != Some(r.2)).collect();
        assert!(other.is_empty(), "{} accounts: the open step is another deal's: {other:#?}", size.customers);
    }
}

/// Important dates come as life gives them: a birthday is as likely on any day, so a week of
/// the default book holds about its share of the year (eight birthdays in a week were three
/// times that), and the one the rep knows is a key person's (the decision maker's or the
/// insider's, when one is known).
#[test]
fn birthdays_come_at_life_s_rate_and_are_key_people_s() {
    for lang in [Lang::En, Lang::ZhCn] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dates.db");
        let mut store = Store::open(&path, Clock::Fixed(today())).unwrap();
        demo::load(&mut store, DemoSize::default(), 42, lang, false).unwrap();
        let conn = rusqlite::Connection::open(&path).unwrap();
        let q = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        let birthday = if lang == Lang::En { "'birthday'" } else { "'生日'" };
        let known = q(&format!("SELECT count(*) FROM customer_fact WHERE label = {birthday}"));
        let this_week = q(&format!(
            "SELECT count(*) FROM customer_fact WHERE label = {birthday} AND month_day BETWEEN '12-08' AND '12-14'"
        ));
        let share = known as f64 * 7.0 / 365.0;
        assert!(this_week >= 1 && this_week as f64 <= 2.0 * share + 2.0, "{lang:?}: {this_week} of {known}");
        let dates = q("SELECT count(*) FROM customer_fact WHERE month_day BETWEEN '12-08' AND '12-14'");
        assert!(dates <= 6, "{lang:?}: {dates} important dates this week");
        // Whose birthday: the person it is about (the account's own when none is named).
        let not_key = q(&format!(
            "WITH key AS (SELECT c.customer_id, c.id FROM contact c JOIN contact_role r ON r.contact_id = c.id
                          WHERE r.role IN ('decision-maker', 'insider'))
             SELECT count(*) FROM customer_fact f
             WHERE f.label = {birthday} AND f.customer_id IN (SELECT customer_id FROM key)
               AND coalesce(f.contact_id, (SELECT min(id) FROM contact WHERE customer_id = f.customer_id))
                   NOT IN (SELECT id FROM key)"
        ));
        assert_eq!(not_key, 0, "{lang:?}: birthdays of others while a key person is known");
    }
}

/// The visits planned ahead are spread over the working days to come, not heaped on the first
/// one after a holiday (an English rep's book had 43 on the Monday after the Christmas break).
#[test]
fn planned_visits_are_not_heaped_after_a_holiday() {
    for lang in [Lang::En, Lang::ZhCn] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.db");
        let mut store = Store::open(&path, Clock::Fixed(today())).unwrap();
        demo::load(&mut store, DemoSize::default(), 42, lang, false).unwrap();
        let conn = rusqlite::Connection::open(&path).unwrap();
        let (busiest, days, planned): (i64, i64, i64) = conn
            .query_row(
                "SELECT max(n), count(*), sum(n) FROM (SELECT count(*) AS n FROM visit WHERE done_at IS NULL
                                                       GROUP BY substr(planned_at, 1, 10))",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        // (Three times a day's share at most: 43 was seven times it.)
        assert!(busiest <= 3 * planned / days, "{lang:?}: {busiest} of {planned} visits planned on one of {days} days");
    }
}

/// Who an account's people are, read aloud: an account whose deal reached the presentation
/// knows who signs (a key account won two years ago had "no decision maker known", and
/// "Final terms with the GM" was planned where nobody was known to decide), one insider at most (an account
/// had two), and an English-named company's people have office lines in its city (a Suzhou
/// company's CTO was on a Nanjing line).
#[test]
fn an_account_s_people_are_who_a_rep_would_know() {
    for lang in [Lang::En, Lang::ZhCn] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("people.db");
        let mut store = Store::open(&path, Clock::Fixed(today())).unwrap();
        demo::load(&mut store, DemoSize { customers: 300, visits: 3000 }, 42, lang, false).unwrap();
        let conn = rusqlite::Connection::open(&path).unwrap();
        let q = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        let role = |role: &str| {
            format!(
                "SELECT 1 FROM contact p JOIN contact_role r ON r.contact_id = p.id WHERE p.customer_id = c.id AND r.role = '{role}'"
            )
        };
        let far = "EXISTS (SELECT 1 FROM deal WHERE customer_id = c.id AND stage IN ('presentation', 'close'))";
        let known = q(&format!("SELECT count(*) FROM customer c WHERE {far}"));
        assert!(known > 50, "{lang:?}: {known} accounts at the presentation or later");
        let unknown =
            q(&format!("SELECT count(*) FROM customer c WHERE {far} AND NOT EXISTS ({})", role("decision-maker")));
        assert_eq!(unknown, 0, "{lang:?}: accounts at the presentation or later with nobody known to decide");
        let insiders = q(&format!(
            "SELECT count(*) FROM customer c WHERE ({}) > 1",
            role("insider").replace("SELECT 1", "SELECT count(*)")
        ));
        assert_eq!(insiders, 0, "{lang:?}: accounts with two insiders");
        let lines = q(
            "SELECT count(*) FROM contact p JOIN customer c ON c.id = p.customer_id
             WHERE c.name LIKE '% %' AND substr(p.phone, 1, length(p.phone) - 8) <> substr(c.phone, 1, length(c.phone) - 8)",
        );
        assert_eq!(lines, 0, "{lang:?}: colleagues on another city's office line");
    }
}

/// A visit asks how the project stands only while a deal is open ("waiting for budget
/// approval" a year after the account's only deal was won, or before it had one), and a
/// Chinese purpose does not say a word twice ("给技术部展示展示冷柜").
#[test]
fn a_project_is_asked_after_only_while_one_is_open() {
    for (lang, purpose) in [(Lang::En, "Call to ask how the project stands"), (Lang::ZhCn, "电话问问项目进展")]
    {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("project.db");
        let mut store = Store::open(&path, Clock::Fixed(today())).unwrap();
        demo::load(&mut store, DemoSize::default(), 42, lang, false).unwrap();
        let conn = rusqlite::Connection::open(&path).unwrap();
        let mut stmt = conn
            .prepare(
                "SELECT v.id, coalesce(v.done_at, v.planned_at),
                        (SELECT group_concat(d.created_at || '/' || coalesce(d.closed_at, '9999'), ' ')
                         FROM deal d WHERE d.customer_id = v.customer_id)
                 FROM visit v WHERE v.purpose = ?1",
            )
            .unwrap();
        let visits: Vec<(i64, String, Option<String>)> =
            stmt.query_map([purpose], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect();
        assert!(visits.len() > 20, "{lang:?}: {} project calls", visits.len());
        let idle: Vec<_> = visits
            .iter()
            .filter(|(_, at, deals)| {
                let at = moment(at);
                !deals.iter().flat_map(|d| d.split(' ')).any(|span| {
                    let (open, close) = span.split_once('/').unwrap();
                    moment(open) <= at && (close == "9999" || at < moment(close))
                })
            })
            .collect();
        assert!(idle.is_empty(), "{lang:?}: project calls with no deal open: {idle:#?}");
        let doubled: i64 =
            conn.query_row("SELECT count(*) FROM visit WHERE purpose LIKE '%展示展示%'", [], |r| r.get(0)).unwrap();
        assert_eq!(doubled, 0);
    }
}

/// Who a visit met agrees with what it says: final terms are talked with the decision maker
/// (the Chinese book had "和李董谈最终条款: 李董出差了，只见到助理" with 李董 among those met,
/// and final terms planned with Martin Mitchell without him), the visit that looks for who
/// decides has not met them yet; and who decides was not born in 1997.
#[test]
fn who_a_visit_met_agrees_with_what_it_says() {
    for (lang, terms, find, birthday) in [
        (Lang::En, "Final terms with %", "Find the decision maker", "birthday"),
        (Lang::ZhCn, "和%谈最终条款", "找到拍板的人", "生日"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("met.db");
        let mut store = Store::open(&path, Clock::Fixed(today())).unwrap();
        demo::load(&mut store, DemoSize { customers: 300, visits: 4000 }, 42, lang, false).unwrap();
        let conn = rusqlite::Connection::open(&path).unwrap();
        let q = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        let decider_met = "EXISTS (SELECT 1 FROM visit_contact m JOIN contact_role r ON r.contact_id = m.contact_id
                                   WHERE m.visit_id = v.id AND r.role = 'decision-maker')";
        let terms_with = |outcome: &str| {
            q(&format!(
                "SELECT count(*) FROM visit v WHERE v.purpose LIKE '{terms}' AND {outcome} AND NOT {decider_met}
                   AND EXISTS (SELECT 1 FROM contact c JOIN contact_role r ON r.contact_id = c.id
                               WHERE c.customer_id = v.customer_id AND r.role = 'decision-maker')"
            ))
        };
        assert_eq!(terms_with("coalesce(v.outcome, '') <> 'not-met'"), 0, "{lang:?}: final terms without who decides");
        let away = q(&format!(
            "SELECT count(*) FROM visit v WHERE v.purpose LIKE '{terms}' AND v.outcome = 'not-met' AND {decider_met}"
        ));
        assert_eq!(away, 0, "{lang:?}: who decides was away, yet met");
        let found = q(&format!("SELECT count(*) FROM visit v WHERE v.purpose = '{find}' AND {decider_met}"));
        assert_eq!(found, 0, "{lang:?}: who decides met while still being looked for");
        assert!(q(&format!("SELECT count(*) FROM visit v WHERE v.purpose LIKE '{terms}'")) > 10);
        let young = q(&format!(
            "SELECT count(*) FROM customer_fact f JOIN contact c ON c.id = coalesce(f.contact_id,
                (SELECT min(id) FROM contact WHERE customer_id = f.customer_id))
             JOIN contact_role r ON r.contact_id = c.id AND r.role = 'decision-maker'
             WHERE f.label = '{birthday}' AND substr(f.value, 1, 4) > '1985'"
        ));
        assert_eq!(young, 0, "{lang:?}: decision makers born after 1985");
    }
}

/// An account has one visit planned on a day at most (two calls to one account today, at nine
/// and at three, read as a slip).
#[test]
fn an_account_has_one_visit_planned_a_day() {
    for lang in [Lang::En, Lang::ZhCn] {
        let dir = tempfile::tempdir().unwrap();
        let conn = loaded_in(&dir, DemoSize::default(), lang);
        let twice: i64 = conn
            .query_row(
                "SELECT count(*) FROM (SELECT 1 FROM visit WHERE done_at IS NULL
                                       GROUP BY customer_id, substr(planned_at, 1, 10) HAVING count(*) > 1)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(twice, 0, "{lang:?}: accounts with two visits planned on one day");
    }
}
