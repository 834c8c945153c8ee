//! `fieldbook fact ID --category C --label L --value V [--date MM-DD] [--contact PERSON_ID]`:
//! a piece of the customer record in one of the five categories, about one of the account's
//! people with `--contact`; `--date` makes it a yearly reminder (birthdays, anniversaries)
//! that `today` shows in the week before.

use serde_json::json;

use super::Ctx;
use super::customer_arg::CustomerArg;
use super::output::{self, FormatArg};
use crate::domain::{DomainError, FactCategory, FactDraft, Word};
use crate::ops;

/// Arguments of `fact`.
#[derive(Debug, clap::Args)]
pub struct FactArgs {
    /// The customer: its number, or a name only it answers to (`fieldbook list` shows numbers).
    #[arg(value_name = "CUSTOMER")]
    pub id: CustomerArg,
    /// basic, business, personal, logistics or commercial.
    #[arg(long)]
    pub category: Option<String>,
    /// What the fact is (hobby, birthday, assistant...).
    #[arg(long)]
    pub label: Option<String>,
    /// The fact itself.
    #[arg(long, default_value = "")]
    pub value: String,
    /// A yearly date: MM-DD or YYYY-MM-DD.
    #[arg(long, value_name = "MM-DD")]
    pub date: Option<String>,
    /// The person of the account the fact is about (`fieldbook contact list ID` shows them).
    #[arg(long, value_name = "PERSON_ID")]
    pub contact: Option<i64>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Saves the fact and prints its id.
pub fn run(args: &FactArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let customer_id = args.id.id(ctx)?;
    let category = args.category.as_deref().ok_or(DomainError::MissingField { field: "category" })?;
    let draft = FactDraft {
        category: FactCategory::parse_word(category)?,
        label: args.label.clone().unwrap_or_default(),
        value: args.value.clone(),
        date: args.date.clone().unwrap_or_default(),
    };
    let id = ops::facts::add(ctx.store()?, customer_id, args.contact, &draft)?;
    if args.format.is_json() {
        let out = json!({ "fact_id": id, "customer_id": customer_id, "contact_id": args.contact });
        return ctx.print(&output::json(&out)?);
    }
    ctx.tell(
        &ctx.i18n.fmt(
            "cli.fact.saved",
            &[("fact", &id), ("id", &customer_id), ("category", &ctx.i18n.word(draft.category))],
        ),
    );
    ctx.print(&id.to_string())
}
