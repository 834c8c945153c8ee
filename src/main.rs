//! `fieldbook`: parse arguments, then run a subcommand or the TUI.

use clap::Parser;

fn main() {
    let cli = fieldbook::cli::Cli::parse();
    std::process::exit(fieldbook::run(cli));
}
