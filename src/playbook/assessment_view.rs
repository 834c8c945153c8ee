//! The self-assessment in words: its statements with their skill (the `assess` questions and
//! the app's form) and a sitting's scores as lines (`assess`, `report`, the report screen).

use crate::domain::assessment::{PER_SKILL, STATEMENTS, Skill};
use crate::i18n::I18n;
use crate::ops::assessment::AssessmentSummary;
use crate::playbook::Playbook;
use crate::text;

/// The skill's name in the playbook (its code when an override lacks it).
pub fn skill_name(playbook: &Playbook, skill: Skill) -> String {
    guide(playbook, skill).map_or_else(|| skill.code().to_string(), |g| g.name.clone())
}

/// Where the playbook teaches the skill.
pub fn skill_reading(playbook: &Playbook, skill: Skill) -> String {
    guide(playbook, skill).map(|g| g.read.clone()).unwrap_or_default()
}

fn guide(playbook: &Playbook, skill: Skill) -> Option<&crate::playbook::SkillGuide> {
    playbook.assessment.skills.iter().find(|g| g.code == skill.code())
}

/// The sixteen statements in order, each with its skill; `None` when the playbook does not
/// have four for every skill (an incomplete override).
pub fn statements(playbook: &Playbook) -> Option<Vec<(Skill, String)>> {
    let mut out = Vec::with_capacity(STATEMENTS);
    for skill in Skill::ALL {
        let guide = guide(playbook, skill).filter(|g| g.statements.len() == PER_SKILL)?;
        out.extend(guide.statements.iter().map(|s| (skill, s.clone())));
    }
    Some(out)
}

/// The words of the ratings 1 to 5 (`1 rarely`, …).
pub fn scale(i: &I18n, playbook: &Playbook) -> String {
    let words = &playbook.assessment.scale;
    let parts: Vec<String> = (1..=5).map(|n| format!("{n} {}", words.get(n - 1).map_or("", String::as_str))).collect();
    parts.join(i.t("report.assessment.scale_separator").as_str()).trim().to_string()
}

/// A score as it is (scores are quarters): `3.75`, `4`, `2.5`.
pub fn score(score: f64) -> String {
    let text = format!("{score:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `+0.25`, `-1`, `±0`.
pub fn change(change: f64) -> String {
    if change.abs() < 0.005 {
        "±0".into()
    } else {
        format!("{}{}", if change > 0.0 { "+" } else { "-" }, score(change.abs()))
    }
}

/// The heading, one line per skill (name, score of 5, change) and the pointer to the
/// playbook for the weakest one.
pub fn lines(i: &I18n, playbook: &Playbook, s: &AssessmentSummary) -> Vec<String> {
    let heading = match s.previous_on {
        Some(previous) => i.fmt("report.assessment.heading_since", &[("date", &s.taken_on), ("previous", &previous)]),
        None => i.fmt("report.assessment.heading_first", &[("date", &s.taken_on)]),
    };
    let names: Vec<String> = s.skills.iter().map(|k| skill_name(playbook, k.skill)).collect();
    let width = names.iter().map(|n| text::width(n)).max().unwrap_or(0);
    let mut out = vec![heading];
    for (score, name) in s.skills.iter().zip(&names) {
        let moved = score.change.map(change).unwrap_or_default();
        let shown = format!("{}/5", self::score(score.score));
        out.push(format!("  {}  {}  {moved}", text::pad(name, width), text::pad(&shown, 6)).trim_end().to_string());
    }
    if let Some(weakest) = s.weakest {
        out.push(i.fmt(
            "report.assessment.weakest",
            &[("skill", &skill_name(playbook, weakest)), ("read", &skill_reading(playbook, weakest))],
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn both_playbooks_have_four_statements_for_each_skill_and_where_to_read() {
        for lang in [Lang::En, Lang::ZhCn] {
            let playbook = Playbook::builtin(lang);
            let statements = statements(&playbook).unwrap();
            assert_eq!(statements.len(), STATEMENTS);
            assert_eq!(statements[4].0, Skill::ObtainingInformation);
            assert_eq!(playbook.assessment.scale.len(), 5);
            for skill in Skill::ALL {
                assert!(!skill_reading(&playbook, skill).is_empty(), "{lang:?} {skill:?}");
                assert_ne!(skill_name(&playbook, skill), skill.code());
            }
        }
        assert_eq!(change(0.25), "+0.25");
        assert_eq!(change(-1.0), "-1");
        assert_eq!(score(3.75), "3.75");
        assert_eq!(score(2.5), "2.5");
        assert_eq!(change(0.0), "±0");
    }
}
