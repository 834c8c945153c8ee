//! The five sales steps (销售的五大步骤) and the state of a deal.

use super::DomainError;
use super::words::{Word, word_enum};

word_enum!(
    /// One of the five steps every prospect moves through; the columns of the pipeline.
    Step, "step", {
        Preparation = "preparation", "准备";
        Approach = "approach", "接近";
        Survey = "survey", "调查", ["状况掌握"];
        Presentation = "presentation", "展示", ["商品介绍"];
        Close = "close", "成交";
    }
);

impl Step {
    /// Parses a step; the error lists the valid steps.
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        Self::parse_word(input).map_err(|_| DomainError::UnknownStep { input: input.to_string() })
    }

    /// Position 0..=4 in the sequence.
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The step after this one, if any.
    pub fn next(self) -> Option<Self> {
        Self::ALL.get(self.index() + 1).copied()
    }

    /// The step before this one, if any.
    pub fn prev(self) -> Option<Self> {
        self.index().checked_sub(1).and_then(|i| Self::ALL.get(i).copied())
    }
}

word_enum!(
    /// Whether a deal is still being worked, won (成交) or lost (淘汰).
    DealState, "deal state", {
        Open = "open", "进行中";
        Won = "won", "赢单";
        Lost = "lost", "丢单";
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_english_chinese_case_and_prefix() {
        assert_eq!(Step::parse("Survey").unwrap(), Step::Survey);
        assert_eq!(Step::parse("SURVEY").unwrap(), Step::Survey);
        assert_eq!(Step::parse("调查").unwrap(), Step::Survey);
        assert_eq!(Step::parse("状况掌握").unwrap(), Step::Survey);
        assert_eq!(Step::parse("pres").unwrap(), Step::Presentation);
        assert_eq!(Step::parse("prep").unwrap(), Step::Preparation);
        assert_eq!(Step::parse("成").unwrap(), Step::Close);
        assert_eq!(Step::parse(" close ").unwrap(), Step::Close);
    }

    #[test]
    fn rejects_unknown_and_ambiguous() {
        // "pr" is a prefix of preparation and presentation.
        assert!(matches!(Step::parse("pr"), Err(DomainError::UnknownStep { .. })));
        assert!(Step::parse("negotiation").is_err());
        assert!(Step::parse("").is_err());
        let msg = Step::parse("nope").unwrap_err().to_string();
        for s in Step::ALL {
            assert!(msg.contains(s.code()), "{msg}");
        }
    }

    #[test]
    fn order_next_prev() {
        assert_eq!(Step::Preparation.next(), Some(Step::Approach));
        assert_eq!(Step::Close.next(), None);
        assert_eq!(Step::Preparation.prev(), None);
        assert_eq!(Step::Close.prev(), Some(Step::Presentation));
        assert_eq!(Step::Survey.index(), 2);
    }

    #[test]
    fn deal_state_codes_round_trip() {
        for s in DealState::ALL {
            assert_eq!(DealState::from_code(s.code()), Some(*s));
        }
    }
}
