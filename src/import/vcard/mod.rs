//! vCard 2.1, 3.0 and 4.0 as phones and address books write them (Android, iPhone, Outlook,
//! Gmail, macOS Contacts): several cards per file, folded lines, quoted-printable values with
//! a charset, label groups, escapes, embedded photos (skipped).

mod card;
mod lines;

use super::{FileProblem, Parsed, Problem, Record};

/// Reads every card of a `.vcf` file. Cards without a usable name are reported with their
/// line; a file with no card at all, or not UTF-8 text, is refused.
pub fn parse(bytes: &[u8]) -> Result<Parsed, FileProblem> {
    let mut parsed = Parsed::default();
    each(bytes, |found| match found {
        Ok(record) => parsed.records.push(record),
        Err(problem) => parsed.problems.push(problem),
    })?;
    Ok(parsed)
}

/// Reads the cards of a `.vcf` file one at a time, handing each to `found` (a record, or a
/// problem with its line) as soon as it ends: a big file is never held card by card. Refused
/// as [`parse`] refuses it.
pub fn each(bytes: &[u8], mut found: impl FnMut(Result<Record, (usize, Problem)>)) -> Result<(), FileProblem> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| FileProblem::NotText { encoding: "UTF-8" })?;
    // Windows line ends are read as they are; only old Mac ones (a CR alone) need a copy.
    let lone_cr = text.split('\r').skip(1).any(|after| !after.starts_with('\n'));
    let text = if lone_cr { super::unix_lines(text) } else { std::borrow::Cow::Borrowed(text) };
    let mut current: Option<(usize, Vec<lines::Property>)> = None;
    let mut seen_card = false;
    for (line, content) in lines::unfold(&text) {
        let Some(prop) = lines::parse_property(line, &content) else { continue };
        match (prop.name.as_str(), prop.raw.trim().eq_ignore_ascii_case("VCARD")) {
            ("BEGIN", true) => {
                if let Some((start, _)) = current.take() {
                    found(Err((start, Problem::Unclosed)));
                }
                seen_card = true;
                current = Some((line, Vec::new()));
            }
            ("END", true) => {
                if let Some((start, props)) = current.take() {
                    found(card::record(start, &props).validated().map_err(|e| (start, Problem::Invalid(e))));
                }
            }
            _ => {
                if let Some((_, props)) = current.as_mut() {
                    props.push(prop);
                }
            }
        }
    }
    if let Some((start, _)) = current {
        found(Err((start, Problem::Unclosed)));
    }
    if !seen_card {
        return Err(FileProblem::NotVcard);
    }
    Ok(())
}
