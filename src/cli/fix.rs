//! Fixing what is wrong from the command line: `visit edit ID …`, `visit delete ID`,
//! `note edit ID TEXT`, `note delete ID`, `note move ID CUSTOMER`, `note inbox`, `archive ID`,
//! `unarchive ID` and `delete ID --yes` (a backup is taken first).

use chrono::NaiveDate;
use serde_json::json;

use super::Ctx;
use super::customer_arg::CustomerArg;
use super::note::NoteArgs;
use super::output::{self, FormatArg};
use super::visit::VisitArgs;
use super::visit_type::VisitTypeArgs;
use crate::domain::{Channel, Outcome, VisitKind, Word, parse_past_when, parse_when};
use crate::ops;
use crate::ops::visits::VisitPatch;

/// Arguments of `visit`: log one (`visit CUSTOMER …`), or fix one (`visit edit|delete ID`).
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct VisitCommand {
    #[command(subcommand)]
    pub action: Option<VisitAction>,
    #[command(flatten)]
    pub log: VisitArgs,
}

/// Fixing a stored visit.
#[derive(Debug, clap::Subcommand)]
pub enum VisitAction {
    /// Change fields of a planned or logged visit (only those given).
    Edit(Box<VisitEditArgs>),
    /// Delete a visit (planned or logged).
    Delete {
        /// The visit id (from `fieldbook show` or `today`).
        id: i64,
        #[command(flatten)]
        format: FormatArg,
    },
}

