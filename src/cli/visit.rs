//! `fieldbook plan ID ...` (an appointment) and `fieldbook visit ID ...` (a visit that
//! happened). Purpose, action plan and expected result are required; they are taken as
//! optional flags and checked by `VisitInput::validated`, so the message is localised and
//! names the missing one. Both print the visit id.

use super::deal::DealArg;
use crate::ops;
use chrono::{NaiveDate, NaiveDateTime, Timelike};
use serde_json::json;

use super::Ctx;
use super::customer_arg::CustomerArg;
use super::output::{self, FormatArg};
use super::visit_type::VisitTypeArgs;
use crate::domain::{Channel, Outcome, VisitInput, Word, parse_past_when, parse_when};
use crate::store::StoreError;

/// Arguments of `plan`.
#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// The customer: its number, or a name only it answers to (`fieldbook list` shows numbers).
    #[arg(value_name = "CUSTOMER")]
    pub id: CustomerArg,
    /// When: 2031-05-12 10:00, may 12, 5月12日, tomorrow 10am, fri 3pm, 下周一 上午10点, +3d, 15:30.
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
    /// What the visit is for (required).
    #[arg(long)]
    pub purpose: Option<String>,
    /// What you will do (required).
    #[arg(long, value_name = "ACTION", visible_alias = "action-plan")]
    pub plan: Option<String>,
    /// What you expect to come out of it (required).
    #[arg(long, value_name = "RESULT", visible_alias = "expected")]
    pub expect: Option<String>,
    /// in-person, phone, video or message (default in-person).
    #[arg(long)]
    pub channel: Option<String>,
    /// The ids of the account's people to meet (`fieldbook contact list ID`); several after one --met.
    #[arg(long, value_name = "CONTACT_ID", num_args = 1..)]
    pub met: Vec<i64>,
    #[command(flatten)]
    pub visit_type: VisitTypeArgs,
    #[command(flatten)]
    pub deal: DealArg,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Arguments of `visit`.
