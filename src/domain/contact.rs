//! The people of an account (联系人) and their buying roles (决策者, 采购者, 内线 …), and the
//! account's buying centre: who plays which role, and which roles nobody is known to play.

use serde::{Deserialize, Serialize};

use super::customer::{MAX_SHORT, check_len, clean_line};
use super::words::{Word, word_enum};
use super::{DomainError, Style};

word_enum!(
    /// The part a person plays in the account's buying decision (采购中的角色).
    BuyingRole, "role", {
        DecisionMaker = "decision-maker", "决策者", ["decider", "dm", "关键决策人"];
        Buyer = "buyer", "采购者", ["purchaser", "采购"];
        User = "user", "使用者";
        Influencer = "influencer", "影响者";
        Insider = "insider", "内线", ["champion", "内应", "信息员"];
        Gatekeeper = "gatekeeper", "把关者";
    }
);

/// One person of an account, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub id: i64,
    pub customer_id: i64,
    pub name: String,
    pub title: String,
    pub phone: String,
    pub email: String,
    /// The person's personality style (a person's, not a company's).
    pub style: Style,
    /// In display order (`BuyingRole::ALL`), each once.
    pub roles: Vec<BuyingRole>,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// RFC 3339, UTC.
    pub updated_at: String,
}

/// The parts of a person a rep types; an error names the one to fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactPart {
    Name,
    Title,
    Phone,
    Email,
    Style,
    Roles,
}

/// A person as typed (command-line options or the app's form), before the rules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactDraft {
    pub name: String,
    pub title: String,
    pub phone: String,
    pub email: String,
    /// A style word in English or Chinese; empty for unknown.
    pub style: String,
    /// Role words in English or Chinese; several may also be given in one, separated by
    /// commas (`buyer,内线`).
    pub roles: Vec<String>,
}

/// A person that passed the rules: cleaned, within the lengths, style and roles read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContact {
    pub name: String,
    pub title: String,
    pub phone: String,
    pub email: String,
    pub style: Style,
    /// In display order, each once.
    pub roles: Vec<BuyingRole>,
}

impl ContactDraft {
    /// The draft of a stored person, for editing it.
    pub fn of(contact: &Contact) -> Self {
        Self {
            name: contact.name.clone(),
            title: contact.title.clone(),
            phone: contact.phone.clone(),
            email: contact.email.clone(),
            style: if contact.style == Style::Unknown { String::new() } else { contact.style.code().to_string() },
            roles: contact.roles.iter().map(|r| r.code().to_string()).collect(),
        }
    }

    /// The person as it is saved, or the part in error and why.
    pub fn validate(&self) -> Result<NewContact, (ContactPart, DomainError)> {
        let line = |part: ContactPart, field: &'static str, value: &str| {
            let value = clean_line(value);
            check_len(field, &value, MAX_SHORT).map(|()| value).map_err(|e| (part, e))
        };
        let name = line(ContactPart::Name, "name", &self.name)?;
        if name.is_empty() {
            return Err((ContactPart::Name, DomainError::MissingField { field: "name" }));
        }
        let style = match clean_line(&self.style).as_str() {
            "" => Style::Unknown,
            word => Style::parse_word(word).map_err(|e| (ContactPart::Style, e))?,
        };
        Ok(NewContact {
            name,
            title: line(ContactPart::Title, "title", &self.title)?,
            phone: line(ContactPart::Phone, "phone", &self.phone)?,
            email: line(ContactPart::Email, "email", &self.email)?,
            style,
            roles: parse_roles(&self.roles).map_err(|e| (ContactPart::Roles, e))?,
        })
    }
}

/// Reads role words (English, Chinese, prefixes; commas or `、` between several) into a
/// set in display order.
pub fn parse_roles(words: &[String]) -> Result<Vec<BuyingRole>, DomainError> {
    let mut roles = Vec::new();
    for word in words.iter().flat_map(|w| w.split([',', '，', '、'])) {
        if word.trim().is_empty() {
            continue;
        }
        roles.push(BuyingRole::parse_word(word)?);
    }
    roles.sort();
    roles.dedup();
    Ok(roles)
}

/// A role of the buying centre that no known person plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BuyingGap {
    /// Nobody known to decide: the Authority gap of MAN (find who decides).
    NoDecisionMaker,
    /// Nobody known to buy (the purchasing process is unknown).
    NoBuyer,
    /// No insider (内线) in a company: nobody tells us the inside story.
    NoInsider,
}

impl BuyingGap {
    /// The role nobody is known to play.
    pub fn role(self) -> BuyingRole {
        match self {
            Self::NoDecisionMaker => BuyingRole::DecisionMaker,
            Self::NoBuyer => BuyingRole::Buyer,
            Self::NoInsider => BuyingRole::Insider,
        }
    }

    /// Stable code, for JSON and message keys.
    pub fn code(self) -> &'static str {
        match self {
            Self::NoDecisionMaker => "no-decision-maker",
            Self::NoBuyer => "no-buyer",
            Self::NoInsider => "no-insider",
        }
    }
}

/// Who plays which role in an account's buying decision, and what is missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BuyingCentre {
    /// Each role with the ids of the people who play it, in role order; roles nobody plays
    /// are left out.
    pub roles: Vec<(BuyingRole, Vec<i64>)>,
    pub gaps: Vec<BuyingGap>,
}