/// Arguments of `visit edit`.
#[derive(Debug, clap::Args)]
pub struct VisitEditArgs {
    /// The visit id (from `fieldbook show` or `today`).
    pub id: i64,
    /// When it happened (a logged visit) or is planned (an appointment).
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
    /// What the visit is for.
    #[arg(long)]
    pub purpose: Option<String>,
    /// The action plan.
    #[arg(long, value_name = "ACTION", visible_alias = "action-plan")]
    pub plan: Option<String>,
    /// The expected result.
    #[arg(long, value_name = "RESULT", visible_alias = "expected")]
    pub expect: Option<String>,
    /// in-person, phone, video or message.
    #[arg(long)]
    pub channel: Option<String>,
    /// What actually came out of it.
    #[arg(long, visible_alias = "actual")]
    pub result: Option<String>,
    /// met, partly, not-met, or none to clear it.
    #[arg(long)]
    pub outcome: Option<String>,
    /// Topic for next time.
    #[arg(long)]
    pub topic: Option<String>,
    /// The next step agreed.
    #[arg(long)]
    pub next_step: Option<String>,
    /// When the next step is due, or none to clear it.
    #[arg(long, value_name = "WHEN")]
    pub next: Option<String>,
    /// The ids of the account's people met (or to meet); several after one --met.
    #[arg(long, value_name = "CONTACT_ID", num_args = 1..)]
    pub met: Vec<i64>,
    #[command(flatten)]
    pub visit_type: VisitTypeArgs,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Arguments of `note`: write one (`note [ID] TEXT`), or fix one (`note edit|delete|move ID`).
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct NoteCommand {
    #[command(subcommand)]
    pub action: Option<NoteAction>,
    #[command(flatten)]
    pub write: NoteArgs,
}

/// Fixing a stored note, and the inbox.
#[derive(Debug, clap::Subcommand)]
pub enum NoteAction {
    /// Replace a note's text.
    Edit {
        /// The note id (from `fieldbook show`, `search` or `note inbox`).
        id: i64,
        /// The new text.
        text: String,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Delete a note.
    Delete {
        /// The note id.
        id: i64,
        #[command(flatten)]
        format: FormatArg,
    },
    /// File a note (an inbox note) under a customer.
    Move {
        /// The note id.
        id: i64,
        /// The customer: its number, or a name only it answers to.
        #[arg(value_name = "CUSTOMER")]
        customer: CustomerArg,
        #[command(flatten)]
        format: FormatArg,
    },
    /// List the inbox: notes not filed under a customer.
    Inbox {
        #[command(flatten)]
        format: FormatArg,
    },
}

/// Arguments of `archive` and `unarchive`.
#[derive(Debug, clap::Args)]
pub struct ArchiveArgs {
    /// The customer: its number, or a name only it answers to (`fieldbook list` shows numbers).
    #[arg(value_name = "CUSTOMER")]
    pub id: CustomerArg,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Arguments of `delete`.
#[derive(Debug, clap::Args)]
pub struct DeleteArgs {
    /// The customer id.
    pub id: i64,
    /// Really delete the customer and everything under it (a backup is taken first).
    #[arg(long)]
    pub yes: bool,
    #[command(flatten)]
    pub format: FormatArg,
}

/// `visit …`: logs a visit, or edits or deletes one.
pub fn run_visit(args: &VisitCommand, ctx: &mut Ctx) -> anyhow::Result<()> {
    match (&args.action, &args.log) {
        (Some(VisitAction::Edit(edit)), _) => edit_visit(edit, ctx),
        (Some(VisitAction::Delete { id, format }), _) => {
            let (visit, _) = ops::visits::delete(ctx.store()?, *id)?;
            done(ctx, format, json!({ "visit_id": id, "customer_id": visit.customer_id }), "cli.fix.visit_deleted", *id)
        }
        (None, VisitArgs { id: Some(customer), .. }) => {
            let customer_id = customer.id(ctx)?;
            super::visit::run_visit(customer_id, &args.log, ctx)
        }
        (None, VisitArgs { id: None, .. }) => Err(ctx.fail("cli.fix.visit_usage", &[])),
    }
}

fn edit_visit(args: &VisitEditArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let today = ctx.today();
    let stored = ctx.store()?.visit(args.id)?;
    let at = match args.at.as_deref() {
        Some(w) if stored.done_at.is_some() => Some(parse_past_when(w, ctx.clock.now())?.to_datetime()),
        Some(w) => Some(parse_when(w, today)?.to_datetime()),
        None => None,
    };
    let outcome = match args.outcome.as_deref() {
        Some(w) if is_none(w) => Some(None),
        Some(w) => Some(Some(Outcome::parse_word(w)?)),
        None => None,
    };
    let next_step_on: Option<Option<NaiveDate>> = match args.next.as_deref() {
        Some(w) if is_none(w) => Some(None),
        Some(w) => Some(Some(parse_when(w, today)?.date)),
        None => None,
    };
    // The type options work on an input: the stored visit's, changed by what was given.
    let mut typed = ops::visits::input_of(&stored);
    args.visit_type.apply(ctx, &mut typed)?;
    let kind: Option<VisitKind> = args.visit_type.kind.as_ref().map(|_| typed.kind.clone());
    let plan_from_type = args.visit_type.plan_from_type.then(|| typed.action_plan.clone());
    let patch = VisitPatch {
        at,
        channel: args.channel.as_deref().map(Channel::parse_word).transpose()?,
        kind,
        purpose: args.purpose.clone(),
        action_plan: plan_from_type.or_else(|| args.plan.clone()),
        expected_result: args.expect.clone(),
        actual_result: args.result.clone(),
        outcome,
        next_topic: args.topic.clone(),
        next_step: args.next_step.clone(),
        next_step_on,
        met: (!args.met.is_empty()).then(|| args.met.clone()),
        ticks: typed.ticks,
    };
    let visit = ops::visits::edit(ctx.store()?, args.id, patch)?;
    done(
        ctx,
        &args.format,
        json!({ "visit_id": visit.id, "customer_id": visit.customer_id }),
        "cli.fix.visit_saved",
        visit.id,
    )
}

/// `none`, `-` or `无` clears an optional field.
fn is_none(word: &str) -> bool {
    matches!(word.trim().to_lowercase().as_str(), "none" | "-" | "无" | "")
}

/// `note …`: writes a note, or edits, deletes or files one, or lists the inbox.
pub fn run_note(args: &NoteCommand, ctx: &mut Ctx) -> anyhow::Result<()> {
    match (&args.action, &args.write) {
        (Some(NoteAction::Edit { id, text, format }), _) => {
            let note = ops::notes::edit(ctx.store()?, *id, text)?;
            done(ctx, format, json!({ "note_id": id, "customer_id": note.customer_id }), "cli.fix.note_saved", *id)
        }
        (Some(NoteAction::Delete { id, format }), _) => {
            let (note, _) = ops::notes::delete(ctx.store()?, *id)?;
            done(ctx, format, json!({ "note_id": id, "customer_id": note.customer_id }), "cli.fix.note_deleted", *id)
        }
        (Some(NoteAction::Move { id, customer, format }), _) => {
            let customer = &customer.id(ctx)?;
            ops::notes::move_to(ctx.store()?, *id, Some(*customer))?;
            if format.is_json() {
                return ctx.print(&output::json(&json!({ "note_id": id, "customer_id": customer }))?);
            }
            ctx.tell(&ctx.i18n.fmt("cli.fix.note_moved", &[("note", id), ("id", customer)]));
            ctx.print(&id.to_string())
        }
        (Some(NoteAction::Inbox { format }), _) => inbox(ctx, format),
        (None, write) if !write.words.is_empty() => super::note::run(write, ctx),
        (None, _) => Err(ctx.fail("cli.fix.note_usage", &[])),
    }
}

/// Prints the inbox: id, when, the note's first line.
fn inbox(ctx: &mut Ctx, format: &FormatArg) -> anyhow::Result<()> {
    let notes = ops::notes::inbox(ctx.store()?)?;
    if format.is_json() {
        return ctx.print(&output::json(&notes)?);
    }
    if notes.is_empty() {
        ctx.tell(&ctx.i18n.t("cli.fix.inbox_empty"));
        return Ok(());
    }
    let lines: Vec<String> = notes
        .iter()
        .map(|n| {
            let day = n.created_at.get(..10).unwrap_or(&n.created_at);
            format!("{:>5}  {day}  {}", n.id, n.body.lines().next().unwrap_or_default())
        })
        .collect();
    ctx.print(&lines.join("\n"))
}

/// `archive ID` / `unarchive ID`.
pub fn run_archive(args: &ArchiveArgs, ctx: &mut Ctx, archived: bool) -> anyhow::Result<()> {
    let customer_id = args.id.id(ctx)?;
    let (customer, changed) = ops::archive::set_archived(ctx.store()?, customer_id, archived)?;
    if args.format.is_json() {
        return ctx.print(&output::json(&json!({ "customer_id": customer.id, "archived": customer.archived }))?);
    }
    let key = match (archived, changed) {
        (true, true) => "cli.fix.archived",
        (true, false) => "cli.fix.already_archived",
        (false, true) => "cli.fix.unarchived",
        (false, false) => "cli.fix.not_archived",
    };
    ctx.tell(&ctx.i18n.fmt(key, &[("name", &customer.name), ("id", &customer.id)]));
    Ok(())
}

/// `delete ID --yes`: a backup, then the customer and everything under it are gone.
pub fn run_delete(args: &DeleteArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    if !args.yes {
        let name = ctx.store()?.customer_ref(args.id)?.name;
        return Err(ctx.fail("cli.fix.delete_needs_yes", &[("name", &name), ("id", &args.id)]));
    }
    let deleted = ops::archive::delete_customer(ctx.store()?, args.id)?;
    if args.format.is_json() {
        let removed = &deleted.removed;
        let value = json!({
            "customer_id": args.id,
            "backup": deleted.backup.display().to_string(),
            "deleted": { "deals": removed.count("deal"), "visits": removed.count("visit"), "notes": removed.count("note") },
        });
        return ctx.print(&output::json(&value)?);
    }
    let backup = deleted.backup.display();
    ctx.tell(
        &ctx.i18n.fmt("cli.fix.customer_deleted", &[("name", &deleted.name), ("id", &args.id), ("backup", &backup)]),
    );
    Ok(())
}

/// Prints the JSON `value`, or tells `key` (with `{id}`) and prints the id.
fn done(ctx: &Ctx, format: &FormatArg, value: serde_json::Value, key: &str, id: i64) -> anyhow::Result<()> {
    if format.is_json() {
        return ctx.print(&output::json(&value)?);
    }
    ctx.tell(&ctx.i18n.fmt(key, &[("id", &id)]));
    ctx.print(&id.to_string())
}
