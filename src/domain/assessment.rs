//! The rep's self-assessment: sixteen statements rated 1 to 5, four for each of the four
//! skills of the method (making contact, obtaining information, giving information,
//! influencing and handling objections). Each sitting is kept with its day; retaking it shows
//! the change.

use chrono::NaiveDate;
use serde::Serialize;

use super::DomainError;

/// How many statements a sitting rates.
pub const STATEMENTS: usize = 16;
/// Statements per skill.
pub const PER_SKILL: usize = 4;
/// The lowest and highest rating.
pub const RATINGS: std::ops::RangeInclusive<u8> = 1..=5;

/// One of the four skills, in the order of the statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Skill {
    MakingContact,
    ObtainingInformation,
    GivingInformation,
    Influencing,
}

impl Skill {
    /// The four, in the order of the statements (statements 1–4 are the first's, …).
    pub const ALL: [Skill; 4] =
        [Self::MakingContact, Self::ObtainingInformation, Self::GivingInformation, Self::Influencing];

    /// The code the playbook names the skill by.
    pub fn code(self) -> &'static str {
        match self {
            Self::MakingContact => "making-contact",
            Self::ObtainingInformation => "obtaining-information",
            Self::GivingInformation => "giving-information",
            Self::Influencing => "influencing",
        }
    }

    /// Its place among the four (0-based).
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// The ratings of one sitting, statement by statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answers([u8; STATEMENTS]);

impl Answers {
    /// Checks sixteen ratings of 1 to 5.
    pub fn new(ratings: &[u8]) -> Result<Self, DomainError> {
        let bad = || DomainError::BadAnswers { count: ratings.len() };
        let array: [u8; STATEMENTS] = ratings.try_into().map_err(|_| bad())?;
        if array.iter().any(|r| !RATINGS.contains(r)) {
            return Err(bad());
        }
        Ok(Self(array))
    }

    /// Reads `3,4,5,…` (commas, spaces or both between the sixteen ratings; full-width
    /// digits and commas too).
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let normal: String = input
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '，' | '、' | ',' | ';' => ' ',
                other => other,
            })
            .collect();
        let parts: Vec<&str> = normal.split_whitespace().collect();
        let ratings: Option<Vec<u8>> = parts.iter().map(|p| p.parse::<u8>().ok()).collect();
        match ratings {
            Some(ratings) => Self::new(&ratings),
            None => Err(DomainError::BadAnswers { count: parts.len() }),
        }
    }

    /// The stored form: sixteen digits.
    pub fn digits(&self) -> String {
        self.0.iter().map(|r| char::from(b'0' + r)).collect()
    }

    /// Reads [`Answers::digits`].
    pub fn from_digits(s: &str) -> Option<Self> {
        let ratings: Option<Vec<u8>> = s.chars().map(|c| c.to_digit(10).and_then(|d| u8::try_from(d).ok())).collect();
        Self::new(&ratings?).ok()
    }

    /// The ratings in order.
    pub fn ratings(&self) -> &[u8; STATEMENTS] {
        &self.0
    }

    /// A skill's score: the mean of its four ratings (1.0 to 5.0).
    pub fn score(&self, skill: Skill) -> f64 {
        let start = skill.index() * PER_SKILL;
        let sum: u32 = self.0[start..start + PER_SKILL].iter().map(|r| u32::from(*r)).sum();
        f64::from(sum) / PER_SKILL as f64
    }
}

/// One sitting: its day and ratings.
#[derive(Debug, Clone, PartialEq)]
pub struct Sitting {
    pub id: i64,
    pub taken_on: NaiveDate,
    pub answers: Answers,
}

/// A skill's score in the last sitting and how it moved since the one before.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkillScore {
    pub skill: Skill,
    /// Mean of the four ratings, 1.0 to 5.0.
    pub score: f64,
    /// The score of the sitting before, if there was one.
    pub previous: Option<f64>,
    /// `score - previous`.
    pub change: Option<f64>,
}

/// The four skills of `latest` compared with `previous`.
pub fn compare(latest: &Answers, previous: Option<&Answers>) -> Vec<SkillScore> {
    Skill::ALL
        .iter()
        .map(|&skill| {
            let score = latest.score(skill);
            let previous = previous.map(|p| p.score(skill));
            SkillScore { skill, score, previous, change: previous.map(|p| score - p) }
        })
        .collect()
}

/// The skill with the lowest score (the first of equals, in the method's order).
pub fn weakest(scores: &[SkillScore]) -> Option<Skill> {
    scores
        .iter()
        .fold(None, |low: Option<&SkillScore>, s| match low {
            Some(l) if l.score <= s.score => Some(l),
            _ => Some(s),
        })
        .map(|s| s.skill)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_sixteen_ratings_of_one_to_five() {
        let a = Answers::parse("1,2,3,4, 5 5 5 5，4，4，4，4 ３,3,3,3").unwrap();
        assert_eq!(a.digits(), "1234555544443333");
        assert_eq!(Answers::from_digits(&a.digits()), Some(a));
        assert_eq!(a.score(Skill::MakingContact), 2.5);
        assert_eq!(a.score(Skill::Influencing), 3.0);
        assert!(Answers::parse("1,2,3").is_err());
        assert!(Answers::parse("0,2,3,4,5,5,5,5,4,4,4,4,3,3,3,3").is_err());
        assert!(Answers::parse("6,2,3,4,5,5,5,5,4,4,4,4,3,3,3,3").is_err());
        assert!(Answers::parse("a,2,3,4,5,5,5,5,4,4,4,4,3,3,3,3").is_err());
        assert_eq!(Answers::from_digits("123"), None);
    }

    #[test]
    fn the_change_since_last_time_and_the_weakest_skill() {
        let before = Answers::parse("3 3 3 3  2 2 2 2  4 4 4 4  3 3 3 3").unwrap();
        let now = Answers::parse("4 4 4 4  2 2 3 3  4 4 4 4  2 2 2 2").unwrap();
        let scores = compare(&now, Some(&before));
        assert_eq!(scores[0].change, Some(1.0));
        assert_eq!(scores[1].change, Some(0.5));
        assert_eq!(scores[3].change, Some(-1.0));
        assert_eq!(weakest(&scores), Some(Skill::Influencing));
        let first = compare(&before, None);
        assert!(first.iter().all(|s| s.change.is_none()));
        assert_eq!(weakest(&first), Some(Skill::ObtainingInformation));
        let even = compare(&Answers::new(&[3; 16]).unwrap(), None);
        assert_eq!(weakest(&even), Some(Skill::MakingContact));
    }
}
