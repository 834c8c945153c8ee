//! The command line: global options and one file per subcommand.
//!
//! To add a subcommand: a file `src/cli/<name>.rs` with `pub struct <Name>Args` (clap derive)
//! and `pub fn run(args: &<Name>Args, ctx: &mut Ctx) -> anyhow::Result<()>`, a variant in
//! [`Command`] and its arm in [`dispatch`]. See [`Ctx`] for the store (opened lazily), output
//! and localised errors; strings go in `assets/i18n/{en,zh-CN}/<area>.toml`.

mod add;
mod assess;
mod backup;
mod brief;
mod calendar;
mod check;
mod checklist;
mod contact;
mod context;
mod customer_arg;
mod deal;
mod demo;
mod export;
mod fact;
mod fix;
pub mod help;
mod import;
mod import_records;
mod list;
mod losing_touch;
mod method;
mod next;
mod note;
mod objection;
pub(crate) mod output;
mod profile;
mod report;
mod search;
mod show;
mod today;
pub mod usage;
mod visit;
mod visit_type;

use std::io::Write;

use clap::{Parser, Subcommand};

use crate::i18n::Face;
use crate::startup::{Options, Session};

pub use context::Ctx;

/// Fieldbook: customers, the five sales steps, visits and the daily review, in your terminal.
/// Run without a subcommand to open the full-screen app.
#[derive(Debug, Parser)]
#[command(name = "fieldbook", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub options: Options,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a customer (with a first open deal); prints the new id.
    Add(add::AddArgs),
    /// List customers, filtered by step, class or what is due.
    List(list::ListArgs),
    /// Show one customer: record, deals with step history, visits, notes.
    Show(show::ShowArgs),
    /// The people of a customer's account and their buying roles: add, list, edit, remove.
    Contact(contact::ContactArgs),
    /// Set and show a customer's profile: class, personality, MAN, portfolio, visit cadence.
    Profile(profile::ProfileArgs),
    /// Customers furthest past their visit cadence.
    LosingTouch(losing_touch::LosingTouchArgs),
    /// The checklist of the open deal's current step; tick and untick items.
    Checklist(checklist::ChecklistArgs),
    /// The objection log of the open deal: add, resolve, list.
    Objection(objection::ObjectionArgs),
    /// One screen to read before a visit: who, how to deal, the deal, last visit, objections.
    Brief(brief::BriefArgs),
    /// A customer's deals: add one (prints its id), list them, edit one.
    Deal(deal::DealArgs),
    /// Per step: how many open deals and their value, one total per currency.
    Pipeline(deal::PipelineArgs),
    /// Move the customer's open deal to another step.
    Move(deal::MoveArgs),
    /// Mark the customer's open deal won.
    Won(deal::WonArgs),
    /// Mark the customer's open deal lost (a reason is required).
    Lost(deal::LostArgs),
    /// Open a won or lost deal again (the step history keeps how it closed).
    Reopen(deal::ReopenArgs),
    /// Plan a visit: when, purpose, action plan, expected result.
    Plan(visit::PlanArgs),
    /// Log a visit that happened (or fill in a planned one with --of); `visit edit|delete ID`.
    Visit(Box<fix::VisitCommand>),
    /// Next steps, each due on a day: add one, list them, mark one done, postpone one, plan a visit from one.
    Next(next::NextArgs),
    /// A quick note on a customer, or into the inbox; `note edit|delete|move ID`, `note inbox`.
    Note(fix::NoteCommand),
    /// Archive a customer: gone from Today, the board and the lists; still found by search.
    Archive(fix::ArchiveArgs),
    /// Take a customer out of the archive.
    Unarchive(fix::ArchiveArgs),
    /// Delete a customer and everything under it (needs --yes; a backup is taken first).
    Delete(fix::DeleteArgs),
    /// Add a fact to the customer record (birthdays with --date are reminded yearly).
    Fact(fact::FactArgs),
    /// How the week, month or quarter is going: funnel, results, forecast, activity, customers.
    Report(report::ReportArgs),
    /// Planned visits and next steps with a time as an .ics file for a phone's or Outlook's calendar.
    Calendar(calendar::CalendarArgs),
    /// Your self-assessment: sixteen statements rated 1 to 5; the report shows the change.
    Assess(assess::AssessArgs),
    /// The daily review: appointments, overdue next steps, due by cadence, dates, missing results.
    Today(today::TodayArgs),
    /// Check the database: integrity, foreign keys, search index.
    Check(check::CheckArgs),
    /// Search customers, facts, visits and notes; every term must match.
    Search(search::SearchArgs),
    /// Load realistic demo data (reproducible: same --seed and --today, same data).
    Demo(demo::DemoArgs),
    /// Export everything as JSON (re-importable), or customers or visits as CSV.
    Export(export::ExportArgs),
    /// Import a Fieldbook export, a CSV file or vCard contacts; undo an import.
    Import(import::ImportArgs),
    /// Copy the database to a backup file (safe while Fieldbook is open).
    Backup(backup::BackupArgs),
    /// Put a backup in place of the database (the current one is kept aside).
    Restore(backup::RestoreArgs),
    /// Write chosen customers with their whole record for a colleague to import.
    Handover(export::HandoverArgs),
}

