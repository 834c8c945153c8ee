//! `fieldbook report`: the JSON's figures match what this test computes on its own from the
//! rows it inserted (deals with a step history, visits with outcomes and next steps, accounts
//! with won value); text and CSV carry the same figures; bad periods are refused.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde_json::Value;

use crate::common::Env;

const STEPS: [&str; 5] = ["preparation", "approach", "survey", "presentation", "close"];
const ODDS: [i64; 5] = [10, 20, 40, 60, 80];
/// The custom period of the test: 2031-04-01 to 2031-05-06 (today), in UTC (TZ=UTC).
const FROM: &str = "2031-04-01T00:00:00Z";
const END: &str = "2031-05-07T00:00:00Z";

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn stamp(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// One deal as inserted: its history of (time, step index, state) and what it is now.
struct TestDeal {
    customer: i64,
    currency: &'static str,
    value: i64,
    events: Vec<(NaiveDateTime, usize, &'static str)>,
    reason: &'static str,
    close_on: Option<NaiveDate>,
}

impl TestDeal {
    fn last(&self) -> (NaiveDateTime, usize, &'static str) {
        *self.events.last().unwrap()
    }
}

struct Visit {
    customer: i64,
    channel: &'static str,
    planned: Option<NaiveDateTime>,
    done: Option<NaiveDateTime>,
    outcome: Option<&'static str>,
}

fn env_utc() -> Env {
    Env::empty()
}

fn run_json(env: &Env, args: &[&str]) -> Value {
    let out = env.cmd().env("TZ", "UTC").args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Inserts customers, deals with histories and visits, all before today (2031-05-06 09:00).
/// What [`seed`] inserted: deals, visits, each customer's (class, quadrant), and next steps
/// (due, done).
type Seeded = (Vec<TestDeal>, Vec<Visit>, Vec<(String, Option<String>)>, Vec<(NaiveDate, Option<NaiveDate>)>);

fn seed(env: &Env) -> Seeded {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    register_search_functions(&conn);
    let mut rng = fastrand::Rng::with_seed(14);
    let classes = ["potential", "intent", "quasi", "ordinary", "quality", "key", "lost"];
    let quadrants = [None, Some("star"), Some("question-mark"), Some("cash-cow"), Some("dog")];
    let reasons = ["price", "timing", "Price", "competitor"];
    let channels = ["in-person", "phone", "video", "message"];
    let outcomes = [None, Some("met"), Some("partly"), Some("not-met")];
    let today = day("2031-05-06").and_hms_opt(9, 0, 0).unwrap();
    let mut customers = Vec::new();
    for c in 1..=12_i64 {
        let class = classes[rng.usize(..classes.len())];
        let quadrant = quadrants[rng.usize(..quadrants.len())];
        conn.execute(
            "INSERT INTO customer (id, name, class, portfolio, created_at, updated_at, last_contact_on)
             VALUES (?1, ?2, ?3, ?4, '2031-01-01T00:00:00Z', '2031-01-01T00:00:00Z', '2031-05-01')",
            rusqlite::params![c, format!("Customer {c}"), class, quadrant],
        )
        .unwrap();
        customers.push((class.to_string(), quadrant.map(String::from)));
    }
    let mut deals = Vec::new();
    for k in 0..40 {
        let customer = 1 + (k % 12) as i64;
        let currency = if k % 3 == 0 { "USD" } else { "CNY" };
        let value = 100 * rng.i64(1..5000);
        let mut t = day("2031-02-15").and_hms_opt(10, 0, 0).unwrap() + Duration::hours(rng.i64(0..24 * 70));
        let mut step = 0;
        let mut events = vec![(t, 0, "open")];
        let mut reason = "";
        loop {
            let next = t + Duration::hours(rng.i64(12..24 * 20));
            if next >= today {
                break;
            }
            t = next;
            match rng.u8(..10) {
                0 => {
                    events.push((t, step, "won"));
                    break;
                }
                1 => {
                    reason = reasons[rng.usize(..reasons.len())];
                    events.push((t, step, "lost"));
                    break;
                }
                2 if step > 0 => step -= 1,
                _ if step < 4 => step += 1,
                _ => continue,
            }
            events.push((t, step, "open"));
        }
        let close_on = (rng.u8(..4) > 0).then(|| day("2031-04-20") + Duration::days(rng.i64(0..90)));
        deals.push(TestDeal { customer, currency, value, events, reason, close_on });
    }
    for (k, d) in deals.iter().enumerate() {
        let id = k as i64 + 1;
        let (last_at, last_step, state) = d.last();
        conn.execute(
            "INSERT INTO deal (id, customer_id, value_minor, currency, stage, state, lost_reason, expected_close_on,
                               stage_since, created_at, closed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            rusqlite::params![
                id,
                d.customer,
                d.value,
                d.currency,
                STEPS[last_step],
                state,
                d.reason,
                d.close_on.map(|c| c.to_string()),
                stamp(last_at),
                stamp(d.events[0].0),
                (state != "open").then(|| stamp(last_at)),
            ],
        )
        .unwrap();
        let mut prev: Option<(usize, &str)> = None;
        for (at, step, state) in &d.events {
            let reason = if *state == "lost" { d.reason } else { "" };
            conn.execute(
                "INSERT INTO stage_event (deal_id, from_stage, to_stage, from_state, to_state, at, reason)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                rusqlite::params![
                    id,
                    prev.map(|p| STEPS[p.0]),
                    STEPS[*step],
                    prev.map(|p| p.1),
                    state,
                    stamp(*at),
                    reason
                ],
            )
            .unwrap();
            prev = Some((*step, state));
        }
    }
    let mut visits = Vec::new();
    for _ in 0..120 {
        let customer = rng.i64(1..=12);
        let at = day("2031-03-20").and_hms_opt(9, 0, 0).unwrap() + Duration::hours(rng.i64(0..24 * 60));
        let planned_ahead = rng.bool();
        let done = at < today && rng.u8(..5) > 0;
        let v = Visit {
            customer,
            channel: channels[rng.usize(..4)],
            planned: planned_ahead.then_some(at),
            done: done.then_some(at),
            outcome: if done { outcomes[rng.usize(..4)] } else { None },
        };
        if v.planned.is_none() && v.done.is_none() {
            continue;
        }
        conn.execute(
            "INSERT INTO visit (customer_id, channel, planned_at, done_at, purpose, action_plan, expected_result,
                                outcome, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, 'p', 'a', 'e', ?5, '2031-01-01T00:00:00Z', '2031-01-01T00:00:00Z')",
            rusqlite::params![
                v.customer,
                v.channel,
                v.planned.map(|t| t.format("%Y-%m-%d %H:%M").to_string()),
                v.done.map(|t| t.format("%Y-%m-%d %H:%M").to_string()),
                v.outcome,
            ],
        )
        .unwrap();
        visits.push(v);
    }
    let mut steps = Vec::new();
    for _ in 0..60 {
        let due = day("2031-03-25") + Duration::days(rng.i64(0..60));
        let done = rng.bool().then(|| due + Duration::days(rng.i64(-5..6))).filter(|d| *d <= day("2031-05-06"));
        conn.execute(
            "INSERT INTO next_step (customer_id, text, due_on, done_at, created_at, updated_at)
             VALUES (?1, 'call back', ?2, ?3, '2031-01-01T00:00:00Z', '2031-01-01T00:00:00Z')",
            rusqlite::params![rng.i64(1..=12), due.to_string(), done.map(|d| format!("{d}T10:00:00Z"))],
        )
        .unwrap();
        steps.push((due, done));
    }
    (deals, visits, customers, steps)
}

/// The functions the schema's triggers call, as Fieldbook registers them.
fn register_search_functions(conn: &rusqlite::Connection) {
    use fieldbook::store::{search_keys, search_text};
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function("fb_search_text", 1, FunctionFlags::SQLITE_UTF8, |c| {
        Ok(search_text::index_text(&c.get::<Option<String>>(0)?.unwrap_or_default()))
    })
    .unwrap();
    conn.create_scalar_function("fb_search_keys", 4, FunctionFlags::SQLITE_UTF8, |c| {
        let t = |i: usize| -> rusqlite::Result<String> { Ok(c.get::<Option<String>>(i)?.unwrap_or_default()) };
        Ok(search_keys::search_keys(&t(0)?, &t(1)?, &t(2)?, &t(3)?).marked())
    })
    .unwrap();
    conn.create_scalar_function("fb_name_key", 2, FunctionFlags::SQLITE_UTF8, |c| {
        let t = |i: usize| -> rusqlite::Result<String> { Ok(c.get::<Option<String>>(i)?.unwrap_or_default()) };
        Ok(fieldbook::store::name_key::sort_key(&t(0)?, &t(1)?))
    })
    .unwrap();
}

fn within(t: NaiveDateTime) -> bool {
    let s = stamp(t);
    s.as_str() >= FROM && s.as_str() < END
}

/// Money in JSON (`[{"currency": "CNY", "minor": 1}]`) as a map.
fn totals(v: &Value) -> BTreeMap<String, i64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|m| (m["currency"].as_str().unwrap().to_string(), m["minor"].as_i64().unwrap()))
        .collect()
}

