//! Text templates for demo visits, notes and facts, in both languages.

use super::people::Tongue;
use super::{texts_en, texts_zh};
use crate::domain::FactCategory;

/// One kind of visit a rep makes in a step, with what it can lead to.
#[derive(Clone, Copy)]
pub struct Scenario {
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
    pub dates: (&'static str, &'static [&'static str]),
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
        },
        Tongue::En => Texts {
            scenarios: texts_en::SCENARIOS,
            notes: texts_en::NOTES,
            inbox: texts_en::INBOX,
            lost_reasons: texts_en::LOST_REASONS,
            deal_titles: texts_en::DEAL_TITLES,
            facts: texts_en::FACTS,
            dates: texts_en::DATES,
        },
    }
}

/// Fills `{p}` (product), `{c}` (company) and `{n}` (a number) into a template.
pub fn fill(template: &str, product: &str, company: &str, n: u32) -> String {
    template.replace("{p}", product).replace("{c}", company).replace("{n}", &n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_is_complete_and_fills() {
        for tongue in [Tongue::Zh, Tongue::En] {
            let t = texts(tongue);
            for step in t.scenarios {
                assert!(step.len() >= 2);
                for s in step {
                    for text in [s.purpose, s.plan, s.expect, s.met, s.partly, s.not_met, s.topic, s.next] {
                        let filled = fill(text, "X", "Y", 3);
                        assert!(!filled.trim().is_empty() && !filled.contains('{'), "{text}");
                    }
                }
            }
            assert!(t.facts.iter().all(|(_, label, values)| !label.is_empty() && !values.is_empty()));
        }
    }
}
