//! `fieldbook profile ID [...]`: sets a customer's class, personality style, MAN answers,
//! portfolio quadrant and cadence override, then prints the profile with the playbook's advice.

use super::Ctx;
use super::customer_arg::CustomerArg;
use super::method;
use super::output::{self, FormatArg};
use crate::domain::cadence::parse_override;
use crate::domain::{CustomerClass, Man, Portfolio, Style, Tri, Word};
use crate::playbook::views::{ProfileView, title};
use crate::store::CustomerPatch;
use crate::text::{indent, key_values};

/// High or low account attractiveness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Attractiveness {
    High,
    Low,
}

/// Our position with the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Position {
    Strong,
    Weak,
}

/// Arguments of `profile`.
#[derive(Debug, clap::Args)]
pub struct ProfileArgs {
    /// The customer: its number, or a name only it answers to (`fieldbook list` shows numbers).
    #[arg(value_name = "CUSTOMER")]
    pub id: CustomerArg,
    /// Status: potential, intent, quasi, ordinary, quality, key, lost (Chinese names work too).
    #[arg(long)]
    pub class: Option<String>,
    /// Personality: driver, expressive, amiable, analytical, unknown.
    #[arg(long)]
    pub style: Option<String>,
    /// Can they pay? yes, no or unknown.
    #[arg(long)]
    pub money: Option<String>,
    /// Do they decide? yes, no or unknown.
    #[arg(long)]
    pub authority: Option<String>,
    /// Do they need it? yes, no or unknown.
    #[arg(long)]
    pub need: Option<String>,
    /// Portfolio quadrant: star, question-mark, cash-cow, dog, or none to clear it.
    #[arg(long, value_name = "QUADRANT", conflicts_with_all = ["attractive", "position"])]
    pub portfolio: Option<String>,
    /// Account attractiveness (with --position, derives the quadrant).
    #[arg(long, value_enum, requires = "position")]
    pub attractive: Option<Attractiveness>,
    /// Our position with the account (with --attractive).
    #[arg(long, value_enum, requires = "attractive")]
    pub position: Option<Position>,
    /// Visit every DAYS days whatever the quadrant, or `none` to follow the quadrant again.
    #[arg(long, value_name = "DAYS|none")]
    pub cadence: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Reads an optional word (class, style, answer) with a localisable error listing the valid ones.
fn word<W: Word>(s: &Option<String>) -> anyhow::Result<Option<W>> {
    Ok(s.as_deref().map(W::parse_word).transpose()?)
}

/// Applies the changes, then prints the profile.
pub fn run(args: &ProfileArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let customer_id = args.id.id(ctx)?;
    let mut patch = patch(args)?;
    let (money, authority, need) = (word::<Tri>(&args.money)?, word::<Tri>(&args.authority)?, word::<Tri>(&args.need)?);
    let playbook = method::playbook(ctx);
    let today = ctx.today();
    let store = ctx.store()?;
    if money.is_some() || authority.is_some() || need.is_some() {
        let current = store.customer(customer_id)?.man;
        patch.man = Some(Man {
            money: money.unwrap_or(current.money),
            authority: authority.unwrap_or(current.authority),
            need: need.unwrap_or(current.need),
        });
    }
    let customer = if patch == CustomerPatch::default() {
        store.customer(customer_id)?
    } else {
        store.update_customer(customer_id, patch)?
    };
    let view = ProfileView::new(&customer, &playbook, &ctx.config, today);
    if args.format.is_json() {
        return ctx.print(&output::json(&view)?);
    }
    let text = format!(
        "{}\n{}",
        title(&ctx.i18n, view.customer_id, &view.name, &view.company),
        indent(&key_values(&view.pairs(&ctx.i18n)))
    );
    ctx.print(&text)
}

/// The changes the options ask for, but MAN (merged with the stored answers in `run`).
fn patch(args: &ProfileArgs) -> anyhow::Result<CustomerPatch> {
    let portfolio = match (&args.portfolio, args.attractive, args.position) {
        (Some(p), _, _) if p.trim().eq_ignore_ascii_case("none") => Some(None),
        (Some(p), _, _) => Some(Some(Portfolio::parse_word(p)?)),
        (None, Some(a), Some(p)) => {
            Some(Some(Portfolio::from_scores(a == Attractiveness::High, p == Position::Strong)))
        }
        _ => None,
    };
    let cadence_days = args.cadence.as_deref().map(parse_override).transpose()?;
    Ok(CustomerPatch {
        class: word::<CustomerClass>(&args.class)?,
        style: word::<Style>(&args.style)?,
        portfolio,
        cadence_days,
        ..Default::default()
    })
}
