//! `fieldbook`: parse arguments, then run a subcommand or the TUI.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let code = match fieldbook::cli::help::parse(&args) {
        Ok(cli) => fieldbook::run(cli),
        Err(e) => fieldbook::cli::usage::report(&e, &args),
    };
    std::process::exit(code);
}
