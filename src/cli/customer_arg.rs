//! A customer named on the command line: its number, or a name only it answers to.

use std::convert::Infallible;
use std::str::FromStr;

use super::Ctx;
use crate::ops::find_customer::{self, Found};

/// How many of the customers a name fits an error lists.
const LISTED: usize = 8;

/// A customer as typed: `77`, `#77`, `王伟`, `"Kevin Collins"`, `hengxin` (see
/// [`find_customer::find`]).
#[derive(Debug, Clone)]
pub struct CustomerArg(String);

impl FromStr for CustomerArg {
    type Err = Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.to_owned()))
    }
}

impl CustomerArg {
    /// The customer's id; a name that fits no one, or several, is an error that lists them.
    pub fn id(&self, ctx: &mut Ctx) -> anyhow::Result<i64> {
        // A number needs no database yet: the command's own checks come first.
        if let Some(id) = find_customer::number(&self.0) {
            return Ok(id);
        }
        let found = find_customer::find(ctx.store()?, &self.0)?;
        match found {
            Found::One(id) => Ok(id),
            Found::NoOne => Err(ctx.fail("error.customer_no_one", &[("words", &self.0)])),
            Found::Several(customers) => {
                let more = (customers.len() > LISTED).then(|| "…".to_owned());
                let listed = ctx.i18n.list(
                    customers
                        .iter()
                        .take(LISTED)
                        .map(|found| {
                            let c = &found.customer;
                            let line = match c.company.as_str() {
                                "" => format!("#{} {}", c.id, c.name),
                                company => format!("#{} {} · {company}", c.id, c.name),
                            };
                            match &found.person {
                                Some(person) => ctx.i18n.paren(&line, person),
                                None => line,
                            }
                        })
                        .chain(more),
                );
                Err(ctx.fail("error.customer_several", &[("words", &self.0), ("found", &listed)]))
            }
        }
    }
}