#[test]
fn json_figures_match_the_rows() {
    let env = env_utc();
    let (deals, visits, customers, steps) = seed(&env);
    let r = run_json(&env, &["report", "--from", "2031-04-01", "--to", "2031-05-06", "--format", "json"]);
    assert_eq!(r["period"]["from"], "2031-04-01");
    assert_eq!(r["period"]["to"], "2031-05-06");

    // Funnel: the steps each deal held in the period, in order.
    let mut reached = [0u64; 5];
    let mut moved_on = [0u64; 5];
    let mut won_from = [0u64; 5];
    let mut stays: [Vec<f64>; 5] = Default::default();
    for d in &deals {
        let mut held: Vec<(usize, &str)> = Vec::new();
        if let Some(before) = d.events.iter().rfind(|e| stamp(e.0).as_str() < FROM)
            && before.2 == "open"
        {
            held.push((before.1, "open"));
        }
        for (i, e) in d.events.iter().enumerate() {
            if within(e.0) {
                held.push((e.1, e.2));
                if let Some(p) = i.checked_sub(1).map(|p| d.events[p]).filter(|p| p.2 == "open")
                    && (p.1 != e.1 || e.2 != "open")
                {
                    stays[p.1].push((e.0 - p.0).num_seconds() as f64 / 86_400.0);
                }
            }
        }
        for s in 0..5 {
            let Some(first) = held.iter().position(|h| *h == (s, "open")) else { continue };
            reached[s] += 1;
            let later = &held[first + 1..];
            if later.iter().any(|h| h.1 == "won" || (h.1 == "open" && h.0 > s)) {
                moved_on[s] += 1;
            }
            if later.iter().any(|h| h.1 == "won") {
                won_from[s] += 1;
            }
        }
    }
    for s in 0..5 {
        let f = &r["funnel"][s];
        assert_eq!(f["step"], STEPS[s]);
        assert_eq!(f["reached"], reached[s], "reached {}", STEPS[s]);
        assert_eq!(f["moved_on"], moved_on[s], "moved on {}", STEPS[s]);
        assert_eq!(f["won"], won_from[s], "won from {}", STEPS[s]);
        let mut d = stays[s].clone();
        d.sort_by(f64::total_cmp);
        if d.is_empty() {
            assert!(f["median_days"].is_null());
        } else {
            let n = d.len();
            let median = if n % 2 == 1 { d[n / 2] } else { (d[n / 2 - 1] + d[n / 2]) / 2.0 };
            let p75 = d[(3 * n).div_ceil(4) - 1];
            assert!((f["median_days"].as_f64().unwrap() - median).abs() < 1e-9, "median {}", STEPS[s]);
            assert!((f["slowest_quarter_days"].as_f64().unwrap() - p75).abs() < 1e-9);
        }
    }
    assert!(reached.iter().sum::<u64>() > 0, "the seed gives the funnel something to count");

    // Results: closed in the period, per currency.
    let mut won: BTreeMap<&str, (u64, i64)> = BTreeMap::new();
    let mut lost: BTreeMap<&str, (u64, i64)> = BTreeMap::new();
    let mut reasons: BTreeMap<String, u64> = BTreeMap::new();
    for d in &deals {
        let (at, _, state) = d.last();
        if state != "open" && within(at) {
            let into = if state == "won" { &mut won } else { &mut lost };
            let e = into.entry(d.currency).or_default();
            e.0 += 1;
            e.1 += d.value;
            if state == "lost" {
                *reasons.entry(d.reason.to_lowercase()).or_default() += 1;
            }
        }
    }
    for (key, expected) in [("won", &won), ("lost", &lost)] {
        let got: BTreeMap<String, (u64, i64)> = r["results"][key]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["currency"].as_str().unwrap().to_string(),
                    (c["count"].as_u64().unwrap(), c["value_minor"].as_i64().unwrap()),
                )
            })
            .collect();
        let expected: BTreeMap<String, (u64, i64)> = expected.iter().map(|(c, v)| (c.to_string(), *v)).collect();
        assert_eq!(got, expected, "{key} per currency");
    }
    let (w, l): (u64, u64) = (won.values().map(|v| v.0).sum(), lost.values().map(|v| v.0).sum());
    assert!(w + l > 0, "the seed closes deals in the period");
    assert!((r["results"]["win_rate"].as_f64().unwrap() - w as f64 / (w + l) as f64).abs() < 1e-9);
    let top = &r["results"]["lost_reasons"][0];
    let most = reasons.values().max().copied().unwrap_or(0);
    assert_eq!(top["count"], most);
    assert!(reasons.get(&top["reason"].as_str().unwrap().to_lowercase()) == Some(&most));

    // Forecast: open deals now, weighted by step, per currency.
    let mut weighted: BTreeMap<String, i64> = BTreeMap::new();
    let mut counts = [0u64; 5];
    let mut in_period = 0u64;
    for d in deals.iter().filter(|d| d.last().2 == "open") {
        let step = d.last().1;
        counts[step] += 1;
        *weighted.entry(d.currency.to_string()).or_default() += d.value * ODDS[step] / 100;
        if d.close_on.is_some_and(|c| c >= day("2031-04-01") && c <= day("2031-05-06")) {
            in_period += 1;
        }
    }
    assert_eq!(totals(&r["forecast"]["weighted"]), weighted);
    for s in 0..5 {
        assert_eq!(r["forecast"]["steps"][s]["count"], counts[s]);
    }
    assert_eq!(r["forecast"]["in_period"]["count"], in_period);

    // Activity: visits of the period's days.
    let in_days = |t: NaiveDateTime| t.date() >= day("2031-04-01") && t.date() <= day("2031-05-06");
    let of_period: Vec<&Visit> = visits.iter().filter(|v| in_days(v.done.or(v.planned).unwrap())).collect();
    let done: Vec<&&Visit> = of_period.iter().filter(|v| v.done.is_some()).collect();
    let a = &r["activity"];
    assert_eq!(a["done"], done.len() as u64);
    assert_eq!(a["planned"], of_period.iter().filter(|v| v.planned.is_some()).count() as u64);
    assert_eq!(a["planned_done"], done.iter().filter(|v| v.planned.is_some()).count() as u64);
    for (key, outcome) in
        [("met", Some("met")), ("partly", Some("partly")), ("not_met", Some("not-met")), ("unrated", None)]
    {
        assert_eq!(a["outcomes"][key], done.iter().filter(|v| v.outcome == outcome).count() as u64, "{key}");
    }
    for ch in ["in-person", "phone", "video", "message"] {
        let n = done.iter().filter(|v| v.channel == ch).count() as u64;
        assert_eq!(a["by_channel"].get(ch).and_then(Value::as_u64).unwrap_or(0), n, "{ch}");
    }
    let weekly: u64 = a["weeks"].as_array().unwrap().iter().map(|w| w["done"].as_u64().unwrap()).sum();
    assert_eq!(weekly, done.len() as u64);
    // Next steps due in the period: done by their day, after it, or still open.
    let (mut set, mut kept, mut late, mut missed, mut pending) = (0u64, 0u64, 0u64, 0u64, 0u64);
    for (due, done) in steps.iter().filter(|(due, _)| *due >= day("2031-04-01") && *due <= day("2031-05-06")) {
        set += 1;
        match done {
            Some(d) if d <= due => kept += 1,
            Some(_) => late += 1,
            None if *due < day("2031-05-06") => missed += 1,
            None => pending += 1,
        }
    }
    assert!(kept > 0 && late > 0 && missed > 0, "the seed has every kind of next step");
    let n = &a["next_steps"];
    assert_eq!([&n["set"], &n["kept"], &n["late"], &n["missed"], &n["pending"]], [set, kept, late, missed, pending]);

    // Customers: ABC by won value per currency, classes and quadrants.
    let mut won_per_account: BTreeMap<(&str, i64), i64> = BTreeMap::new();
    for d in deals.iter().filter(|d| d.last().2 == "won") {
        *won_per_account.entry((d.currency, d.customer)).or_default() += d.value;
    }
    for row in r["customers"]["abc"].as_array().unwrap() {
        let cur = row["currency"].as_str().unwrap();
        let mut values: Vec<i64> = won_per_account.iter().filter(|((c, _), _)| *c == cur).map(|(_, v)| *v).collect();
        values.sort_by(|a, b| b.cmp(a));
        let total: i64 = values.iter().sum();
        let (mut before, mut abc) = (0i64, [0u64; 3]);
        for v in values {
            let class = if before * 100 < total * 80 {
                0
            } else if before * 100 < total * 95 {
                1
            } else {
                2
            };
            abc[class] += 1;
            before += v;
        }
        assert_eq!([&row["a"]["accounts"], &row["b"]["accounts"], &row["c"]["accounts"]], abc, "{cur}");
    }
    let classes: BTreeMap<String, u64> = r["customers"]["classes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p[0].as_str().unwrap().to_string(), p[1].as_u64().unwrap()))
        .collect();
    let mut expected: BTreeMap<String, u64> = BTreeMap::new();
    for (class, _) in &customers {
        *expected.entry(class.clone()).or_default() += 1;
    }
    assert_eq!(classes, expected);
    let unset = customers.iter().filter(|c| c.1.is_none()).count() as u64;
    let got_unset =
        r["customers"]["quadrants"].as_array().unwrap().iter().find(|p| p[0].is_null()).map(|p| p[1].clone());
    assert_eq!(got_unset.unwrap_or(Value::from(0)), unset);
}

