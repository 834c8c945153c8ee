//! Text templates for demo visits, notes and facts, in both languages.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::people::Tongue;
use super::{texts_en, texts_zh};
use crate::domain::FactCategory;
use crate::i18n::spacing::fill_spaced;

/// How a scenario's visit is made, so that its channel and type agree with its purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A phone call.
    Phone,
    /// A message (WeChat) to book a first meeting.
    Message,
    /// Face to face, at the customer's.
    Meeting,
    /// A demonstration: in person, now and then on video.
    Demonstration,
    /// In person, by phone or on video.
    Any,
}

/// One kind of visit a rep makes in a step, with what it can lead to.
#[derive(Clone, Copy)]
pub struct Scenario {
    pub via: Via,
    /// Made once per customer (a first call, a first visit): not again once made.
    pub once: bool,
    pub purpose: &'static str,
    pub plan: &'static str,
    pub expect: &'static str,
    /// Actual result when the expected result was met, partly met, not met.
    pub met: &'static str,
    pub partly: &'static str,
    pub not_met: &'static str,
    /// Topic to open next time.
    pub topic: &'static str,
    /// The next step when the expected result was met, partly met, not met: each with the
    /// day it is due, as its text says it.
    pub next: [Next; 3],
}

/// A next step a visit leaves and when it is due.
#[derive(Debug, Clone, Copy)]
pub struct Next {
    /// What to do; none to try the visit's purpose again (the retry label before it).
    pub text: Option<&'static str>,
    pub due: Due,
}

impl Next {
    /// A next step that says what to do.
    pub const fn to(text: &'static str, due: Due) -> Self {
        Self { text: Some(text), due }
    }

    /// Trying the visit's purpose again.
    pub const fn retry(due: Due) -> Self {
        Self { text: None, due }
    }
}

/// When a next step is due, counted from the visit that set it, as its text says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// So many days on ("in two weeks"); a weekend's on the Monday after.
    Days(u32),
    /// The first such weekday after the visit ("on Thursday", "周四").
    On(Weekday),
    /// That weekday of the week after the visit's ("next Tuesday", "下周二").
    NextWeek(Weekday),
    /// The month's last working day, or the next month's when that is under three days
    /// away ("at month end", "月底").
    MonthEnd,
    /// The tenth of the next quarter's first month, or the working day after ("early next
    /// quarter", "下季度初").
    NextQuarter,
}

impl Due {
    /// The day a step set on `visit` is due.
    pub fn day(self, visit: NaiveDate) -> NaiveDate {
        let after = |n: u32| visit.checked_add_days(Days::new(n.into())).unwrap_or(visit);
        match self {
            Due::Days(n) => weekday_on_or_after(after(n.max(1))),
            Due::On(day) => after(match days_to(visit.weekday(), day) {
                0 => 7,
                n => n,
            }),
            Due::NextWeek(day) => {
                let monday = after(7 - visit.weekday().num_days_from_monday());
                monday.checked_add_days(Days::new(day.num_days_from_monday().into())).unwrap_or(monday)
            }
            Due::MonthEnd => {
                let end = month_end(visit);
                if (end - visit).num_days() < 3 { month_end(after(7)) } else { end }
            }
            Due::NextQuarter => {
                let first_month = (visit.month0() / 3 + 1) * 3;
                let (year, month) = (visit.year() + (first_month / 12) as i32, first_month % 12 + 1);
                let tenth = NaiveDate::from_ymd_opt(year, month, 10).unwrap_or(after(90));
                weekday_on_or_after(tenth)
            }
        }
    }
}

/// Days from `from` to the next `to` (0 when the same weekday).
fn days_to(from: Weekday, to: Weekday) -> u32 {
    (to.num_days_from_monday() + 7 - from.num_days_from_monday()) % 7
}

/// `day`, or the Monday after it for a weekend.
fn weekday_on_or_after(day: NaiveDate) -> NaiveDate {
    match day.weekday() {
        Weekday::Sat => day.checked_add_days(Days::new(2)).unwrap_or(day),
        Weekday::Sun => day.checked_add_days(Days::new(1)).unwrap_or(day),
        _ => day,
    }
}

