//! The playbook: the sales method's content (step goals, checklists, prompts, personality
//! advice, MAN advice, quadrants, objections, closing techniques, visit types), embedded
//! from `assets/playbook/<lang>.toml` and overridable by `playbook.<lang>.toml` in the config
//! directory. Lookups here are pure; loading is the only I/O.

pub(crate) mod assessment_view;
pub(crate) mod brief;
mod content;
pub(crate) mod report_view;
pub(crate) mod views;

use std::path::{Path, PathBuf};

pub use content::{
    Advice, Assessment, KindGuide, ManAdvice, Method, ObjectionKinds, Objections, Playbook, QuadrantGuide, Quadrants,
    SkillGuide, StepGuide, StyleGuide, Styles, Technique, VisitTypeGuide,
};

use crate::domain::checklist::{self, ChecklistItem};
use crate::domain::{Man, ObjectionKind, Portfolio, Step, Style, Tri, VisitKind};
use crate::i18n::Lang;

const EN: &str = include_str!("../../assets/playbook/en.toml");
const ZH_CN: &str = include_str!("../../assets/playbook/zh-CN.toml");

/// Why an override file was not used; the built-in playbook was used instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideProblem {
    pub path: PathBuf,
    /// 1-based line of the problem, when the parser knows it.
    pub line: Option<usize>,
    pub message: String,
}

impl Playbook {
    /// The playbook shipped in the binary for `lang`.
    pub fn builtin(lang: Lang) -> Self {
        let text = match lang {
            Lang::En => EN,
            Lang::ZhCn => ZH_CN,
        };
        // The embedded files are checked by the tests below; should one ever fail to parse,
        // an empty playbook is better than a crash in the rep's car.
        parse(text).unwrap_or_default()
    }

    /// The playbook for `lang`: `playbook.<lang>.toml` in `config_dir` if present and valid,
    /// else the built-in one together with what was wrong with the file.
    pub fn load(lang: Lang, config_dir: &Path) -> (Self, Option<OverrideProblem>) {
        let path = config_dir.join(format!("playbook.{}.toml", lang.tag()));
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Self::builtin(lang), None),
            Err(e) => {
                let problem = OverrideProblem { path, line: None, message: e.to_string() };
                return (Self::builtin(lang), Some(problem));
            }
        };
        match parse(&text) {
            Ok(playbook) => (playbook, None),
            Err(e) => {
                let line = e.span().map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
                let problem = OverrideProblem { path, line, message: e.message().trim().to_string() };
                (Self::builtin(lang), Some(problem))
            }
        }
    }

    /// The guide for one step.
    pub fn step(&self, stage: Step) -> &StepGuide {
        match stage {
            Step::Preparation => &self.steps.preparation,
            Step::Approach => &self.steps.approach,
            Step::Survey => &self.steps.survey,
            Step::Presentation => &self.steps.presentation,
            Step::Close => &self.steps.close,
        }
    }

    /// The guide for a personality style; `None` while the style is unknown.
    pub fn style(&self, style: Style) -> Option<&StyleGuide> {
        match style {
            Style::Driver => Some(&self.styles.driver),
            Style::Expressive => Some(&self.styles.expressive),
            Style::Amiable => Some(&self.styles.amiable),
            Style::Analytical => Some(&self.styles.analytical),
            Style::Unknown => None,
        }
    }

    /// The advice for a MAN combination; `None` while any answer is unknown.
    pub fn man_advice(&self, man: &Man) -> Option<&str> {
        let has = |t: Tri| match t {
            Tri::Yes => Some(true),
            Tri::No => Some(false),
            Tri::Unknown => None,
        };
        let m = &self.man;
        let advice = match (has(man.money)?, has(man.authority)?, has(man.need)?) {
            (true, true, true) => &m.man,
            (true, true, false) => &m.ma_n,
            (true, false, true) => &m.m_an,
            (false, true, true) => &m.m_a_n,
            (false, false, true) => &m.ma_big_n,
            (false, true, false) => &m.m_big_a_n,
            (true, false, false) => &m.big_m_an,
            (false, false, false) => &m.none,
        };
        Some(&advice.advice)
    }

    /// The guide for a portfolio quadrant.
    pub fn quadrant(&self, portfolio: Portfolio) -> &QuadrantGuide {
        match portfolio {
            Portfolio::Star => &self.portfolio.star,
            Portfolio::QuestionMark => &self.portfolio.question_mark,
            Portfolio::CashCow => &self.portfolio.cash_cow,
            Portfolio::Dog => &self.portfolio.dog,
        }
    }

    /// How to answer an objection of this kind.
    pub fn objection_kind(&self, kind: ObjectionKind) -> &str {
        let k = &self.objections.kinds;
        match kind {
            ObjectionKind::Misunderstanding => &k.misunderstanding.how,
            ObjectionKind::Doubt => &k.doubt.how,
            ObjectionKind::RealDrawback => &k.real_drawback.how,
            ObjectionKind::Complaint => &k.complaint.how,
        }
    }

    /// The guide for a visit type; `None` for a user-defined type the playbook does not know.
    pub fn visit_type(&self, kind: &VisitKind) -> Option<&VisitTypeGuide> {
        self.visit_types.get(kind.code())
    }

    /// The display name of a visit type: the playbook's name, else the type as typed.
    pub fn visit_type_name(&self, kind: &VisitKind) -> String {
        self.visit_type(kind).map_or_else(|| kind.code().to_string(), |g| g.name.clone())
    }

    /// A visit type's in-visit checklist, numbered, with `ticks` marked; empty for a type the
    /// playbook does not know.
    pub fn visit_checklist(&self, kind: &VisitKind, ticks: &[u32]) -> Vec<ChecklistItem> {
        self.visit_type(kind).map(|g| checklist::items(&g.checklist, ticks)).unwrap_or_default()
    }
}

fn parse(text: &str) -> Result<Playbook, toml::de::Error> {
    toml::from_str(text)
}

#[cfg(test)]
mod tests;
