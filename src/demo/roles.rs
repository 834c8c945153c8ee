//! Who plays which part in an account's buying (domain.md §8) by title: the demo gives each
//! person roles their title fits.

use super::people::{Tongue, decides_by_title};
use crate::domain::{BuyingRole, Word};

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
/// director for an influencer…), the first listed; a general manager's only for who decides.
pub fn title_for(roles: &[BuyingRole], tongue: Tongue) -> &'static str {
    let chinese = |t: &str| !t.is_ascii();
    let decides = roles.contains(&BuyingRole::DecisionMaker);
    TITLE_ROLES
        .iter()
        .filter(|(t, _)| chinese(t) == (tongue == Tongue::Zh) && (decides || !decides_by_title(t)))
        .find(|(_, fits)| roles.iter().all(|r| fits.contains(r)))
        .map_or(if tongue == Tongue::Zh { "采购经理" } else { "Purchasing Manager" }, |(t, _)| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plant_director_decides_or_influences_and_purchasing_buys() {
        assert!(!roles_of_title("厂长").contains(&BuyingRole::Buyer));
        assert_eq!(roles_of_title("厂长")[0], BuyingRole::DecisionMaker);
        assert!(!roles_of_title("采购经理").contains(&BuyingRole::DecisionMaker));
        assert_eq!(title_for(&[BuyingRole::Buyer], Tongue::Zh), "采购经理");
        assert_eq!(title_for(&[BuyingRole::Insider, BuyingRole::Buyer], Tongue::En), "Purchasing Manager");
        assert_eq!(title_for(&[BuyingRole::Influencer], Tongue::Zh), "厂长", "not a general manager");
        assert_eq!(title_for(&[BuyingRole::DecisionMaker], Tongue::En), "General Manager");
        assert_eq!(roles_of_title("Chief Dreamer"), BuyingRole::ALL, "a title not known fits any role");
        for tongue in [Tongue::Zh, Tongue::En] {
            for role in BuyingRole::ALL {
                let title = title_for(&[*role], tongue);
                assert!(roles_of_title(title).contains(role), "{title} as {role:?}");
            }
        }
    }
}