#[test]
fn text_and_csv_carry_the_same_figures_in_both_languages() {
    let env = env_utc();
    seed(&env);
    let json = run_json(&env, &["report", "--period", "quarter", "--format", "json"]);
    assert_eq!(json["period"]["kind"], "quarter");
    assert_eq!(json["period"]["from"], "2031-04-01");
    let csv = env.ok(&["report", "--period", "quarter", "--format", "csv"]);
    assert!(csv.starts_with("section,item,measure,currency,value\n"), "{csv}");
    let reached = json["funnel"][1]["reached"].as_u64().unwrap();
    assert!(csv.contains(&format!("funnel,approach,reached,,{reached}\n")), "{csv}");
    let text = env.ok(&["report", "--period", "quarter"]);
    assert!(text.starts_with("Quarter 2031-04-01 – 2031-06-30 (as of 2031-05-06)"), "{text}");
    for heading in ["Funnel", "Results", "Forecast", "Activity", "Customers"] {
        assert!(text.contains(heading), "{heading} in {text}");
    }
    let zh = env.ok(&["--lang", "zh-CN", "report", "--period", "季度"]);
    assert!(zh.starts_with("本季度 2031-04-01 至 2031-06-30（截至 2031-05-06）"), "{zh}");
    for heading in ["转化漏斗", "成交结果", "预测", "拜访活动", "客户"] {
        assert!(zh.contains(heading), "{heading} in {zh}");
    }
}

