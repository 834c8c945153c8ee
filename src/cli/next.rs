//! `fieldbook next add|list|done|postpone|plan`: next steps (下一步), each due on a day, several open
//! at once; they show on `today` from their due day until done.

use chrono::NaiveDate;
use serde_json::json;

use super::Ctx;
use super::customer_arg::CustomerArg;
use super::output::{self, FormatArg, Table};
use super::visit_type::VisitTypeArgs;
use crate::domain::{Channel, DueState, VisitInput, Word, parse_when};
use crate::i18n::I18n;
use crate::ops::next_steps::{self, ListedStep};

/// Widest the customer and text columns get.
const CUSTOMER_WIDTH: usize = 30;
const TEXT_WIDTH: usize = 50;

/// Arguments of `next`.
#[derive(Debug, clap::Args)]
pub struct NextArgs {
    #[command(subcommand)]
    pub action: NextAction,
}

/// What `next` does.
#[derive(Debug, clap::Subcommand)]
pub enum NextAction {
    /// Add a next step for a customer; prints its id.
    Add(AddArgs),
    /// List the open next steps (of one customer, or of everyone), soonest first.
    List(ListArgs),
    /// Mark a next step done.
    Done(IdArgs),
    /// Give a next step another day.
    Postpone(PostponeArgs),
    /// Turn a next step into a planned visit (its text the purpose, its day the time); the step
    /// is done by it. Prints the visit id.
    Plan(PlanArgs),
}

/// Arguments of `next add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The customer: its number, or a name only it answers to (`fieldbook list` shows numbers).
    #[arg(value_name = "CUSTOMER")]
    pub customer: CustomerArg,
    /// What is to be done.
    pub text: String,
    /// When it is due (2031-05-08, tomorrow, fri, +3d, fri 10:00…).
    #[arg(long, value_name = "WHEN")]
    pub on: String,
    /// The deal it is for (one of the customer's).
    #[arg(long, value_name = "DEAL")]
    pub deal: Option<i64>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Arguments of `next list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only this customer's next steps (its number, or a name only it answers to).
    #[arg(value_name = "CUSTOMER")]
    pub customer: Option<CustomerArg>,
    /// Only those due today or late.
    #[arg(long)]
    pub due: bool,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Arguments of `next done`.
#[derive(Debug, clap::Args)]
pub struct IdArgs {
    /// The next step's id.
    pub id: i64,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Arguments of `next postpone`.
#[derive(Debug, clap::Args)]
pub struct PostponeArgs {
    /// The next step's id.
    pub id: i64,
    /// The new day (tomorrow, fri, +3d, 2031-05-12, fri 3pm…).
    #[arg(long, value_name = "WHEN")]
    pub on: String,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Arguments of `next plan`.
#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// The next step's id (`fieldbook next list`).
    pub id: i64,
    /// When (default: the step's day, at its time or 09:00): tomorrow 10am, fri 3pm, +3d, 15:30.
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
    /// What the visit is for (default: the next step's text).
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
    #[command(flatten)]
    pub visit_type: VisitTypeArgs,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Runs `next`.
pub fn run(args: &NextArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let today = ctx.today();
    match &args.action {
        NextAction::Add(a) => {
            let customer_id = a.customer.id(ctx)?;
            let id = next_steps::add(ctx.store()?, customer_id, a.deal, &a.text, &a.on, today)?;
            if a.format.is_json() {
                return ctx.print(&output::json(&json!({ "next_step_id": id, "customer_id": customer_id }))?);
            }
            let step = ctx.store()?.next_step(id)?;
            ctx.tell(&ctx.i18n.fmt("cli.next.added", &[("step", &id), ("id", &customer_id), ("on", &step.due_on)]));
            ctx.print(&id.to_string())
        }
        NextAction::List(a) => {
            let customer_id = a.customer.as_ref().map(|c| c.id(ctx)).transpose()?;
            let steps = next_steps::list(ctx.store()?, customer_id, a.due, today)?;
            if a.format.is_json() {
                return ctx.print(&output::json(&steps)?);
            }
            let text = if steps.is_empty() { ctx.i18n.t("cli.next.none") } else { table(&ctx.i18n, &steps) };
            ctx.print(&text)
        }
        NextAction::Done(a) => {
            let step = next_steps::done(ctx.store()?, a.id)?;
            if a.format.is_json() {
                return ctx.print(&output::json(&step)?);
            }
            ctx.print(&ctx.i18n.fmt("cli.next.done", &[("step", &step.id), ("text", &step.text)]))
        }
        NextAction::Postpone(a) => {
            let step = next_steps::postpone(ctx.store()?, a.id, &a.on, today)?;
            if a.format.is_json() {
                return ctx.print(&output::json(&step)?);
            }
            ctx.print(&ctx.i18n.fmt("cli.next.postponed", &[("step", &step.id), ("on", &step.due_on)]))
        }
        NextAction::Plan(a) => plan(a, ctx, today),
    }
}

/// `next plan`: the planned visit made from a next step, which it closes.
fn plan(a: &PlanArgs, ctx: &mut Ctx, today: NaiveDate) -> anyhow::Result<()> {
    let mut input = VisitInput {
        channel: a.channel.as_deref().map(Channel::parse_word).transpose()?.unwrap_or(Channel::InPerson),
        planned_at: a.at.as_deref().map(|w| parse_when(w, today)).transpose()?.map(|w| w.to_plan_datetime()),
        purpose: a.purpose.clone().unwrap_or_default(),
        action_plan: a.plan.clone().unwrap_or_default(),
        expected_result: a.expect.clone().unwrap_or_default(),
        ..VisitInput::blank()
    };
    a.visit_type.apply(ctx, &mut input)?;
    let visit_id = next_steps::plan_visit(ctx.store()?, a.id, input)?;
    if a.format.is_json() {
        return ctx.print(&output::json(&json!({ "visit_id": visit_id, "next_step_id": a.id }))?);
    }
    let at = ctx.store()?.visit(visit_id)?.planned_at.map(|t| ctx.i18n.moment(t)).unwrap_or_default();
    ctx.tell(&ctx.i18n.fmt("cli.next.planned", &[("visit", &visit_id), ("at", &at), ("step", &a.id)]));
    ctx.print(&visit_id.to_string())
}

/// `id  due  state  customer  deal  next step`.
fn table(i: &I18n, steps: &[ListedStep]) -> String {
    let headers = ["id", "due", "state", "customer", "deal", "next_step"];
    let mut t = Table::new(headers.iter().map(|c| i.t(&format!("cli.col.{c}"))).collect())
        .align_right(0)
        .max_width(3, CUSTOMER_WIDTH)
        .max_width(5, TEXT_WIDTH);
    for s in steps {
        let step = &s.of.step;
        let due = match step.due_time {
            Some(t) => format!("{} {}", step.due_on, t.format("%H:%M")),
            None => step.due_on.to_string(),
        };
        let state = match s.due {
            DueState::Today => i.t("cli.next.due_today"),
            DueState::Late { days } => i.fmt("cli.next.late", &[("n", &days)]),
            DueState::Later { days } => i.fmt("cli.next.in_days", &[("n", &days)]),
        };
        let c = &s.of.customer;
        let who = if c.company.is_empty() {
            format!("#{} {}", c.id, c.name)
        } else {
            format!("#{} {} · {}", c.id, c.name, c.company)
        };
        t.row(vec![
            step.id.to_string(),
            due,
            state,
            who,
            step.deal_id.map(|d| format!("#{d}")).unwrap_or_default(),
            step.text.clone(),
        ]);
    }
    t.render()
}