impl BuyingCentre {
    /// The buying centre of an account with these people. `is_company`: the account is an
    /// organisation (a company name is known); a consumer buys alone, so only who decides
    /// can be missing there.
    pub fn of(people: &[Contact], is_company: bool) -> Self {
        let roles: Vec<(BuyingRole, Vec<i64>)> = BuyingRole::ALL
            .iter()
            .map(|role| (*role, people.iter().filter(|p| p.roles.contains(role)).map(|p| p.id).collect::<Vec<_>>()))
            .filter(|(_, ids)| !ids.is_empty())
            .collect();
        let played = |role: BuyingRole| roles.iter().any(|(r, _)| *r == role);
        let mut gaps = Vec::new();
        if !played(BuyingRole::DecisionMaker) {
            gaps.push(BuyingGap::NoDecisionMaker);
        }
        if is_company && !played(BuyingRole::Buyer) {
            gaps.push(BuyingGap::NoBuyer);
        }
        if is_company && !played(BuyingRole::Insider) {
            gaps.push(BuyingGap::NoInsider);
        }
        Self { roles, gaps }
    }

    /// The ids of the people who decide.
    pub fn decision_makers(&self) -> &[i64] {
        self.roles.iter().find(|(r, _)| *r == BuyingRole::DecisionMaker).map_or(&[], |(_, ids)| ids.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: i64, roles: &[BuyingRole]) -> Contact {
        Contact {
            id,
            customer_id: 1,
            name: format!("p{id}"),
            title: String::new(),
            phone: String::new(),
            email: String::new(),
            style: Style::Unknown,
            roles: roles.to_vec(),
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    #[test]
    fn roles_read_in_both_languages_and_as_lists() {
        let words = |w: &[&str]| parse_roles(&w.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(words(&["决策者"]).unwrap(), [BuyingRole::DecisionMaker]);
        assert_eq!(words(&["内线", "Decision Maker"]).unwrap(), [BuyingRole::DecisionMaker, BuyingRole::Insider]);
        assert_eq!(words(&["buyer,gate", "采购者"]).unwrap(), [BuyingRole::Buyer, BuyingRole::Gatekeeper]);
        assert_eq!(words(&["使用者、影响者"]).unwrap(), [BuyingRole::User, BuyingRole::Influencer]);
        assert_eq!(words(&[" "]).unwrap(), []);
        assert!(matches!(words(&["boss"]), Err(DomainError::UnknownValue { kind: "role", .. })));
        assert!(words(&["in"]).is_err(), "influencer or insider: ambiguous");
    }

    #[test]
    fn a_draft_needs_a_name_and_reads_style_and_roles() {
        let draft = ContactDraft {
            name: "  张总\t".into(),
            style: "支配型".into(),
            roles: vec!["dm".into()],
            ..Default::default()
        };
        let ok = draft.validate().unwrap();
        assert_eq!(
            (ok.name.as_str(), ok.style, ok.roles.as_slice()),
            ("张总", Style::Driver, &[BuyingRole::DecisionMaker][..])
        );
        let empty = ContactDraft { name: " ".into(), ..Default::default() };
        assert_eq!(empty.validate().unwrap_err().0, ContactPart::Name);
        let long = ContactDraft { name: "x".into(), email: "e".repeat(MAX_SHORT + 1), ..Default::default() };
        assert_eq!(long.validate().unwrap_err().0, ContactPart::Email);
        let style = ContactDraft { name: "x".into(), style: "grumpy".into(), ..Default::default() };
        assert_eq!(style.validate().unwrap_err().0, ContactPart::Style);
        let role = ContactDraft { name: "x".into(), roles: vec!["boss".into()], ..Default::default() };
        assert_eq!(role.validate().unwrap_err().0, ContactPart::Roles);
    }

    #[test]
    fn a_stored_person_round_trips_through_its_draft() {
        let mut p = person(3, &[BuyingRole::Buyer, BuyingRole::Insider]);
        p.style = Style::Amiable;
        let back = ContactDraft::of(&p).validate().unwrap();
        assert_eq!((back.style, back.roles), (Style::Amiable, p.roles.clone()));
    }

    #[test]
    fn the_buying_centre_flags_what_nobody_plays() {
        let company = BuyingCentre::of(&[person(1, &[BuyingRole::Buyer]), person(2, &[])], true);
        assert_eq!(company.gaps, [BuyingGap::NoDecisionMaker, BuyingGap::NoInsider]);
        assert!(company.decision_makers().is_empty());
        let full = BuyingCentre::of(
            &[person(1, &[BuyingRole::Buyer, BuyingRole::Insider]), person(2, &[BuyingRole::DecisionMaker])],
            true,
        );
        assert!(full.gaps.is_empty());
        assert_eq!(full.decision_makers(), [2]);
        assert_eq!(full.roles[0], (BuyingRole::DecisionMaker, vec![2]));
        let consumer = BuyingCentre::of(&[person(1, &[])], false);
        assert_eq!(consumer.gaps, [BuyingGap::NoDecisionMaker], "a consumer needs no buyer nor insider");
    }
}
