//! The report's figures as localised text, shared by `fieldbook report` and the app's report
//! screen: percents, days, money per currency, and the one-line summaries of each section.

use crate::domain::money::{Currency, Money, Totals};
use crate::domain::report::FunnelStep;
use crate::domain::report::Period;
use crate::domain::{CadenceState, VisitKind, Word};
use crate::i18n::I18n;
use crate::ops::report::{CurrencyCount, ForecastBucket, Report};

/// `63%`, or `—` for none.
pub fn percent(i: &I18n, share: Option<f64>) -> String {
    share.map_or_else(|| i.t("report.percent_none"), |s| format!("{:.0}%", s * 100.0))
}

/// `12d` / `12 天`, `4.5d` / `4.5 天` (a whole number without its `.0`), or `—`.
pub fn days(i: &I18n, days: Option<f64>) -> String {
    days.map_or_else(|| i.t("report.percent_none"), |d| i.fmt("report.days", &[("days", &one_decimal(d))]))
}

/// `12`, `4.5`: one decimal, none when it is 0.
fn one_decimal(n: f64) -> String {
    let said = format!("{n:.1}");
    said.strip_suffix(".0").map_or_else(|| said.clone(), str::to_string)
}

/// One step's figures in the funnel table, in the columns' order (step, reached, moved on,
/// conversion, to won, median days, slowest quarter, stuck): the command's table and the
/// report screen's show the same cells.
pub fn funnel_cells(i: &I18n, s: &FunnelStep) -> Vec<String> {
    vec![
        i.word(s.step),
        s.reached.to_string(),
        s.moved_on.to_string(),
        percent(i, s.conversion),
        percent(i, s.to_won),
        days(i, s.median_days),
        days(i, s.slowest_quarter_days),
        s.stuck.to_string(),
    ]
}

/// The heading: `Month 2031-05-01 – 2031-05-31 (as of 2031-05-06)`.
pub fn heading(i: &I18n, period: &Period, date: chrono::NaiveDate) -> String {
    let kind = period.kind.map_or_else(|| i.t("report.custom"), |k| i.word(k));
    i.fmt("report.heading", &[("kind", &kind), ("from", &period.from), ("to", &period.to), ("date", &date)])
}

/// Values per currency, the rep's own first: `¥1.2m · $30k`.
pub fn per_currency(i: &I18n, counts: &[CurrencyCount], first: Currency) -> String {
    let mut totals = Totals::default();
    for c in counts {
        totals.add(Money::new(c.value_minor, c.currency));
    }
    i.totals(&totals, first)
}

/// The results in lines: won, lost and win rate; the top lost reasons.
pub fn results_lines(i: &I18n, report: &Report, first: Currency) -> Vec<String> {
    let r = &report.results;
    if r.won_count + r.lost_count == 0 {
        return vec![i.t("report.results.nothing_closed")];
    }
    let won = i.fmt("report.results.won", &[("count", &r.won_count), ("value", &per_currency(i, &r.won, first))]);
    let lost = i.fmt("report.results.lost", &[("count", &r.lost_count), ("value", &per_currency(i, &r.lost, first))]);
    let rate = i.fmt("report.results.win_rate", &[("rate", &percent(i, r.win_rate))]);
    let reasons = if r.lost_reasons.is_empty() {
        i.t("report.results.no_reasons")
    } else {
        let list: Vec<String> = r.lost_reasons.iter().map(|c| i.paren(&c.reason, &c.count.to_string())).collect();
        i.fmt("report.results.reasons", &[("reasons", &list.join(separator(i)))])
    };
    vec![format!("{won}   {lost}   {rate}"), reasons]
}

/// `, ` in English, `、` in Chinese.
fn separator(i: &I18n) -> &'static str {
    if i.lang() == crate::i18n::Lang::ZhCn { "、" } else { ", " }
}

/// A forecast bucket's line.
fn bucket(i: &I18n, key: &str, b: &ForecastBucket, first: Currency) -> String {
    i.fmt(key, &[("count", &b.count), ("weighted", &i.totals(&b.weighted, first))])
}

/// The forecast's lines under its table: in the period, overdue, without a date, by month.
pub fn forecast_lines(i: &I18n, report: &Report, first: Currency) -> Vec<String> {
    let f = &report.forecast;
    let months: Vec<String> = f.months.iter().map(|(m, b)| format!("{m} {}", i.totals(&b.weighted, first))).collect();
    let mut lines = vec![
        bucket(i, "report.forecast.in_period", &f.in_period, first),
        bucket(i, "report.forecast.overdue", &f.overdue, first),
        bucket(i, "report.forecast.no_date", &f.no_date, first),
    ];
    if !months.is_empty() {
        lines.push(i.fmt("report.forecast.months", &[("months", &months.join(separator(i)))]));
    }
    lines
}

