//! Text templates for demo visits, notes and facts, in both languages.

use super::people::Tongue;
use super::{texts_en, texts_zh};
use crate::domain::FactCategory;

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
    /// The next step.
    pub next: &'static str,
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
    /// Visits that keep in touch while a deal waits in one step.
    pub keep_in_touch: &'static [Scenario],
    /// The visit type of a message sent to book a meeting.
    pub message_kind: &'static str,
    /// The next step after a visit that missed its aim: `{purpose}` tried again.
    pub retry: &'static str,
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

/// Fills the slots of a template.
pub fn fill(template: &str, s: &Slots) -> String {
    template
        .replace("{p}", s.product)
        .replace("{u}", s.unit)
        .replace("{c}", s.company)
        .replace("{dm}", s.decider)
        .replace("{n}", &s.n.to_string())
        .replace("{b}", s.budget)
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
                    for text in [s.purpose, s.plan, s.expect, s.met, s.partly, s.not_met, s.topic, s.next] {
                        let filled = fill(text, &slots);
                        assert!(!filled.trim().is_empty() && !filled.contains('{'), "{text}");
                    }
                }
            }
            assert!(t.facts.iter().all(|(_, label, values)| !label.is_empty() && !values.is_empty()));
        }
    }
}