#[derive(Debug, clap::Args)]
pub struct VisitArgs {
    /// The customer: its number, or a name only it answers to (required to log a visit;
    /// `visit edit|delete` name a visit instead).
    #[arg(required = true, value_name = "CUSTOMER")]
    pub id: Option<CustomerArg>,
    /// What the visit was for (required, unless logging a planned visit with --of).
    #[arg(long)]
    pub purpose: Option<String>,
    /// What you did (required, unless --of).
    #[arg(long, value_name = "ACTION", visible_alias = "action-plan")]
    pub plan: Option<String>,
    /// What you expected (required, unless --of).
    #[arg(long, value_name = "RESULT", visible_alias = "expected")]
    pub expect: Option<String>,
    /// When it happened (default: now); a date without a year (5月3日, may 3) or a weekday is the last one,
    /// and a time alone not yet reached today (14:00 at 8am) is yesterday's.
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
    /// in-person, phone, video or message (default in-person).
    #[arg(long)]
    pub channel: Option<String>,
    /// What actually came out of it.
    #[arg(long, visible_alias = "actual")]
    pub result: Option<String>,
    /// met, partly or not-met.
    #[arg(long)]
    pub outcome: Option<String>,
    /// Topic for next time.
    #[arg(long)]
    pub topic: Option<String>,
    /// The next step agreed.
    #[arg(long)]
    pub next_step: Option<String>,
    /// When the next step is due.
    #[arg(long, value_name = "WHEN")]
    pub next: Option<String>,
    /// Log this planned visit (its id, from `fieldbook show` or `today`) instead of a new one.
    #[arg(long, value_name = "VISIT_ID")]
    pub of: Option<i64>,
    /// The ids of the account's people met (`fieldbook contact list ID`); several after one --met.
    #[arg(long, value_name = "CONTACT_ID", num_args = 1..)]
    pub met: Vec<i64>,
    #[command(flatten)]
    pub visit_type: VisitTypeArgs,
    #[command(flatten)]
    pub deal: DealArg,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Plans an appointment.
pub fn run_plan(args: &PlanArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let customer_id = args.id.id(ctx)?;
    let today = ctx.today();
    let mut input = VisitInput {
        channel: channel(args.channel.as_deref())?,
        planned_at: args.at.as_deref().map(|w| parse_when(w, today)).transpose()?.map(|w| w.to_plan_datetime()),
        purpose: args.purpose.clone().unwrap_or_default(),
        action_plan: args.plan.clone().unwrap_or_default(),
        expected_result: args.expect.clone().unwrap_or_default(),
        ..VisitInput::blank()
    };
    args.visit_type.apply(ctx, &mut input)?;
    input.met = met(ctx, customer_id, &args.met)?;
    let input = input.validated()?;
    let at = input.planned_at;
    let store = ctx.store()?;
    let deal = ops::deals::pick_if_any(store, customer_id, args.deal.id)?.map(|d| d.id);
    let visit_id = store.add_visit_for(customer_id, deal, input)?;
    let at = at.map(|t| ctx.i18n.moment(t)).unwrap_or_default();
    finish(ctx, &args.format, visit_id, &ctx.i18n.fmt("cli.visit.planned", &[("visit", &visit_id), ("at", &at)]))
}

/// Logs a visit for customer `customer_id`: a new one, or a planned one (`--of`) filled in.
pub fn run_visit(customer_id: i64, args: &VisitArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let today = ctx.today();
    let done_at = match args.at.as_deref() {
        Some(w) => parse_past_when(w, ctx.clock.now())?.to_datetime(),
        None => minute(ctx.clock.now()),
    };
    let next_step_on: Option<NaiveDate> =
        args.next.as_deref().map(|w| parse_when(w, today)).transpose()?.map(|w| w.date);
    let outcome = args.outcome.as_deref().map(Outcome::parse_word).transpose()?;
    let channel_given = args.channel.as_deref().map(Channel::parse_word).transpose()?;
    let base = match args.of {
        Some(visit_id) => planned_visit(ctx, customer_id, visit_id)?,
        None => VisitInput::blank(),
    };
    let pick = |given: &Option<String>, planned: String| given.clone().unwrap_or(planned);
    let mut input = VisitInput {
        channel: channel_given.unwrap_or(base.channel),
        kind: base.kind,
        ticks: base.ticks,
        planned_at: base.planned_at,
        done_at: Some(done_at),
        purpose: pick(&args.purpose, base.purpose),
        action_plan: pick(&args.plan, base.action_plan),
        expected_result: pick(&args.expect, base.expected_result),
        actual_result: pick(&args.result, base.actual_result),
        outcome: outcome.or(base.outcome),
        next_topic: pick(&args.topic, base.next_topic),
        next_step: pick(&args.next_step, base.next_step),
        next_step_on: next_step_on.or(base.next_step_on),
        notes: base.notes,
        met: None,
        does_step: None,
    };
    args.visit_type.apply(ctx, &mut input)?;
    input.met = met(ctx, customer_id, &args.met)?;
    let input = input.validated()?;
    let visit_id = match args.of {
        Some(visit_id) => {
            ctx.store()?.update_visit(visit_id, input)?;
            visit_id
        }
        None => {
            let store = ctx.store()?;
            let deal = ops::deals::pick_if_any(store, customer_id, args.deal.id)?.map(|d| d.id);
            store.add_visit_for(customer_id, deal, input)?
        }
    };
    let at = ctx.i18n.moment(done_at);
    finish(ctx, &args.format, visit_id, &ctx.i18n.fmt("cli.visit.logged", &[("visit", &visit_id), ("at", &at)]))
}

/// The planned visit `visit_id` of customer `customer_id`, as input to fill in.
fn planned_visit(ctx: &mut Ctx, customer_id: i64, visit_id: i64) -> anyhow::Result<VisitInput> {
    let v = ctx.store()?.visit(visit_id)?;
    if v.customer_id != customer_id || !v.is_planned() {
        return Err(StoreError::NotFound { what: "planned visit", id: visit_id }.into());
    }
    Ok(VisitInput {
        channel: v.channel,
        kind: v.kind,
        ticks: None,
        met: None,
        planned_at: v.planned_at,
        done_at: None,
        purpose: v.purpose,
        action_plan: v.action_plan,
        expected_result: v.expected_result,
        actual_result: v.actual_result,
        outcome: v.outcome,
        next_topic: v.next_topic,
        next_step: v.next_step,
        next_step_on: v.next_step_on,
        notes: v.notes,
        does_step: None,
    })
}

/// The people given with `--met`, checked to be the account's; `None` when none were given
/// (a planned visit filled in keeps the people it was to meet).
fn met(ctx: &mut Ctx, customer_id: i64, given: &[i64]) -> anyhow::Result<Option<Vec<i64>>> {
    if given.is_empty() {
        return Ok(None);
    }
    Ok(Some(crate::ops::contacts::check_met(ctx.store()?, customer_id, given)?))
}

/// The channel given, else in person.
fn channel(given: Option<&str>) -> anyhow::Result<Channel> {
    Ok(given.map(Channel::parse_word).transpose()?.unwrap_or(Channel::InPerson))
}

/// `t` without seconds (visit times are stored to the minute).
fn minute(t: NaiveDateTime) -> NaiveDateTime {
    t.with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap_or(t)
}

/// Prints the visit id (JSON: `{"visit_id": n}`), and the confirmation on stderr.
fn finish(ctx: &Ctx, format: &FormatArg, visit_id: i64, text: &str) -> anyhow::Result<()> {
    if format.is_json() {
        return ctx.print(&output::json(&json!({ "visit_id": visit_id }))?);
    }
    ctx.tell(text);
    ctx.print(&visit_id.to_string())
}
