//! Who plays which part in an account's buying (domain.md §8) by title: the demo gives each
//! person roles their title fits.

use super::people::{Tongue, decides_by_title};
use crate::domain::{BuyingRole, DealState, Man, Step, Tri, Word};
use crate::store::bulk::BulkDeal;

/// The buying roles each title fits, the one it most often plays first (domain.md §8): the
/// general manager decides, a plant director decides or influences, purchasing buys (and may
/// keep the gate or tell us what goes on), engineering and operations use and influence, the
/// finance director keeps the gate on the money.
const TITLE_ROLES: &[(&str, &[BuyingRole])] = {
    use BuyingRole::*;
    &[
        ("总经理", &[DecisionMaker]),
        ("董事长", &[DecisionMaker]),
        ("副总经理", &[DecisionMaker, Influencer]),
        ("厂长", &[DecisionMaker, Influencer]),
        ("采购经理", &[Buyer, Gatekeeper, Insider]),
        ("采购主管", &[Buyer, Insider, Gatekeeper]),
        ("技术总监", &[Influencer, User, Gatekeeper]),
        ("财务总监", &[Gatekeeper, Influencer]),
        ("运营经理", &[User, Influencer, Insider]),
        ("IT主管", &[User, Buyer, Influencer, Insider]),
        ("设备科长", &[User, Insider, Influencer]),
        ("General Manager", &[DecisionMaker]),
        ("Managing Director", &[DecisionMaker]),
        ("CEO", &[DecisionMaker]),
        ("Plant Director", &[DecisionMaker, Influencer]),
        ("Purchasing Manager", &[Buyer, Gatekeeper, Insider]),
        ("Procurement Officer", &[Buyer, Insider, Gatekeeper]),
        ("CTO", &[Influencer, User, Gatekeeper]),
        ("CFO", &[Gatekeeper, Influencer]),
        ("Operations Manager", &[User, Influencer, Insider]),
        ("Head of IT", &[User, Buyer, Influencer, Insider]),
    ]
};

/// The buying roles `title` fits, the likeliest first (every role for a title not known).
pub fn roles_of_title(title: &str) -> &'static [BuyingRole] {
    TITLE_ROLES.iter().find(|(t, _)| *t == title).map_or(BuyingRole::ALL, |(_, roles)| roles)
}

/// A title in `tongue` that fits every one of `roles` (purchasing for a buyer, a plant
/// director for an influencer…), the first listed that nobody of the account has yet
/// (`taken`), else the first; a general manager's only for who decides.
pub fn title_for(roles: &[BuyingRole], tongue: Tongue, taken: &[&str]) -> &'static str {
    let chinese = |t: &str| !t.is_ascii();
    let decides = roles.contains(&BuyingRole::DecisionMaker);
    let fitting = || {
        TITLE_ROLES
            .iter()
            .filter(|(t, _)| chinese(t) == (tongue == Tongue::Zh) && (decides || !decides_by_title(t)))
            .filter(|(_, fits)| roles.iter().all(|r| fits.contains(r)))
            .map(|(t, _)| *t)
    };
    fitting().find(|t| !taken.contains(t)).or_else(|| fitting().next()).unwrap_or(if tongue == Tongue::Zh {
        "采购经理"
    } else {
        "Purchasing Manager"
    })
}

/// The account's MAN (drawn) made to agree with what else is known of it: who bought has the
/// money and the need; an open deal past the approach has a need the customer confirmed, one
/// before it a need not ruled out, one presented or closing money not ruled out; the account's own person has the authority when they are
/// its decision maker (`own` their roles), not when another is (`someone_decides`), and not
/// known to have it otherwise.
pub fn man_that_fits(drawn: Man, own: &[BuyingRole], someone_decides: bool, deals: &[BulkDeal]) -> Man {
    let won = deals.iter().any(|d| d.state == DealState::Won);
    let open_at = deals.iter().filter(|d| d.state == DealState::Open).map(|d| d.stage.index()).max();
    let authority = match () {
        _ if own.contains(&BuyingRole::DecisionMaker) => Tri::Yes,
        _ if someone_decides => Tri::No,
        _ if drawn.authority == Tri::Yes => Tri::Unknown,
        _ => drawn.authority,
    };
    let need = match open_at {
        _ if won => Tri::Yes,
        Some(step) if step >= Step::Survey.index() => Tri::Yes,
        Some(_) if drawn.need == Tri::No => Tri::Unknown,
        _ => drawn.need,
    };
    // A deal presented or being closed is not with a customer who cannot pay.
    let money = match open_at {
        _ if won => Tri::Yes,
        Some(step) if step >= Step::Presentation.index() && drawn.money == Tri::No => Tri::Unknown,
        _ => drawn.money,
    };
    Man { money, authority, need }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_s_man_agrees_with_its_deals_and_people() {
        let drawn = Man { money: Tri::No, authority: Tri::Yes, need: Tri::No };
        let deal = |stage, state| BulkDeal {
            title: String::new(),
            value_minor: None,
            currency: "CNY".into(),
            stage,
            state,
            lost_reason: String::new(),
            expected_close_on: None,
            history: Vec::new(),
        };
        let won = [deal(Step::Close, DealState::Won)];
        let man = man_that_fits(drawn, &[BuyingRole::DecisionMaker], true, &won);
        assert_eq!(man, Man { money: Tri::Yes, authority: Tri::Yes, need: Tri::Yes });
        let early = [deal(Step::Approach, DealState::Open)];
        let man = man_that_fits(drawn, &[BuyingRole::Buyer], true, &early);
        assert_eq!(man, Man { money: Tri::No, authority: Tri::No, need: Tri::Unknown });
        let man = man_that_fits(drawn, &[], false, &[deal(Step::Survey, DealState::Open)]);
        assert_eq!(man, Man { money: Tri::No, authority: Tri::Unknown, need: Tri::Yes });
        let lost = [deal(Step::Survey, DealState::Lost)];
        assert_eq!(man_that_fits(drawn, &[], false, &lost).need, Tri::No, "a lost account may have had no need");
    }

    #[test]
    fn a_plant_director_decides_or_influences_and_purchasing_buys() {
        assert!(!roles_of_title("厂长").contains(&BuyingRole::Buyer));
        assert_eq!(roles_of_title("厂长")[0], BuyingRole::DecisionMaker);
        assert!(!roles_of_title("采购经理").contains(&BuyingRole::DecisionMaker));
        assert_eq!(title_for(&[BuyingRole::Buyer], Tongue::Zh, &[]), "采购经理");
        assert_eq!(title_for(&[BuyingRole::Buyer], Tongue::Zh, &["采购经理"]), "采购主管", "one title each");
        assert_eq!(title_for(&[BuyingRole::Insider, BuyingRole::Buyer], Tongue::En, &[]), "Purchasing Manager");
        assert_eq!(title_for(&[BuyingRole::Influencer], Tongue::Zh, &[]), "厂长", "not a general manager");
        assert_eq!(title_for(&[BuyingRole::DecisionMaker], Tongue::En, &[]), "General Manager");
        let all = ["General Manager", "Managing Director", "CEO", "Plant Director"];
        assert_eq!(title_for(&[BuyingRole::DecisionMaker], Tongue::En, &all), "General Manager", "all taken");
        assert_eq!(roles_of_title("Chief Dreamer"), BuyingRole::ALL, "a title not known fits any role");
        for tongue in [Tongue::Zh, Tongue::En] {
            for role in BuyingRole::ALL {
                let title = title_for(&[*role], tongue, &[]);
                assert!(roles_of_title(title).contains(role), "{title} as {role:?}");
            }
        }
    }
}
