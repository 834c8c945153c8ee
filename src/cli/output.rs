//! Output shapes shared by the subcommands: `--format text|json`, aligned text tables
//! (by display width, so Chinese lines up), and JSON.

use serde::Serialize;

use crate::text;

/// How a data-printing command writes its result.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned, human-readable text.
    #[default]
    Text,
    /// JSON for scripts.
    Json,
}

/// The `--format text|json` option; `#[command(flatten)]` it into a subcommand's args.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct FormatArg {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

impl FormatArg {
    /// True for `--format json`.
    pub fn is_json(&self) -> bool {
        self.format == Format::Json
    }
}

/// Columns that long text (a brief's plans and results) is wrapped to: the terminal's width,
/// or 100 when the output is not a terminal.
pub fn text_width() -> usize {
    use std::io::IsTerminal;
    let terminal = std::io::stdout().is_terminal().then(ratatui::crossterm::terminal::size).and_then(Result::ok);
    terminal.map_or(100, |(cols, _)| usize::from(cols).max(40))
}

/// `value` as pretty JSON. JSON escapes the C0 controls itself; DEL and the C1 controls, which
/// it may leave raw, are escaped too (`\u0085`), so the data is exact and a terminal safe.
pub fn json<T: Serialize + ?Sized>(value: &T) -> anyhow::Result<String> {
    let raw = serde_json::to_string_pretty(value)?;
    if !raw.chars().any(left_raw_by_json) {
        return Ok(raw);
    }
    Ok(raw.chars().map(|c| if left_raw_by_json(c) { format!("\\u{:04x}", c as u32) } else { c.to_string() }).collect())
}

/// DEL and the C1 controls: control characters JSON allows unescaped in a string.
fn left_raw_by_json(c: char) -> bool {
    matches!(c, '\u{7f}'..='\u{9f}')
}

/// Widest a cell may be unless the table says otherwise.
pub const DEFAULT_MAX_WIDTH: usize = 32;

/// How a column's cells sit in their width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

impl Align {
    /// `cell` padded with spaces to `cols` display columns on the side this alignment leaves open.
    fn pad(self, cell: &str, cols: usize) -> String {
        match self {
            Self::Left => text::pad(cell, cols),
            Self::Right => text::pad_left(cell, cols),
        }
    }
}

/// A text table: a header line and rows, columns padded to their widest cell by display
/// width (CJK characters count two), cells past the column's maximum cut with `…`.
#[derive(Debug, Clone)]
pub struct Table {
    headers: Vec<String>,
    aligns: Vec<Align>,
    max_widths: Vec<usize>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column headers, all left-aligned, each at most
    /// [`DEFAULT_MAX_WIDTH`] wide.
    pub fn new(headers: Vec<String>) -> Self {
        let n = headers.len();
        Self { headers, aligns: vec![Align::Left; n], max_widths: vec![DEFAULT_MAX_WIDTH; n], rows: Vec::new() }
    }

    /// Right-aligns column `col` (numbers, amounts).
    pub fn align_right(mut self, col: usize) -> Self {
        if let Some(a) = self.aligns.get_mut(col) {
            *a = Align::Right;
        }
        self
    }

    /// Sets the widest column `col` may be (at least 1).
    pub fn max_width(mut self, col: usize, width: usize) -> Self {
        if let Some(w) = self.max_widths.get_mut(col) {
            *w = width.max(1);
        }
        self
    }

    /// Adds a row; missing cells are blank, extra cells are dropped.
    pub fn row(&mut self, cells: Vec<String>) {
        let mut cells = cells;
        cells.resize(self.headers.len(), String::new());
        self.rows.push(cells);
    }

    /// True when no rows were added.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table as lines joined by `\n` (no trailing newline, no trailing spaces).
    pub fn render(&self) -> String {
        let cut = |cells: &[String]| -> Vec<String> {
            cells.iter().zip(&self.max_widths).map(|(c, w)| text::fit(&one_line(c), *w)).collect()
        };
        let header = cut(&self.headers);
        let rows: Vec<Vec<String>> = self.rows.iter().map(|r| cut(r)).collect();
        let mut widths: Vec<usize> = header.iter().map(|h| text::width(h)).collect();
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(text::width(cell));
            }
        }
        std::iter::once(&header)
            .chain(&rows)
            .map(|row| {
                let cells: Vec<String> =
                    row.iter().zip(&widths).zip(&self.aligns).map(|((cell, w), align)| align.pad(cell, *w)).collect();
                cells.join("  ").trim_end().to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Newlines and tabs become spaces so a cell stays on its line.
fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_by_display_width() {
        let mut t = Table::new(vec!["ID".into(), "Name".into(), "Co".into()]).align_right(0);
        t.row(vec!["1".into(), "王伟".into(), "x".into()]);
        t.row(vec!["12".into(), "Alice".into(), "y".into()]);
        let out = t.render();
        let lines: Vec<&str> = out.lines().collect();
        let col = |line: &str, needle: &str| text::width(&line[..line.find(needle).unwrap()]);
        assert_eq!(col(lines[1], "x"), col(lines[2], "y"), "{out}");
        assert_eq!(col(lines[0], "Co"), col(lines[1], "x"), "{out}");
        assert!(lines[1].starts_with(" 1  王伟"), "{out}");
    }

    #[test]
    fn cells_are_cut_to_their_column_on_one_line() {
        let mut t = Table::new(vec!["A".into()]).max_width(0, 5);
        t.row(vec!["line\nbreak".into()]);
        assert_eq!(t.render().lines().nth(1), Some("line…"));
    }
}
