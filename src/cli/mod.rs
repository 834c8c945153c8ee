//! The command line: global options and one file per subcommand.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Options every subcommand (and the TUI) takes.
#[derive(Debug, Clone, clap::Args)]
pub struct Global {
    /// The database file (default: the platform data dir).
    #[arg(long, global = true, env = "FIELDBOOK_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Pretend today is this date (reproducible output, tests).
    #[arg(long, global = true, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// Language: en or zh-CN (default: config file, then LANG).
    #[arg(long, global = true, value_name = "en|zh-CN")]
    pub lang: Option<String>,
}

/// Fieldbook: customers, the five sales steps, visits and the daily review, in your terminal.
/// Run without a subcommand to open the full-screen app.
#[derive(Debug, Parser)]
#[command(name = "fieldbook", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {}

/// Runs one subcommand; prints errors to stderr and returns the exit code.
pub fn run(command: Command, global: &Global) -> i32 {
    let _ = (command, global);
    0
}
