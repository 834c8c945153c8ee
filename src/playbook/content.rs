//! The shape of a playbook file. Every section is required and unknown keys are refused, so
//! a typo in an override file is reported instead of silently dropping advice.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The whole sales method in one language.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Playbook {
    pub steps: Steps,
    pub styles: Styles,
    pub man: ManAdvice,
    pub portfolio: Quadrants,
    pub objections: Objections,
    /// Closing techniques by key (`alternative`, `scarcity`, ...).
    pub closing: BTreeMap<String, Technique>,
    /// What every customer silently asks.
    pub six_questions: Vec<String>,
    /// Visit types by code (`store-check`, ...), the built-in ones and any an override adds.
    pub visit_types: BTreeMap<String, VisitTypeGuide>,
    /// What the method teaches beyond the steps; absent from override files of older releases.
    #[serde(default)]
    pub method: Method,
    /// The rep's self-assessment; absent from override files of older releases.
    #[serde(default)]
    pub assessment: Assessment,
}

/// The self-assessment: the words of the ratings and four skills of four statements.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// What 1 to 5 mean (how often a statement is true of the rep).
    pub scale: Vec<String>,
    /// The four skills in the order of the statements.
    pub skills: Vec<SkillGuide>,
}

/// One skill of the self-assessment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkillGuide {
    /// `making-contact`, `obtaining-information`, `giving-information`, `influencing`.
    pub code: String,
    pub name: String,
    /// Where the playbook teaches it.
    pub read: String,
    /// Its four statements.
    pub statements: Vec<String>,
}

/// The method's teaching on asking, presenting, closing and keeping the record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Method {
    /// Situation, problem, implication and need-payoff questions, each with an example.
    pub question_kinds: Vec<String>,
    /// How to listen.
    pub listening: Vec<String>,
    /// From open to closed questions.
    pub question_funnel: String,
    /// From a problem the customer does not see to a need the offer answers.
    pub need_chain: Vec<String>,
    /// Feature, function, advantage, benefit.
    pub ffab: Vec<String>,
    /// The signs that a customer is ready to buy.
    pub buying_signals: Vec<String>,
    /// How to ask for the commitment.
    pub closing_advice: Vec<String>,
    /// Why and how the customer record is kept.
    pub record: Vec<String>,
}

/// The five steps.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Steps {
    pub preparation: StepGuide,
    pub approach: StepGuide,
    pub survey: StepGuide,
    pub presentation: StepGuide,
    pub close: StepGuide,
}

/// What one step is for and how to work it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepGuide {
    pub goal: String,
    /// Ticked per deal, by 1-based number.
    pub checklist: Vec<String>,
    /// Questions to ask in this step.
    pub questions: Vec<String>,
    /// Suggested visit purposes.
    pub purposes: Vec<String>,
}

/// The four personality styles.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Styles {
    pub driver: StyleGuide,
    pub expressive: StyleGuide,
    pub amiable: StyleGuide,
    pub analytical: StyleGuide,
}

/// How a personality style behaves and how to deal with it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyleGuide {
    pub traits: String,
    pub needs: Vec<String>,
    pub fears: Vec<String>,
    /// How to deal with them.
    pub deal: Vec<String>,
}

/// Advice for the eight MAN combinations, keyed by code.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManAdvice {
    #[serde(rename = "M+A+N")]
    pub man: Advice,
    #[serde(rename = "M+A+n")]
    pub ma_n: Advice,
    #[serde(rename = "M+a+N")]
    pub m_an: Advice,
    #[serde(rename = "m+A+N")]
    pub m_a_n: Advice,
    #[serde(rename = "m+a+N")]
    pub ma_big_n: Advice,
    #[serde(rename = "m+A+n")]
    pub m_big_a_n: Advice,
    #[serde(rename = "M+a+n")]
    pub big_m_an: Advice,
    #[serde(rename = "m+a+n")]
    pub none: Advice,
}

/// One line of advice.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Advice {
    pub advice: String,
}

/// The four portfolio quadrants.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quadrants {
    /// How accounts are graded into the four quadrants.
    #[serde(default)]
    pub grading: String,
    pub star: QuadrantGuide,
    #[serde(rename = "question-mark")]
    pub question_mark: QuadrantGuide,
    #[serde(rename = "cash-cow")]
    pub cash_cow: QuadrantGuide,
    pub dog: QuadrantGuide,
}

/// How to treat accounts of one quadrant.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuadrantGuide {
    pub advice: String,
    /// The visit rhythm in words (the day counts come from the config).
    pub cadence: String,
}

/// Objection handling: the steps and how to answer each kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objections {
    pub steps: Vec<String>,
    pub short_form: String,
    /// The usual doubts, by what the customer doubts (confidence, safety, value, habit).
    #[serde(default)]
    pub doubts: Vec<String>,
    /// How customers put a decision off.
    #[serde(default)]
    pub evasions: Vec<String>,
    pub kinds: ObjectionKinds,
}

/// How to answer each kind of objection.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectionKinds {
    pub misunderstanding: KindGuide,
    pub doubt: KindGuide,
    #[serde(rename = "real-drawback")]
    pub real_drawback: KindGuide,
    pub complaint: KindGuide,
}

/// How to answer one kind of objection.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindGuide {
    pub how: String,
}

/// A closing technique.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Technique {
    pub name: String,
    pub how: String,
}

/// A visit type's display name and in-visit action checklist.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VisitTypeGuide {
    pub name: String,
    pub checklist: Vec<String>,
}
