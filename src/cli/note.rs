//! `fieldbook note [ID] TEXT`: a quick note on a customer, or into the inbox without an id.

use serde_json::json;

use super::Ctx;
use super::output::{self, FormatArg};

/// Arguments of `note`.
#[derive(Debug, clap::Args)]
pub struct NoteArgs {
    /// `ID TEXT` for a customer's note, or just `TEXT` for the inbox.
    #[arg(required = true, num_args = 1..=2, value_name = "[ID] TEXT")]
    pub words: Vec<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Saves the note and prints its id.
pub fn run(args: &NoteArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let (customer, text) = match args.words.as_slice() {
        [id, text] => match id.trim().trim_start_matches('#').parse::<i64>() {
            Ok(id) => (Some(id), text),
            Err(_) => return Err(ctx.fail("cli.note.bad_id", &[("input", id)])),
        },
        [text] => (None, text),
        _ => return Err(ctx.fail("cli.note.bad_id", &[("input", &args.words.join(" "))])),
    };
    let id = ctx.store()?.add_note(customer, text)?;
    if args.format.is_json() {
        return ctx.print(&output::json(&json!({ "note_id": id, "customer_id": customer }))?);
    }
    let message = match customer {
        Some(c) => ctx.i18n.fmt("cli.note.saved", &[("note", &id), ("id", &c)]),
        None => ctx.i18n.fmt("cli.note.inbox", &[("note", &id)]),
    };
    ctx.tell(&message);
    ctx.print(&id.to_string())
}
