//! Visits (拜访): planned or done, each with a purpose, an action plan and an expected result.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::DomainError;
use super::customer::{MAX_LONG, check_len, clean_text};
use super::words::word_enum;

word_enum!(
    /// How the rep met the customer.
    Channel, "channel", {
        InPerson = "in-person", "面谈", ["person", "visit", "f2f"];
        Phone = "phone", "电话", ["call"];
        Video = "video", "视频";
        Message = "message", "微信", ["chat", "wechat", "email", "text", "消息"];
    }
);

word_enum!(
    /// How the actual result compares with the expected one.
    Outcome, "outcome", {
        Met = "met", "达成", ["yes"];
        Partly = "partly", "部分达成", ["partial"];
        NotMet = "not-met", "未达成", ["no", "missed"];
    }
);

/// The type of a visit (customer visit, store check, ...), each with its own in-visit
/// checklist in the playbook; reps may use their own types as free text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum VisitKind {
    #[default]
    CustomerVisit,
    StoreCheck,
    PhoneFollowUp,
    Demonstration,
    AfterSaleCare,
    /// A type the rep named (cleaned, non-empty, at most 40 characters).
    Custom(String),
}

impl VisitKind {
    /// The built-in types, in display order.
    pub const BUILT_IN: [VisitKind; 5] =
        [Self::CustomerVisit, Self::StoreCheck, Self::PhoneFollowUp, Self::Demonstration, Self::AfterSaleCare];

    /// Longest user-defined type name.
    pub const MAX_CUSTOM: usize = 40;

    /// Stable code stored in the database (`store-check`), or the custom name as typed.
    pub fn code(&self) -> &str {
        match self {
            Self::CustomerVisit => "customer-visit",
            Self::StoreCheck => "store-check",
            Self::PhoneFollowUp => "phone-follow-up",
            Self::Demonstration => "demonstration",
            Self::AfterSaleCare => "after-sale-care",
            Self::Custom(name) => name,
        }
    }

    /// The type's name in English, as the playbook names it ("Phone follow-up").
    pub fn en(&self) -> &str {
        match self {
            Self::CustomerVisit => "Customer visit",
            Self::StoreCheck => "Store check",
            Self::PhoneFollowUp => "Phone follow-up",
            Self::Demonstration => "Demonstration",
            Self::AfterSaleCare => "After-sale care",
            Self::Custom(name) => name,
        }
    }

    /// Chinese name of a built-in type; a custom type's own name.
    pub fn zh(&self) -> &str {
        match self {
            Self::CustomerVisit => "客户拜访",
            Self::StoreCheck => "巡店",
            Self::PhoneFollowUp => "电话跟进",
            Self::Demonstration => "产品演示",
            Self::AfterSaleCare => "售后回访",
            Self::Custom(name) => name,
        }
    }

    /// Reads a type: a built-in code or Chinese name (case and separators ignored), else a
    /// user-defined name.
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let cleaned = super::customer::clean_line(input);
        if cleaned.is_empty() {
            return Err(DomainError::MissingField { field: "visit type" });
        }
        let norm = |s: &str| {
            s.chars().filter(|c| !matches!(c, '-' | '_' | ' ')).flat_map(char::to_lowercase).collect::<String>()
        };
        let needle = norm(&cleaned);
        if let Some(kind) = Self::BUILT_IN.iter().find(|k| norm(k.code()) == needle || norm(k.zh()) == needle) {
            return Ok(kind.clone());
        }
        check_len("visit type", &cleaned, Self::MAX_CUSTOM)?;
        Ok(Self::Custom(cleaned))
    }

    /// A stored code back as a type (unknown codes are custom types).
    pub fn from_code(code: &str) -> Self {
        Self::BUILT_IN.iter().find(|k| k.code() == code).cloned().unwrap_or_else(|| Self::Custom(code.to_string()))
    }
}

impl std::fmt::Display for VisitKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for VisitKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for VisitKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Self::from_code(&String::deserialize(d)?))
    }
}

/// A visit as stored. `done_at` empty means it is an appointment still to happen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Visit {
    pub id: i64,
    pub customer_id: i64,
    pub deal_id: Option<i64>,
    pub channel: Channel,
    /// The visit's type (its in-visit checklist comes from the playbook).
    pub kind: VisitKind,
    /// Local wall time of the appointment.
    pub planned_at: Option<NaiveDateTime>,
    /// Local wall time it happened; `None` while only planned.
    pub done_at: Option<NaiveDateTime>,
    pub purpose: String,
    pub action_plan: String,
    pub expected_result: String,
    pub actual_result: String,
    pub outcome: Option<Outcome>,
    pub next_topic: String,
    pub next_step: String,
    pub next_step_on: Option<NaiveDate>,
    pub notes: String,
    pub created_at: String,
    pub updated_at: String,
}

impl Visit {
    /// When it happened, else when it is planned.
    pub fn at(&self) -> Option<NaiveDateTime> {
        self.done_at.or(self.planned_at)
    }

    /// True while it is an appointment not yet logged.
    pub fn is_planned(&self) -> bool {
        self.done_at.is_none()
    }
}

