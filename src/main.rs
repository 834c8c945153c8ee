//! `fieldbook`: parse arguments, then run a subcommand or the TUI.

use clap::Parser;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let code = match fieldbook::cli::Cli::try_parse_from(&args) {
        Ok(cli) => fieldbook::run(cli),
        Err(e) => fieldbook::cli::usage::report(&e, &args),
    };
    std::process::exit(code);
}
