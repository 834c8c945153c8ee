//! `fieldbook import FILE` (our JSON export, CSV, vCard), `--undo BATCH`, `--batches`.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::Ctx;
use crate::store::transfer::{ImportOptions, ImportReport, ImportedCustomer, OnDuplicate, read_export};

/// Largest file `import` reads (a phone's whole address book is a few MB).
const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// The format of the file to import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// A Fieldbook export or handover file.
    Json,
    /// A spreadsheet saved as CSV, with a header row.
    Csv,
    /// Contacts from a phone or address book (.vcf).
    Vcard,
}

/// What to do with a customer that is already in the database.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum DuplicateArg {
    /// Keep the existing customer as it is; skip the imported one.
    #[default]
    Skip,
    /// Fill the existing customer's empty fields and add the imported record to it.
    Merge,
}

/// Arguments of `import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The file to import.
    #[arg(required_unless_present_any = ["undo", "batches"])]
    pub file: Option<PathBuf>,
    /// The file's format (default: from its name and content).
    #[arg(long, value_enum)]
    pub format: Option<ImportFormat>,
    /// Show what would happen; save nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// A customer already in the database (same phone, e-mail, or name and company).
    #[arg(long, value_enum, default_value_t = DuplicateArg::Skip)]
    pub on_duplicate: DuplicateArg,
    /// Import the valid records even if some are rejected (default: all or nothing).
    #[arg(long)]
    pub skip_invalid: bool,
    /// CSV: read COLUMN as FIELD, e.g. --map "Mobile=phone" (repeatable).
    #[arg(long, value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// CSV: their step names to ours, e.g. 'Prospecting=preparation,Engaging=approach'.
    #[arg(long, value_name = "MAPPING")]
    pub stage_map: Option<String>,
    /// CSV: the text encoding (utf-8, gbk, gb18030); detected when not given.
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
    /// Remove exactly what import batch BATCH added.
    #[arg(long, value_name = "BATCH", conflicts_with_all = ["file", "batches"])]
    pub undo: Option<i64>,
    /// List past imports (with --format json: as JSON).
    #[arg(long, conflicts_with = "file")]
    pub batches: bool,
}

/// Runs the import, the undo or the listing.
pub fn run(args: &ImportArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    if let Some(batch) = args.undo {
        let i18n = ctx.i18n.clone();
        let undone = ctx.store()?.undo_import(batch)?;
        let msg = i18n
            .fmt("data.import.undone", &[("removed", &undone.removed), ("id", &batch), ("restored", &undone.restored)]);
        return ctx.print(&msg);
    }
    if args.batches {
        return list_batches(ctx, args.format == Some(ImportFormat::Json));
    }
    let Some(path) = args.file.as_deref() else { return Err(ctx.fail("data.import.need_file", &[])) };
    // A dry run, or a file refused for its records, leaves no new database behind.
    let done = import_file(args, path, ctx);
    ctx.end_trial(done.is_ok() && !args.dry_run);
    done
}

/// Reads, checks and imports the file at `path`, then tells how it went.
fn import_file(args: &ImportArgs, path: &Path, ctx: &mut Ctx) -> anyhow::Result<()> {
    let bytes = read_file(ctx, path)?;
    let format = match args.format {
        Some(f) => f,
        None => {
            detect(&bytes, path).ok_or_else(|| ctx.fail("data.import.unknown_format", &[("path", &path.display())]))?
        }
    };
    let options = ImportOptions {
        on_duplicate: if args.on_duplicate == DuplicateArg::Merge { OnDuplicate::Merge } else { OnDuplicate::Skip },
        dry_run: args.dry_run,
        skip_invalid: args.skip_invalid,
        source: path.display().to_string(),
        format: format_name(format).into(),
    };
    let report = match format {
        ImportFormat::Json => {
            let set = read_export(path, &bytes)?;
            ctx.store_on_trial()?.import_set(&set, &options)?
        }
        ImportFormat::Csv | ImportFormat::Vcard => {
            super::import_records::import_records(args, format, path, &bytes, &options, ctx)?
        }
    };
    tell(ctx, &report, &options)
}

/// Prints what the import did and how it ended; an import refused for its rejected records
/// is an error.
fn tell(ctx: &mut Ctx, report: &ImportReport, options: &ImportOptions) -> anyhow::Result<()> {
    let i18n = ctx.i18n.clone();
    print_report(ctx, report)?;
    if !report.rejected.is_empty() && !options.skip_invalid {
        return Err(ctx.fail("data.import.refused", &[("n", &report.rejected.len())]));
    }
    if options.dry_run {
        ctx.print(&i18n.t("data.import.dry_run"))?;
    } else if let Some(batch) = report.batch {
        ctx.print(&i18n.fmt("data.import.saved", &[("batch", &batch)]))?;
    } else if report.updated_deals == 0 {
        ctx.print(&i18n.t("data.import.nothing_new"))?;
    }
    Ok(())
}

/// How many rows of each kind (added, merged, skipped, joined) the report lists before it says
/// how many more there are; the totals line counts them all. Rejected records are all listed:
/// each is something to fix.
const LISTED_PER_KIND: usize = 20;

