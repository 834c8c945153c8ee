//! Fieldbook: a keyboard-driven terminal CRM for field sales reps.
//!
//! `domain` holds the sales method's types and rules (no I/O); `store` is the SQLite file;
//! `cli` and `tui` are the two faces over them.

pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod import;
pub mod playbook;
pub mod store;
pub mod tui;

/// Runs the parsed command line and returns the process exit code.
pub fn run(cli: cli::Cli) -> i32 {
    match cli.command {
        Some(command) => cli::run(command, &cli.global),
        None => tui::run(&cli.global),
    }
}