/// Runs one subcommand; prints errors to stderr as one localised line and returns the exit code.
pub fn run(command: Command, session: Session) -> i32 {
    let mut ctx = Ctx::new(session);
    let result = if starts_a_database(&command) || ctx.db_path().exists() {
        dispatch(&command, &mut ctx)
    } else {
        // A mistyped --db must not become a new empty database that a read then shows as empty.
        Err(ctx.fail("cli.no_database", &[("path", &ctx.db_path().display())]))
    };
    match result {
        Ok(()) => {
            ctx.keep_calendar_up();
            0
        }
        Err(e) => {
            let message = ctx.i18n.error(&e, Face::Cli);
            let _ =
                writeln!(std::io::stderr(), "{}{}", ctx.i18n.t("cli.error.prefix"), crate::text::printable(&message));
            1
        }
    }
}

/// True for the commands that may start a database where there is none: adding a customer or
/// a note, an import, the demo, a restore and the self-assessment. The others read or change
/// what is there, so a path with no database is a mistake to say, not a file to create.
fn starts_a_database(command: &Command) -> bool {
    matches!(
        command,
        Command::Add(_)
            | Command::Note(_)
            | Command::Import(_)
            | Command::Demo(_)
            | Command::Restore(_)
            | Command::Assess(_)
    )
}

/// Calls the subcommand's `run`.
fn dispatch(command: &Command, ctx: &mut Ctx) -> anyhow::Result<()> {
    match command {
        Command::Add(args) => add::run(args, ctx),
        Command::List(args) => list::run(args, ctx),
        Command::Show(args) => show::run(args, ctx),
        Command::Contact(args) => contact::run(args, ctx),
        Command::Profile(args) => profile::run(args, ctx),
        Command::LosingTouch(args) => losing_touch::run(args, ctx),
        Command::Checklist(args) => checklist::run(args, ctx),
        Command::Objection(args) => objection::run(args, ctx),
        Command::Brief(args) => brief::run(args, ctx),
        Command::Deal(args) => deal::run(args, ctx),
        Command::Pipeline(args) => deal::run_pipeline(args, ctx),
        Command::Move(args) => deal::run_move(args, ctx),
        Command::Won(args) => deal::run_won(args, ctx),
        Command::Lost(args) => deal::run_lost(args, ctx),
        Command::Reopen(args) => deal::run_reopen(args, ctx),
        Command::Plan(args) => visit::run_plan(args, ctx),
        Command::Visit(args) => fix::run_visit(args, ctx),
        Command::Next(args) => next::run(args, ctx),
        Command::Note(args) => fix::run_note(args, ctx),
        Command::Archive(args) => fix::run_archive(args, ctx, true),
        Command::Unarchive(args) => fix::run_archive(args, ctx, false),
        Command::Delete(args) => fix::run_delete(args, ctx),
        Command::Fact(args) => fact::run(args, ctx),
        Command::Report(args) => report::run(args, ctx),
        Command::Calendar(args) => calendar::run(args, ctx),
        Command::Assess(args) => assess::run(args, ctx),
        Command::Today(args) => today::run(args, ctx),
        Command::Check(args) => check::run(args, ctx),
        Command::Search(args) => search::run(args, ctx),
        Command::Demo(args) => demo::run(args, ctx),
        Command::Export(args) => export::run(args, ctx),
        Command::Import(args) => import::run(args, ctx),
        Command::Backup(args) => backup::run(args, ctx),
        Command::Restore(args) => backup::restore(args, ctx),
        Command::Handover(args) => export::handover(args, ctx),
    }
}