#[test]
fn empty_database_and_bad_periods() {
    let env = Env::empty();
    let text = env.ok(&["report"]);
    assert!(text.contains("No deal was won or lost in the period"), "{text}");
    assert!(text.contains("No visits in the period"), "{text}");
    let err = env.fails(&["report", "--from", "2031-05-10", "--to", "2031-05-01"]);
    assert!(err.contains("before it starts"), "{err}");
    let err = env.fails(&["report", "--period", "decade"]);
    assert!(err.contains("decade"), "{err}");
    let out = env.cmd().args(["report", "--to", "2031-05-01"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--from"));
}

/// Losing touch says how far past its cadence each account is, and one due today as a rep
/// says it ("due today", 今天到期), not "0 days over" / 超出 0 天.
#[test]
fn losing_touch_says_due_today_rather_than_zero_days_over() {
    let env = Env::new();
    for (name, last) in [("王伟", "2031-04-29 10:00"), ("李娜", "2031-04-26 10:00")] {
        let id = env.add(name, &[]).to_string();
        env.ok(&["profile", &id, "--cadence", "7"]);
        env.ok(&["visit", &id, "--purpose", "例行拜访", "--plan", "问问近况", "--expect", "了解近况", "--at", last]);
    }
    let zh = env.ok(&["--lang", "zh-CN", "report"]);
    assert!(zh.contains("王伟（今天到期）") && zh.contains("李娜（超出 3 天）"), "{zh}");
    assert!(!zh.contains("超出 0 天"), "{zh}");
    let en = env.ok(&["report"]);
    assert!(en.contains("王伟 (due today)") && en.contains("李娜 (3d over)"), "{en}");
}

#[test]
fn a_long_line_of_lost_reasons_wraps_between_its_reasons() {
    let env = Env::new();
    let reasons = [
        "客户今年的预算被总部整体推迟到明年上半年",
        "竞争对手已经进了他们的合格供应商名单",
        "项目延期，新厂区要等环评批下来才开工",
        "客户决定先用现有设备再撑一年看看情况",
    ];
    for (n, reason) in reasons.iter().enumerate() {
        let id = env.add(&format!("客户{n}"), &[]).to_string();
        env.ok(&["lost", &id, "--reason", reason]);
    }
    let out = env.ok(&["--lang", "zh-CN", "report"]);
    // Piped, the command line's width is 100 columns; the line of reasons is wider.
    assert!(out.lines().all(|l| unicode_width::UnicodeWidthStr::width(l) <= 100), "{out}");
    for reason in reasons {
        assert!(out.lines().any(|l| l.contains(&format!("{reason}（1）"))), "{reason} kept whole: {out}");
    }
}
