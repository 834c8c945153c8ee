//! `fieldbook objection ID add TEXT --kind K [--answer A]`, `… resolve N [--answer A]`,
//! `… list [--all]`: the objection log of the customer's open deal, with the playbook's way
//! to answer each kind.

use super::Ctx;
use super::customer_arg::CustomerArg;
use super::deal::DealArg;
use super::method;
use super::output::{self, FormatArg};
use crate::domain::{Objection, ObjectionKind, Word};
use crate::ops;
use crate::playbook::views::{ObjectionView, title};
use crate::text::indent;

/// Arguments of `objection`.
#[derive(Debug, clap::Args)]
pub struct ObjectionArgs {
    /// The customer (its open deal gets the objection): its number, or a name only it answers to.
    #[arg(value_name = "CUSTOMER")]
    pub id: CustomerArg,
    #[command(flatten)]
    pub deal: DealArg,
    #[command(subcommand)]
    pub action: ObjectionAction,
}

/// What to do with the log.
#[derive(Debug, clap::Subcommand)]
pub enum ObjectionAction {
    /// Log an objection the customer raised.
    Add {
        /// The objection, in the customer's words.
        text: String,
        /// misunderstanding, doubt, real-drawback or complaint.
        #[arg(long)]
        kind: String,
        /// The answer given, if any.
        #[arg(long)]
        answer: Option<String>,
    },
    /// Mark objection N resolved.
    Resolve {
        /// The objection's number (`list` shows them).
        n: i64,
        /// The answer that resolved it.
        #[arg(long)]
        answer: Option<String>,
    },
    /// List the open objections (all of them with --all).
    List {
        /// Resolved ones too.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        format: FormatArg,
    },
}

/// Runs the action.
pub fn run(args: &ObjectionArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let customer_id = args.id.id(ctx)?;
    let playbook = method::playbook(ctx);
    let store = ctx.store()?;
    let customer = store.customer(customer_id)?;
    let deal = ops::deals::pick(store, customer_id, args.deal.id, false)?;
    let view = |o: Objection| ObjectionView::new(o, &playbook);
    match &args.action {
        ObjectionAction::Add { text, kind, answer } => {
            let kind = ObjectionKind::parse_word(kind)?;
            let id = store.add_objection(deal.id, text, kind, answer.as_deref().unwrap_or(""))?;
            let o = view(store.objection(id)?);
            ctx.tell(&ctx.i18n.fmt("playbook.objection.added", &[("n", &id)]));
            ctx.print(&o.line(&ctx.i18n))
        }
        ObjectionAction::Resolve { n, answer } => {
            let o = view(store.resolve_objection(deal.id, *n, answer.as_deref())?);
            ctx.tell(&ctx.i18n.fmt("playbook.objection.resolved", &[("n", n)]));
            ctx.print(&o.line(&ctx.i18n))
        }
        ObjectionAction::List { all, format } => {
            let list: Vec<ObjectionView> = store.objections_of(deal.id, !all)?.into_iter().map(view).collect();
            if format.is_json() {
                return ctx.print(&output::json(&list)?);
            }
            let i = &ctx.i18n;
            let body = if list.is_empty() {
                i.t("playbook.objection.none")
            } else {
                list.iter().map(|o| o.line(i)).collect::<Vec<_>>().join("\n")
            };
            let head = i.fmt("playbook.objection.title", &[("deal", &deal.id)]);
            ctx.print(&format!(
                "{}\n{}\n{}",
                title(&ctx.i18n, customer.id, &customer.name, &customer.company),
                indent(&head),
                indent(&indent(&body))
            ))
        }
    }
}