fn print_report(ctx: &Ctx, report: &ImportReport) -> anyhow::Result<()> {
    let i18n = &ctx.i18n;
    let line =
        |c: &ImportedCustomer| c.line.map(|l| i18n.fmt("data.import.at_line", &[("line", &l)])).unwrap_or_default();
    let more = |n: usize| -> anyhow::Result<()> {
        if n > LISTED_PER_KIND {
            ctx.print(&i18n.fmt("data.import.more", &[("n", &(n - LISTED_PER_KIND))]))?;
        }
        Ok(())
    };
    for (key, list) in [("added", &report.added), ("merged", &report.merged), ("skipped", &report.skipped)] {
        for c in list.iter().take(LISTED_PER_KIND) {
            // Known under another name: the existing customer's name follows its number.
            let id = c.known_as.as_ref().map_or_else(|| c.id.to_string(), |known| format!("{} {known}", c.id));
            ctx.print(&i18n.fmt(&format!("data.import.{key}"), &[("id", &id), ("name", &c.name), ("line", &line(c))]))?;
        }
        more(list.len())?;
    }
    for (account, person) in report.joined.iter().take(LISTED_PER_KIND) {
        let args: [(&str, &dyn std::fmt::Display); 3] =
            [("person", person), ("id", &account.id), ("name", &account.name)];
        ctx.print(&i18n.fmt("data.import.joined", &args))?;
    }
    more(report.joined.len())?;
    for (l, reason) in &report.rejected {
        ctx.print(&i18n.fmt("data.import.rejected", &[("line", l), ("reason", reason)]))?;
    }
    if report.updated_deals > 0 {
        ctx.print(&i18n.fmt("data.import.updated_deals", &[("n", &report.updated_deals)]))?;
    }
    ctx.print(&i18n.fmt(
        "data.import.summary",
        &[
            ("added", &report.added.len()),
            ("merged", &report.merged.len()),
            ("skipped", &report.skipped.len()),
            ("rejected", &report.rejected.len()),
        ],
    ))
}

fn list_batches(ctx: &mut Ctx, json: bool) -> anyhow::Result<()> {
    let i18n = ctx.i18n.clone();
    let batches = ctx.store()?.import_batches()?;
    if json {
        return ctx.print(&super::output::json(&batches)?);
    }
    if batches.is_empty() {
        return ctx.print(&i18n.t("data.import.no_batches"));
    }
    for b in batches {
        let undone =
            b.undone_at.as_ref().map(|at| i18n.fmt("data.import.batch_undone", &[("at", at)])).unwrap_or_default();
        ctx.print(&i18n.fmt(
            "data.import.batch",
            &[
                ("id", &b.id),
                ("created", &b.created_at),
                ("format", &b.format),
                ("source", &b.source),
                ("added", &b.added),
                ("merged", &b.merged),
                ("skipped", &b.skipped),
                ("rejected", &b.rejected),
                ("undone", &undone),
            ],
        ))?;
    }
    Ok(())
}

/// Reads the whole file; refuses an empty or absurdly large one.
fn read_file(ctx: &Ctx, path: &Path) -> anyhow::Result<Vec<u8>> {
    let fail = |e: std::io::Error| ctx.fail("data.import.read", &[("path", &path.display()), ("reason", &e)]);
    let not_a_file = || ctx.fail("data.import.not_a_file", &[("path", &path.display())]);
    // A pipe or a device would block or never end (/dev/zero): only ordinary files, checked
    // before opening (opening a pipe waits for a writer) and again on what was opened.
    if !std::fs::metadata(path).map_err(fail)?.is_file() {
        return Err(not_a_file());
    }
    let file = std::fs::File::open(path).map_err(fail)?;
    if !file.metadata().map_err(fail)?.is_file() {
        return Err(not_a_file());
    }
    let Some(bytes) = read_capped(file, MAX_FILE_BYTES).map_err(fail)? else {
        return Err(ctx.fail("data.import.too_big", &[("path", &path.display()), ("max", &(MAX_FILE_BYTES >> 20))]));
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ctx.fail("data.import.empty", &[("path", &path.display())]));
    }
    Ok(bytes)
}

/// Everything `reader` holds, or `None` when that is more than `max` bytes: the cap is on what
/// is read, not on what a file claims to hold (files under /proc say 0 and go on).
fn read_capped(reader: impl Read, max: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader.take(max + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= max).then_some(bytes))
}

/// The format from the content (our export, a vCard), then the file name.
fn detect(bytes: &[u8], path: &Path) -> Option<ImportFormat> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)])
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_string();
    if head.starts_with('{') {
        return Some(ImportFormat::Json);
    }
    if head.to_ascii_uppercase().starts_with("BEGIN:VCARD") {
        return Some(ImportFormat::Vcard);
    }
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "json" => Some(ImportFormat::Json),
        "vcf" | "vcard" => Some(ImportFormat::Vcard),
        "csv" | "txt" => Some(ImportFormat::Csv),
        _ => None,
    }
}

fn format_name(format: ImportFormat) -> &'static str {
    match format {
        ImportFormat::Json => "json",
        ImportFormat::Csv => "csv",
        ImportFormat::Vcard => "vcard",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_stops_at_the_cap_however_much_is_there() {
        assert_eq!(read_capped(&b"hello"[..], 5).unwrap(), Some(b"hello".to_vec()));
        assert_eq!(read_capped(&b"hello!"[..], 5).unwrap(), None);
        assert_eq!(read_capped(std::io::repeat(0), 1 << 20).unwrap(), None, "an endless source ends at the cap");
    }
}
