//! The full-screen app.

pub mod theme;
pub mod widgets;

use crate::cli::Global;

/// Opens the TUI on the database named by `global`; returns the exit code.
pub fn run(global: &Global) -> i32 {
    let _ = global;
    0
}
