//! `fieldbook export` (JSON or CSV) and `fieldbook handover ID… --out FILE`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::Ctx;
use crate::store::private_file::PrivateFile;
use crate::store::transfer::out_file::check_out;
use crate::store::transfer::{CsvTable, DataError, ExportScope};
use crate::text;

/// File format of an export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Everything, versioned; `fieldbook import` reads it back.
    #[default]
    Json,
    /// One list for a spreadsheet (see --what).
    Csv,
}

/// Which list a CSV export holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    #[default]
    Customers,
    Visits,
}

/// Arguments of `export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// json (complete, re-importable) or csv (for spreadsheets).
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    /// For CSV: customers or visits.
    #[arg(long, value_enum, default_value_t = What::Customers)]
    pub what: What,
    /// For CSV: start with a byte-order mark so Excel reads UTF-8 (Chinese) correctly.
    #[arg(long)]
    pub bom: bool,
    /// Write to FILE (created readable by you only) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace FILE if it exists (never the database itself).
    #[arg(long, requires = "out")]
    pub force: bool,
}

/// Arguments of `handover`.
#[derive(Debug, clap::Args)]
pub struct HandoverArgs {
    /// The customers to hand over.
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<i64>,
    /// The file to write (a JSON export your colleague imports).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Replace FILE if it exists (never the database itself).
    #[arg(long)]
    pub force: bool,
}

/// Writes the export to the file or to stdout.
pub fn run(args: &ExportArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let i18n = ctx.i18n.clone();
    let out = args.out.as_deref().map(|path| check_out(path, ctx.db_path(), args.force)).transpose()?;
    let store = ctx.store()?;
    let export = |out: &mut dyn Write| -> Result<usize, DataError> {
        match args.format {
            ExportFormat::Json => store.export_json(&ExportScope::All, out).map(|c| c.values().sum()),
            ExportFormat::Csv => {
                let table = if args.what == What::Visits { CsvTable::Visits } else { CsvTable::Customers };
                store.export_csv(table, args.bom, out)
            }
        }
    };
    match &out {
        Some(out) => {
            let path = &out.path;
            let mut file = PrivateFile::create_with(path, out.existing).map_err(|e| io_at(path, e))?;
            let rows = export(&mut file).map_err(written_to(path))?;
            let path = file.finish().map_err(|e| io_at(path, e))?;
            ctx.tell(&i18n.fmt("data.export.written", &[("rows", &rows), ("path", &path.display())]));
        }
        // On a terminal the file is for reading: control characters in it are made visible.
        None if std::io::stdout().is_terminal() => {
            let mut bytes = Vec::new();
            export(&mut bytes)?;
            let shown = text::printable(&String::from_utf8_lossy(&bytes)).into_owned();
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(shown.as_bytes()).and_then(|()| stdout.flush())?;
        }
        None => match export(&mut std::io::stdout().lock()) {
            Err(DataError::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {}
            other => {
                other?;
            }
        },
    }
    Ok(())
}

/// Writes the chosen customers' whole records to the file.
pub fn handover(args: &HandoverArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let out = check_out(&args.out, ctx.db_path(), args.force)?;
    let mut file = PrivateFile::create_with(&out.path, out.existing).map_err(|e| io_at(&out.path, e))?;
    let scope = ExportScope::Customers(args.ids.clone());
    let result = ctx.store()?.export_json(&scope, &mut file);
    result.map_err(written_to(&out.path))?;
    let path = file.finish().map_err(|e| io_at(&out.path, e))?;
    ctx.tell(&ctx.i18n.fmt("data.handover.written", &[("n", &args.ids.len()), ("path", &path.display())]));
    Ok(())
}

/// A write of the export that failed names the file written (a full disk: "cannot write
/// FILE: the disk is full"), not the export.
fn written_to(path: &Path) -> impl FnOnce(DataError) -> DataError + '_ {
    move |e| match e {
        DataError::Io { source, .. } => io_at(path, source),
        other => other,
    }
}

/// An I/O error on the file at `path`.
fn io_at(path: &Path, source: std::io::Error) -> DataError {
    DataError::Io { path: path.to_path_buf(), source }
}
