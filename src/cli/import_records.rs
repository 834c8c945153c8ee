//! `import` of CSV and vCard files: options to parser settings, problems to messages.

use std::path::Path;

use super::Ctx;
use super::import::{ImportArgs, ImportFormat};
use crate::i18n::{Face, I18n};
use crate::import::csv::{CsvOptions, field_names, parse_stage_map};
use crate::import::{FileProblem, Problem};
use crate::store::transfer::{Accounts, ImportSet, records_to_set};

/// Parses a CSV or vCard file into rows to import; a file that cannot be read at all is an
/// error (nothing is imported), bad records are listed with their lines.
pub fn read_records(
    args: &ImportArgs,
    format: ImportFormat,
    path: &Path,
    bytes: &[u8],
    ctx: &Ctx,
) -> anyhow::Result<ImportSet> {
    let parsed = match format {
        ImportFormat::Vcard => crate::import::vcard::parse(bytes),
        _ => crate::import::csv::parse(bytes, &csv_options(args, ctx)?),
    }
    .map_err(|p| {
        ctx.fail("data.file.problem", &[("path", &path.display()), ("problem", &file_problem(&ctx.i18n, &p))])
    })?;
    let rejected = parsed.problems.iter().map(|(line, p)| (*line, problem(&ctx.i18n, p))).collect();
    let accounts = if format == ImportFormat::Vcard { Accounts::ByCompany } else { Accounts::ByNameAndCompany };
    Ok(records_to_set(&parsed.records, rejected, ctx.clock, ctx.config.currency, accounts))
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
