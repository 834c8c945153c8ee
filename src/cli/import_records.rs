//! `import` of CSV and vCard files: options to parser settings, problems to messages, the file
//! read twice and imported in pieces.

use std::path::Path;

use super::Ctx;
use super::import::{ImportArgs, ImportFormat};
use crate::i18n::{Face, I18n};
use crate::import::csv::{CsvOptions, field_names, parse_stage_map};
use crate::import::{FileProblem, Problem, Record};
use crate::store::transfer::{Accounts, Grouping, ImportOptions, ImportReport, Pieces};

/// Records turned into rows and imported at a time: a big file is never held whole.
const PIECE_RECORDS: usize = 1000;

/// Imports a CSV or vCard file, reading it twice: first which account each record belongs to
/// and what cannot be read (a file that cannot be read at all is an error and nothing is
/// imported; bad records are listed with their lines), then the records again, imported a
/// piece at a time in one transaction.
pub fn import_records(
    args: &ImportArgs,
    format: ImportFormat,
    path: &Path,
    bytes: &[u8],
    options: &ImportOptions,
    ctx: &mut Ctx,
) -> anyhow::Result<ImportReport> {
    let csv = match format {
        ImportFormat::Vcard => None,
        _ => Some(csv_options(args, ctx)?),
    };
    let read = |found: &mut dyn FnMut(Result<Record, (usize, Problem)>)| match &csv {
        Some(options) => crate::import::csv::each(bytes, options, found),
        None => crate::import::vcard::each(bytes, found),
    };
    let accounts = if format == ImportFormat::Vcard { Accounts::ByCompany } else { Accounts::ByNameAndCompany };
    let mut grouping = Grouping::new(accounts);
    let mut rejected = Vec::new();
    read(&mut |found| match found {
        Ok(record) => grouping.add(&record),
        Err((line, p)) => rejected.push((line, problem(&ctx.i18n, &p))),
    })
    .map_err(|p| {
        ctx.fail("data.file.problem", &[("path", &path.display()), ("problem", &file_problem(&ctx.i18n, &p))])
    })?;
    let mut pieces = Pieces::new(grouping, ctx.clock, ctx.config.currency);
    let report = ctx.store_on_trial()?.import_pieces(options, rejected, &mut |add| {
        let mut added = Ok(());
        let mut piece = Vec::with_capacity(PIECE_RECORDS);
        // The same bytes read the same way again: what the first reading found wrong with the
        // whole file refused it already.
        let _ = read(&mut |found| {
            piece.extend(found.ok());
            if piece.len() == PIECE_RECORDS {
                if added.is_ok() {
                    added = add(pieces.piece(&piece));
                }
                piece.clear();
            }
        });
        if added.is_ok() && !piece.is_empty() {
            added = add(pieces.piece(&piece));
        }
        added
    })?;
    Ok(report)
}

fn csv_options(args: &ImportArgs, ctx: &Ctx) -> anyhow::Result<CsvOptions> {
    let mut options = CsvOptions { currency: ctx.config.currency, ..CsvOptions::default() };
    for m in &args.map {
        let (column, field) = m
            .split_once('=')
            .ok_or_else(|| ctx.fail("data.import.bad_map", &[("input", m), ("fields", &field_names().join(", "))]))?;
        options.map.push((column.trim().to_string(), field.trim().to_string()));
    }
    if let Some(map) = &args.stage_map {
        options.stage_map =
            parse_stage_map(map).map_err(|_| ctx.fail("data.import.bad_stage_map", &[("input", map)]))?;
    }
    if let Some(label) = &args.encoding {
        let encoding = encoding_rs::Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| ctx.fail("data.import.bad_encoding", &[("input", label)]))?;
        options.encoding = Some(encoding);
    }
    Ok(options)
}

fn problem(i18n: &I18n, p: &Problem) -> String {
    match p {
        Problem::Invalid(e) => i18n.localize(e, Face::Cli),
        Problem::Unclosed => i18n.t("data.file.unclosed"),
        Problem::UnclosedQuote => i18n.t("data.file.unclosed_quote"),
    }
}

fn file_problem(i18n: &I18n, p: &FileProblem) -> String {
    match p {
        FileProblem::NotText { encoding } => i18n.fmt("data.file.not_text", &[("encoding", encoding)]),
        FileProblem::NotVcard => i18n.t("data.file.not_vcard"),
        FileProblem::NoNameColumn { headers } => {
            i18n.fmt("data.file.no_name_column", &[("headers", &headers.join(", "))])
        }
        FileProblem::UnknownField { field } => {
            i18n.fmt("data.file.unknown_field", &[("field", field), ("fields", &field_names().join(", "))])
        }
    }
}