/// A visit type's name: the built-in ones in the user's language, a rep's own as typed.
pub fn kind_name(i: &I18n, code: &str) -> String {
    match VisitKind::from_code(code) {
        VisitKind::Custom(name) => name,
        kind if i.lang() == crate::i18n::Lang::ZhCn => kind.zh().to_string(),
        // (As the playbook and `show` name it: "Phone follow-up", not "Phone follow up".)
        kind => kind.en().to_string(),
    }
}

/// The activity's lines: visits done, planned vs done, by type and channel, outcomes, next steps.
pub fn activity_lines(i: &I18n, report: &Report) -> Vec<String> {
    let a = &report.activity;
    if a.done == 0 && a.planned == 0 && a.next_steps.set == 0 {
        return vec![i.t("report.activity.none")];
    }
    let summary = i.fmt(
        "report.activity.summary",
        &[
            ("done", &a.done),
            ("planned_done", &a.planned_done),
            ("planned", &a.planned),
            ("unplanned", &a.unplanned_done),
        ],
    );
    let channels: Vec<String> = crate::domain::Channel::ALL
        .iter()
        .filter_map(|c| a.by_channel.get(c.code()).map(|n| format!("{} {n}", i.word(*c))))
        .collect();
    let mut kinds: Vec<(&String, &u64)> = a.by_kind.iter().collect();
    kinds.sort_by(|x, y| y.1.cmp(x.1).then_with(|| x.0.cmp(y.0)));
    let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{} {n}", kind_name(i, k))).collect();
    let o = &a.outcomes;
    let rated = o.met + o.partly + o.not_met + o.unrated;
    let p = |n: u64| percent(i, crate::domain::report::share(n, rated));
    let s = &a.next_steps;
    vec![
        summary,
        i.fmt("report.activity.channels", &[("channels", &channels.join(separator(i)))]),
        i.fmt("report.activity.kinds", &[("kinds", &kinds.join(separator(i)))]),
        i.fmt(
            "report.activity.outcomes",
            &[("met", &p(o.met)), ("partly", &p(o.partly)), ("not_met", &p(o.not_met)), ("unrated", &p(o.unrated))],
        ),
        i.fmt(
            "report.activity.next_steps",
            &[("set", &s.set), ("kept", &s.kept), ("late", &s.late), ("missed", &s.missed), ("pending", &s.pending)],
        ),
    ]
}

/// The customers' lines: classes, quadrants, losing touch.
pub fn customer_lines(i: &I18n, report: &Report) -> Vec<String> {
    let c = &report.customers;
    let quadrants: Vec<String> = c.quadrants.iter().map(|(q, n)| format!("{} {n}", quadrant_name(i, *q))).collect();
    vec![
        classes_line(i, report),
        i.fmt("report.customers.quadrants", &[("quadrants", &quadrants.join(separator(i)))]),
        losing_touch_line(i, report),
    ]
}

/// A portfolio quadrant's name, or "not set".
pub fn quadrant_name(i: &I18n, quadrant: Option<crate::domain::Portfolio>) -> String {
    quadrant.map_or_else(|| i.t("report.customers.no_quadrant"), |q| i.word(q))
}

/// `By class: Potential 98, Intent 77…`.
pub fn classes_line(i: &I18n, report: &Report) -> String {
    let classes: Vec<String> = report.customers.classes.iter().map(|(k, n)| format!("{} {n}", i.word(*k))).collect();
    i.fmt("report.customers.classes", &[("classes", &classes.join(separator(i)))])
}

/// `Losing touch: Kevin Turner (373d over), …`.
pub fn losing_touch_line(i: &I18n, report: &Report) -> String {
    let c = &report.customers;
    if c.losing_touch.is_empty() {
        i.t("report.customers.no_losing_touch")
    } else {
        let names: Vec<String> = c
            .losing_touch
            .iter()
            .map(|d| {
                let since = match d.state {
                    CadenceState::Due { days_since } | CadenceState::Overdue { days_since } => days_since,
                    CadenceState::Fine { .. } => 0,
                };
                let over = since - i64::from(d.interval_days);
                if over > 0 {
                    i.fmt("report.customers.days_over", &[("name", &d.customer.name), ("days", &over)])
                } else {
                    // Due today: "over by 0 days" is not how a rep says it.
                    i.fmt("report.customers.due_today", &[("name", &d.customer.name)])
                }
            })
            .collect();
        i.fmt("report.customers.losing_touch", &[("names", &names.join(separator(i)))])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// The house rule: a space between a number and a Chinese unit (`逾期 31 项`, `109 天`);
    /// a whole number of days reads without `.0`.
    #[test]
    fn days_read_as_a_rep_says_them() {
        let (zh, en) = (I18n::new(Lang::ZhCn), I18n::new(Lang::En));
        assert_eq!(days(&zh, Some(12.0)), "12 天");
        assert_eq!(days(&zh, Some(4.5)), "4.5 天");
        assert_eq!(days(&zh, Some(0.04)), "0 天");
        assert_eq!(days(&en, Some(12.0)), "12d");
        assert_eq!(days(&en, Some(4.46)), "4.5d");
        assert_eq!(days(&zh, None), zh.t("report.percent_none"));
    }
}