/// The fields a rep fills in to plan or log a visit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitInput {
    pub channel: Channel,
    /// The visit's type; a customer visit unless given.
    #[serde(default)]
    pub kind: VisitKind,
    /// Ticked item numbers (1-based) of the type's in-visit checklist, stored with the visit;
    /// `None` leaves the stored ticks as they are.
    #[serde(default)]
    pub ticks: Option<Vec<u32>>,
    /// Ids of the account's people the visit met (or is to meet); `None` leaves the stored
    /// ones as they are.
    #[serde(default)]
    pub met: Option<Vec<i64>>,
    pub planned_at: Option<NaiveDateTime>,
    pub done_at: Option<NaiveDateTime>,
    pub purpose: String,
    pub action_plan: String,
    pub expected_result: String,
    #[serde(default)]
    pub actual_result: String,
    pub outcome: Option<Outcome>,
    #[serde(default)]
    pub next_topic: String,
    #[serde(default)]
    pub next_step: String,
    pub next_step_on: Option<NaiveDate>,
    #[serde(default)]
    pub notes: String,
    /// An open next step of the customer this visit does (when logged) or is planned for:
    /// saving marks it done, by this visit.
    #[serde(default)]
    pub does_step: Option<i64>,
}

impl VisitInput {
    /// An empty in-person visit.
    pub fn blank() -> Self {
        Self {
            channel: Channel::InPerson,
            kind: VisitKind::CustomerVisit,
            ticks: None,
            met: None,
            planned_at: None,
            done_at: None,
            purpose: String::new(),
            action_plan: String::new(),
            expected_result: String::new(),
            actual_result: String::new(),
            outcome: None,
            next_topic: String::new(),
            next_step: String::new(),
            next_step_on: None,
            notes: String::new(),
            does_step: None,
        }
    }

    /// Cleans the text and checks the rules: purpose, action plan and expected result are
    /// required (the first missing one is named); a visit is either planned or done.
    pub fn validated(mut self) -> Result<Self, DomainError> {
        for (field, value) in [
            ("purpose", &mut self.purpose),
            ("action plan", &mut self.action_plan),
            ("expected result", &mut self.expected_result),
            ("actual result", &mut self.actual_result),
            ("next topic", &mut self.next_topic),
            ("next step", &mut self.next_step),
            ("notes", &mut self.notes),
        ] {
            *value = clean_text(value);
            check_len(field, value, MAX_LONG)?;
        }
        for (field, value) in
            [("purpose", &self.purpose), ("action plan", &self.action_plan), ("expected result", &self.expected_result)]
        {
            if value.is_empty() {
                return Err(DomainError::MissingField { field });
            }
        }
        if let Some(ticks) = &mut self.ticks {
            ticks.retain(|t| *t > 0);
            ticks.sort_unstable();
            ticks.dedup();
        }
        if self.planned_at.is_none() && self.done_at.is_none() {
            return Err(DomainError::MissingField { field: "when" });
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::words::Word;

    fn input() -> VisitInput {
        VisitInput {
            purpose: "confirm budget".into(),
            action_plan: "bring price list".into(),
            expected_result: "budget range".into(),
            planned_at: NaiveDate::from_ymd_opt(2031, 5, 6).and_then(|d| d.and_hms_opt(10, 0, 0)),
            ..VisitInput::blank()
        }
    }

    #[test]
    fn names_the_missing_core_field() {
        assert!(input().validated().is_ok());
        let mut v = input();
        v.action_plan = "   ".into();
        assert_eq!(v.validated(), Err(DomainError::MissingField { field: "action plan" }));
        let mut v = input();
        v.expected_result.clear();
        assert_eq!(v.validated(), Err(DomainError::MissingField { field: "expected result" }));
        let mut v = input();
        v.planned_at = None;
        assert_eq!(v.validated(), Err(DomainError::MissingField { field: "when" }));
    }

    #[test]
    fn keeps_newlines_drops_escapes() {
        let mut v = input();
        v.purpose = "line one\nline two\u{1b}[2J".into();
        assert_eq!(v.validated().unwrap().purpose, "line one\nline two[2J");
    }

    #[test]
    fn channels_parse() {
        assert_eq!(Channel::parse_word("In Person").unwrap(), Channel::InPerson);
        assert_eq!(Channel::parse_word("电话").unwrap(), Channel::Phone);
        assert_eq!(Outcome::parse_word("not met").unwrap(), Outcome::NotMet);
    }

    #[test]
    fn visit_kinds_parse_built_in_and_custom() {
        assert_eq!(VisitKind::parse("Store check").unwrap(), VisitKind::StoreCheck);
        assert_eq!(VisitKind::parse("巡店").unwrap(), VisitKind::StoreCheck);
        assert_eq!(VisitKind::parse("phone-follow-up").unwrap(), VisitKind::PhoneFollowUp);
        assert_eq!(VisitKind::parse(" trade fair ").unwrap(), VisitKind::Custom("trade fair".into()));
        assert_eq!(VisitKind::from_code("trade fair"), VisitKind::Custom("trade fair".into()));
        assert_eq!(VisitKind::from_code("demonstration"), VisitKind::Demonstration);
        assert!(VisitKind::parse("  ").is_err());
        assert!(VisitKind::parse(&"x".repeat(41)).is_err());
    }
}