/// The last working day of `day`'s month.
fn month_end(day: NaiveDate) -> NaiveDate {
    let first_next = if day.month() == 12 {
        NaiveDate::from_ymd_opt(day.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(day.year(), day.month() + 1, 1)
    };
    let mut end = first_next.and_then(|d| d.pred_opt()).unwrap_or(day);
    while matches!(end.weekday(), Weekday::Sat | Weekday::Sun) {
        end = end.pred_opt().unwrap_or(end);
    }
    end
}

/// When a follow-up step ([`Texts::follow_ups`]) says the rep gets in touch again, counted
/// from the visit that set it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// The first such weekday after the visit ("周四", "on Thursday"): `{w}` in its text.
    On,
    /// That weekday of the week after the visit's (`{w}`).
    NextWeek,
    /// The month's last working day.
    MonthEnd,
    /// A day of the next month, three weeks or more on.
    NextMonth,
    /// A day of the next quarter, five weeks to a hundred days on.
    NextQuarter,
    /// So many days on, give or take (both ends counted).
    Days(i64, i64),
    /// Any day: the text names none.
    Any,
}

/// All templates of one language.
pub struct Texts {
    pub scenarios: [&'static [Scenario]; 5],
    pub notes: &'static [&'static str],
    pub inbox: &'static [&'static str],
    pub lost_reasons: &'static [&'static str],
    pub deal_titles: &'static [&'static str],
    pub facts: &'static [(FactCategory, &'static str, &'static [&'static str])],
    /// Labels of important dates: the birthday, then other anniversaries, the company's own first.
    pub dates: (&'static str, &'static [&'static str]),
    /// Visits after a sale.
    pub after_sale: &'static [Scenario],
    /// Visits that keep in touch while a deal waits in one step; the last asks how the deal's
    /// project stands (none is open before the first deal, nor after a sale).
    pub keep_in_touch: &'static [Scenario],
    /// The visit type of a message sent to book a meeting.
    pub message_kind: &'static str,
    /// The next step after a visit that missed its aim: `{purpose}` tried again.
    pub retry: &'static str,
    /// What is to do first when a deal has just moved to a step (preparation … close), and
    /// once it is won.
    pub step_work: [Next; 6],
    /// Steps that say when the rep gets in touch again, and when that is: the step a visit
    /// leaves when its own would fall due well before the account's next visit.
    pub follow_ups: &'static [(Span, &'static str)],
    /// Monday to Friday, as `{w}` in a follow-up's text.
    pub weekdays: [&'static str; 5],
}

/// The templates for `tongue`.
pub fn texts(tongue: Tongue) -> Texts {
    match tongue {
        Tongue::Zh => Texts {
            scenarios: texts_zh::SCENARIOS,
            notes: texts_zh::NOTES,
            inbox: texts_zh::INBOX,
            lost_reasons: texts_zh::LOST_REASONS,
            deal_titles: texts_zh::DEAL_TITLES,
            facts: texts_zh::FACTS,
            dates: texts_zh::DATES,
            after_sale: texts_zh::AFTER_SALE,
            keep_in_touch: texts_zh::KEEP_IN_TOUCH,
            message_kind: "微信沟通",
            retry: "再次跟进：{purpose}",
            step_work: texts_zh::STEP_WORK,
            follow_ups: texts_zh::FOLLOW_UPS,
            weekdays: ["周一", "周二", "周三", "周四", "周五"],
        },
        Tongue::En => Texts {
            scenarios: texts_en::SCENARIOS,
            notes: texts_en::NOTES,
            inbox: texts_en::INBOX,
            lost_reasons: texts_en::LOST_REASONS,
            deal_titles: texts_en::DEAL_TITLES,
            facts: texts_en::FACTS,
            dates: texts_en::DATES,
            after_sale: texts_en::AFTER_SALE,
            keep_in_touch: texts_en::KEEP_IN_TOUCH,
            message_kind: "Message",
            retry: "Try again: {purpose}",
            step_work: texts_en::STEP_WORK,
            follow_ups: texts_en::FOLLOW_UPS,
            weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
        },
    }
}

/// What fills a template's slots.
pub struct Slots<'a> {
    /// `{p}` and `{u}`: the product and its unit.
    pub product: &'a str,
    pub unit: &'a str,
    /// `{c}`: the company's short name.
    pub company: &'a str,
    /// `{dm}`: how the rep calls the account's decision maker.
    pub decider: &'a str,
    /// `{n}`: a number.
    pub n: u32,
    /// `{b}`: the customer's budget, about its deal's value (38万, ¥380k, $54k).
    pub budget: &'a str,
}

