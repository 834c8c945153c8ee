//! Objections (异议) raised on a deal, by kind, with the answer given and whether resolved.

use serde::{Deserialize, Serialize};

use super::DomainError;
use super::customer::{MAX_LONG, check_len, clean_text};
use super::words::word_enum;

word_enum!(
    /// What kind of objection it is; each kind is answered differently.
    ObjectionKind, "objection kind", {
        Misunderstanding = "misunderstanding", "误解";
        Doubt = "doubt", "怀疑";
        RealDrawback = "real-drawback", "实际缺点", ["drawback", "真实缺点", "缺点"];
        Complaint = "complaint", "实际投诉", ["投诉", "抱怨"];
    }
);

/// One objection in a deal's log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Objection {
    pub id: i64,
    pub deal_id: i64,
    pub text: String,
    pub kind: ObjectionKind,
    /// The answer given (empty until answered).
    pub answer: String,
    pub resolved: bool,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// RFC 3339, UTC.
    pub updated_at: String,
    /// RFC 3339, UTC; set when resolved.
    pub resolved_at: Option<String>,
}

/// Cleans an objection's text (required) and answer (optional) and checks their length.
pub fn validated_objection(text: &str, answer: &str) -> Result<(String, String), DomainError> {
    let text = clean_text(text);
    let answer = clean_text(answer);
    if text.is_empty() {
        return Err(DomainError::MissingField { field: "objection" });
    }
    check_len("objection", &text, MAX_LONG)?;
    check_len("answer", &answer, MAX_LONG)?;
    Ok((text, answer))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Word;

    #[test]
    fn kinds_parse_and_text_is_required() {
        assert_eq!(ObjectionKind::parse_word("real drawback").unwrap(), ObjectionKind::RealDrawback);
        assert_eq!(ObjectionKind::parse_word("怀疑").unwrap(), ObjectionKind::Doubt);
        assert_eq!(ObjectionKind::parse_word("mis").unwrap(), ObjectionKind::Misunderstanding);
        assert_eq!(validated_objection("  ", ""), Err(DomainError::MissingField { field: "objection" }));
        assert_eq!(
            validated_objection(" too pricey ", " show TCO ").unwrap(),
            ("too pricey".into(), "show TCO".into())
        );
    }
}
