//! `fieldbook calendar --out FILE [--from DATE] [--to DATE]`: planned visits and next steps
//! with a time as an `.ics` file a phone or Outlook imports (see `ops::calendar`).

use std::path::PathBuf;

use super::Ctx;
use crate::domain::calendar::EventRange;
use crate::domain::parse_date;
use crate::ops::calendar;

/// Arguments of `calendar`.
#[derive(Debug, clap::Args)]
pub struct CalendarArgs {
    /// The .ics file to write (created readable by you only).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// First day of the events (default: 30 days ago).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day of the events (default: no end).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Replace FILE if it exists (never the database itself).
    #[arg(long)]
    pub force: bool,
}

/// Writes the calendar file.
pub fn run(args: &CalendarArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let today = ctx.today();
    let mut range = EventRange::default_from(today);
    if let Some(from) = &args.from {
        range.from = parse_date(from, today)?;
    }
    if let Some(to) = &args.to {
        range.to = Some(parse_date(to, today)?);
    }
    if range.to.is_some_and(|to| to < range.from) {
        return Err(ctx.fail("cli.calendar.to_before_from", &[]));
    }
    let (i18n, reminder) = (ctx.i18n.clone(), ctx.config.calendar.reminder_minutes);
    let written = calendar::export(ctx.store()?, range, &args.out, args.force, &i18n, reminder)?;
    let args: [(&str, &dyn std::fmt::Display); 3] =
        [("events", &written.events), ("cancelled", &written.cancelled), ("path", &written.path.display())];
    ctx.tell(&i18n.fmt("data.calendar.written", &args));
    Ok(())
}
