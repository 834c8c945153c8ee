//! Fieldbook: a keyboard-driven terminal CRM for field sales reps.
//!
//! `domain` holds the sales method's types and rules (no I/O); `store` is the SQLite file;
//! `cli` and `tui` are the two faces over them.

pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod domain;
pub(crate) mod hyperlink;
pub mod i18n;
pub mod import;
pub mod ops;
pub mod playbook;
pub(crate) mod startup;
pub mod store;
pub(crate) mod text;
pub mod tui;

/// Runs the parsed command line and returns the process exit code: one start-up
/// ([`startup::Session`]), then a subcommand or the app.
pub fn run(cli: cli::Cli) -> i32 {
    let session = match startup::Session::start_default(&cli.options) {
        Ok(session) => session,
        Err(e) => {
            eprintln!("{}{}", e.prefix, text::printable(&e.message));
            // The app's own start-up problems exit 2; the commands' errors 1.
            return if cli.command.is_some() { 1 } else { 2 };
        }
    };
    match cli.command {
        Some(command) => cli::run(command, session),
        None => tui::run(session),
    }
}
