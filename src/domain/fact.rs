//! The rules of one fact of the customer record, for every face: a label is required, a
//! yearly date (birthday, anniversary) is `MM-DD` or `YYYY-MM-DD`, a date alone is also the
//! value, some value is required, and lengths are bounded.

use super::customer::{MAX_LONG, MAX_SHORT, check_len, clean_line, clean_text};
use super::{DomainError, FactCategory, MonthDay};

/// The parts of a fact a rep types; an error names the one to fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactPart {
    Label,
    Value,
    Date,
}

/// A fact as typed (command-line options or the app's form), before the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactDraft {
    pub category: FactCategory,
    pub label: String,
    pub value: String,
    /// A yearly date, `MM-DD` or `YYYY-MM-DD`; empty for none.
    pub date: String,
}

/// A fact that passed the rules: cleaned of control characters and within the lengths.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFact {
    pub category: FactCategory,
    pub label: String,
    pub value: String,
    pub month_day: Option<MonthDay>,
}

impl FactDraft {
    /// The fact as it is saved, or the part in error and why.
    pub fn validate(&self) -> Result<NewFact, (FactPart, DomainError)> {
        let label = clean_line(&self.label);
        if label.is_empty() {
            return Err((FactPart::Label, DomainError::MissingField { field: "label" }));
        }
        check_len("label", &label, MAX_SHORT).map_err(|e| (FactPart::Label, e))?;
        let date = clean_line(&self.date);
        let month_day = match date.as_str() {
            "" => None,
            text => Some(
                MonthDay::parse(text)
                    .ok_or_else(|| (FactPart::Date, DomainError::BadMonthDay { input: date.clone() }))?,
            ),
        };
        let mut value = clean_text(&self.value);
        if value.is_empty() {
            value = date;
        }
        if value.is_empty() {
            return Err((FactPart::Value, DomainError::MissingField { field: "value" }));
        }
        check_len("value", &value, MAX_LONG).map_err(|e| (FactPart::Value, e))?;
        Ok(NewFact { category: self.category, label, value, month_day })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(label: &str, value: &str, date: &str) -> FactDraft {
        FactDraft { category: FactCategory::Personal, label: label.into(), value: value.into(), date: date.into() }
    }

    #[test]
    fn a_date_alone_is_also_the_value() {
        let fact = draft(" birthday ", "", "1980-05-09").validate().unwrap();
        assert_eq!(fact.label, "birthday");
        assert_eq!(fact.value, "1980-05-09");
        assert_eq!(fact.month_day, MonthDay::new(5, 9));
    }

    #[test]
    fn each_mistake_names_its_part() {
        assert_eq!(draft(" ", "x", "").validate().unwrap_err().0, FactPart::Label);
        assert_eq!(draft("hobby", "  ", "").validate().unwrap_err().0, FactPart::Value);
        let (part, e) = draft("birthday", "", "13-45").validate().unwrap_err();
        assert_eq!((part, e), (FactPart::Date, DomainError::BadMonthDay { input: "13-45".into() }));
        assert_eq!(draft(&"x".repeat(MAX_SHORT + 1), "v", "").validate().unwrap_err().0, FactPart::Label);
    }

    #[test]
    fn control_characters_are_dropped_but_lines_kept_in_the_value() {
        let fact = draft("note\u{1b}[2J", "line one\nline two\u{7}", "").validate().unwrap();
        assert_eq!(fact.label, "note [2J");
        assert_eq!(fact.value, "line one\nline two");
    }
}
