//! `fieldbook add NAME ...`: a new customer with a first open deal; refuses a likely duplicate.

use serde_json::json;

use super::Ctx;
use super::output::{self, FormatArg};
use crate::domain::money::{Currency, Money};
use crate::domain::{CustomerClass, NewCustomer, Step, Style, Word};
use crate::ops;
use crate::store::NewDeal;

/// Arguments of `add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The customer's name.
    pub name: String,
    /// Company or organisation.
    #[arg(long, default_value = "")]
    pub company: String,
    /// Phone number.
    #[arg(long, default_value = "")]
    pub phone: String,
    /// E-mail address.
    #[arg(long, default_value = "")]
    pub email: String,
    /// Job title.
    #[arg(long, default_value = "")]
    pub title: String,
    /// Customer class (potential, intent, quasi, ordinary, quality, key, lost).
    #[arg(long)]
    pub class: Option<String>,
    /// Personality style (driver, expressive, amiable, analytical, unknown).
    #[arg(long)]
    pub style: Option<String>,
    /// Step of the first deal (default: preparation).
    #[arg(long, value_name = "STEP")]
    pub stage: Option<String>,
    /// Expected value of the first deal (200000, 200k, 1.5m, 80万, $50k, USD 50000).
    #[arg(long, value_name = "AMOUNT")]
    pub value: Option<String>,
    /// Currency of the value when it names none (default: `currency` in config.toml, else CNY).
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    /// How the customer was found.
    #[arg(long, default_value = "")]
    pub source: String,
    /// Add even when a customer with the same phone, e-mail, or name and company exists.
    #[arg(long)]
    pub allow_duplicate: bool,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Adds the customer and prints its id.
pub fn run(args: &AddArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let new = NewCustomer {
        name: args.name.clone(),
        company: args.company.clone(),
        phone: args.phone.clone(),
        email: args.email.clone(),
        title: args.title.clone(),
        source: args.source.clone(),
        class: args.class.as_deref().map(CustomerClass::parse_word).transpose()?,
        style: args.style.as_deref().map(Style::parse_word).transpose()?,
        ..Default::default()
    }
    .validated()?;
    let currency = args.currency.as_deref().map(Currency::parse).transpose()?;
    let value = args.value.as_deref().map(|v| Money::parse_with(v, currency, ctx.config.currency)).transpose()?;
    let deal = NewDeal {
        stage: args.stage.as_deref().map(Step::parse).transpose()?.unwrap_or(Step::Preparation),
        currency: currency.unwrap_or(ctx.config.currency),
        ..Default::default()
    }
    .with_value(value);
    let name = new.name.clone();
    let id = ops::customers::add(ctx.store()?, new, deal.clone(), args.allow_duplicate)?;
    if args.format.is_json() {
        ctx.print(&output::json(&json!({ "id": id, "name": name, "stage": deal.stage.code() }))?)
    } else {
        ctx.tell(
            &ctx.i18n.fmt("cli.add.added", &[("id", &id), ("name", &name), ("stage", &ctx.i18n.word(deal.stage))]),
        );
        ctx.print(&id.to_string())
    }
}