/// Fills the slots of a template; a Latin name in Chinese text is set off with spaces
/// ("约 Mark Wright 见面").
pub fn fill(template: &str, s: &Slots) -> String {
    let mut text = template.to_string();
    for (slot, value) in
        [("{p}", s.product), ("{u}", s.unit), ("{c}", s.company), ("{dm}", s.decider), ("{b}", s.budget)]
    {
        text = fill_spaced(&text, slot, value);
    }
    text.replace("{n}", &s.n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_is_complete_and_fills() {
        for tongue in [Tongue::Zh, Tongue::En] {
            let t = texts(tongue);
            let slots = Slots { product: "X", unit: "U", company: "Y", decider: "Z", n: 3, budget: "B" };
            for step in t.scenarios.iter().chain([&t.after_sale, &t.keep_in_touch]) {
                assert!(step.len() >= 2);
                for s in *step {
                    let nexts = s.next.iter().filter_map(|n| n.text);
                    for text in
                        [s.purpose, s.plan, s.expect, s.met, s.partly, s.not_met, s.topic].into_iter().chain(nexts)
                    {
                        let filled = fill(text, &slots);
                        assert!(!filled.trim().is_empty() && !filled.contains('{'), "{text}");
                    }
                }
            }
            for next in t.step_work {
                assert!(next.text.is_some_and(|text| !fill(text, &slots).contains('{')));
            }
            assert!(t.facts.iter().all(|(_, label, values)| !label.is_empty() && !values.is_empty()));
        }
    }

    /// A product is a count noun (infusion pumps) or a mass noun (quality software): no
    /// English template puts a verb after it that agrees with one and not the other ("the
    /// quality software are doing").
    #[test]
    fn no_english_verb_agrees_with_a_product() {
        let t = texts(Tongue::En);
        let scenarios = t.scenarios.iter().chain([&t.after_sale, &t.keep_in_touch]).flat_map(|s| s.iter());
        for s in scenarios {
            let nexts = s.next.iter().filter_map(|n| n.text);
            for text in [s.purpose, s.plan, s.expect, s.met, s.partly, s.not_met, s.topic].into_iter().chain(nexts) {
                for verb in ["is", "are", "was", "were", "has", "have", "needs", "need"] {
                    assert!(!text.contains(&format!("{{p}} {verb} ")), "{text}");
                }
            }
        }
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// A step's day follows its text: "Thursday" on the Thursday after, "next Tuesday" in the
    /// week after, "in two weeks" fourteen days on (a weekend's on the Monday), "month end" on
    /// the month's last working day, "next quarter" early in it.
    #[test]
    fn a_step_is_due_on_the_day_its_text_names() {
        let wednesday = d("2026-12-02");
        assert_eq!(Due::On(Weekday::Thu).day(wednesday), d("2026-12-03"));
        assert_eq!(Due::On(Weekday::Wed).day(wednesday), d("2026-12-09"), "not the same day");
        assert_eq!(Due::On(Weekday::Mon).day(wednesday), d("2026-12-07"));
        assert_eq!(Due::NextWeek(Weekday::Tue).day(wednesday), d("2026-12-08"));
        assert_eq!(Due::NextWeek(Weekday::Thu).day(d("2026-12-07")), d("2026-12-17"), "a Monday's next week");
        assert_eq!(Due::Days(14).day(wednesday), d("2026-12-16"));
        assert_eq!(Due::Days(3).day(wednesday), d("2026-12-07"), "Saturday: the Monday after");
        assert_eq!(Due::MonthEnd.day(wednesday), d("2026-12-31"));
        assert_eq!(Due::MonthEnd.day(d("2026-10-29")), d("2026-11-30"), "two days before October's end");
        assert_eq!(Due::MonthEnd.day(d("2026-01-05")), d("2026-01-30"), "a Saturday 31st: the Friday");
        assert_eq!(Due::NextQuarter.day(wednesday), d("2027-01-11"), "the 10th a Sunday: the Monday");
        assert_eq!(Due::NextQuarter.day(d("2026-05-20")), d("2026-07-10"));
    }
}
