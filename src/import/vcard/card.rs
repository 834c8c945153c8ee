//! One vCard's properties mapped onto a customer: name, company, title, first phone, e-mail
//! and address in their columns; the rest as facts and notes, so nothing is lost.

use std::collections::HashMap;

use super::lines::{Property, components, unescape};
use crate::domain::FactCategory;
use crate::import::{Record, month_day};

/// Properties that carry no information about the person (format bookkeeping).
const BOOKKEEPING: &[&str] = &["BEGIN", "END", "VERSION", "PRODID", "REV", "UID", "X-ABLABEL", "KIND", "SOURCE"];

/// Binary properties: skipped (a photo is not part of a sales record), never fatal.
const BINARY: &[&str] = &["PHOTO", "LOGO", "SOUND", "KEY"];

/// Builds the record of one card starting at `line`.
pub fn record(line: usize, props: &[Property]) -> Record {
    let labels: HashMap<&str, String> = props
        .iter()
        .filter(|p| p.name == "X-ABLABEL")
        .filter_map(|p| Some((p.group.as_deref()?, apple_label(&unescape(&p.text())))))
        .filter(|(_, label)| !label.is_empty())
        .collect();
    let mut rec = Record::new(line);
    let mut structured_name = None;
    for p in props {
        if BOOKKEEPING.contains(&p.name.as_str()) || BINARY.contains(&p.name.as_str()) || p.is_binary() {
            continue;
        }
        let text = p.text();
        let label = p.group.as_deref().and_then(|g| labels.get(g)).cloned().or_else(|| type_label(p));
        let c = &mut rec.customer;
        match p.name.as_str() {
            "FN" => c.name = unescape(&text),
            "N" => structured_name = Some(components(&text)),
            "NICKNAME" => c.nickname = unescape(&text),
            "ORG" => {
                let parts: Vec<String> = components(&text).into_iter().filter(|s| !s.is_empty()).collect();
                if let Some((company, departments)) = parts.split_first() {
                    c.company = company.clone();
                    rec.fact(FactCategory::Business, "department", &departments.join(" / "), None);
                }
            }
            "TITLE" => c.title = unescape(&text),
            "ROLE" => rec.fact(FactCategory::Business, "role", &unescape(&text), None),
            "TEL" => {
                let number = unescape(&text);
                let number = number.strip_prefix("tel:").unwrap_or(&number).to_string();
                first_or_fact(&mut rec, Column::Phone, &number, label)
            }
            "EMAIL" => first_or_fact(&mut rec, Column::Email, &unescape(&text), label),
            "ADR" => first_or_fact(&mut rec, Column::Address, &address(&components(&text)), label),
            "NOTE" => rec.notes.push(unescape(&text)),
            "BDAY" => {
                let value = unescape(&text);
                rec.fact(FactCategory::Personal, "birthday", &value, month_day(&value));
            }
            "ANNIVERSARY" | "X-ANNIVERSARY" | "X-ABDATE" => {
                let value = unescape(&text);
                let what = label.unwrap_or_else(|| "anniversary".into());
                rec.fact(FactCategory::Personal, &what, &value, month_day(&value));
            }
            "URL" => rec.fact(FactCategory::Basic, &label.unwrap_or_else(|| "website".into()), &unescape(&text), None),
            other => {
                let name = label.map_or_else(|| other.to_lowercase(), |l| format!("{} ({l})", other.to_lowercase()));
                rec.fact(FactCategory::Basic, &name, &unescape(&text), None);
            }
        }
    }
    fill_name(&mut rec, structured_name);
    rec
}

/// Which column a repeated property fills first.
#[derive(Clone, Copy)]
enum Column {
    Phone,
    Email,
    Address,
}

/// The first value goes to the column; later ones become basic facts labelled by type.
fn first_or_fact(rec: &mut Record, column: Column, value: &str, label: Option<String>) {
    let (slot, base) = match column {
        Column::Phone => (&mut rec.customer.phone, "phone"),
        Column::Email => (&mut rec.customer.email, "email"),
        Column::Address => (&mut rec.customer.address, "address"),
    };
    if value.trim().is_empty() {
        return;
    }
    if slot.is_empty() {
        *slot = value.trim().to_string();
        if let Some(l) = label.filter(|l| !matches!(l.as_str(), "pref" | "voice" | "internet")) {
            rec.fact(FactCategory::Basic, &format!("{base} type"), &l, None);
        }
    } else {
        let name = label.map_or_else(|| base.to_string(), |l| format!("{base} ({l})"));
        rec.fact(FactCategory::Basic, &name, value, None);
    }
}

/// The name from `FN`, else from `N` (Chinese family+given without a space); a card with
/// neither is named when validated ([`Record::validated`]).
fn fill_name(rec: &mut Record, structured: Option<Vec<String>>) {
    let from_n = structured.map(|parts| {
        let get = |i: usize| parts.get(i).map(String::as_str).unwrap_or_default();
        let (family, given, middle, prefix, suffix) = (get(0), get(1), get(2), get(3), get(4));
        if family.chars().chain(given.chars()).any(is_cjk) {
            format!("{family}{given}")
        } else {
            [prefix, given, middle, family, suffix]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ")
        }
    });
    let c = &mut rec.customer;
    if c.name.trim().is_empty() {
        c.name = from_n.unwrap_or_default();
    }
}

/// An `ADR` (post box; extended; street; city; region; postcode; country) as one line: a
/// Chinese address from the largest place down with nothing between (`中国广东深圳南山区…18号
/// 518057`), any other from the street up with commas.
fn address(parts: &[String]) -> String {
    let get = |i: usize| parts.get(i).map(|s| s.trim()).unwrap_or_default();
    if parts.iter().any(|p| p.chars().any(is_cjk)) {
        let place: String = [6, 4, 3, 2, 1, 0].iter().map(|i| get(*i)).collect();
        return [place.as_str(), get(5)].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" ");
    }
    parts.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", ")
}

/// `TYPE=WORK,VOICE` → `work`: the first type that says something.
fn type_label(p: &Property) -> Option<String> {
    p.param("TYPE").into_iter().find(|t| !matches!(t.as_str(), "pref" | "voice" | "internet" | "x400"))
}

/// iPhone's `_$!<Mobile>!$_` → `mobile`; custom labels as written.
fn apple_label(raw: &str) -> String {
    raw.trim_start_matches("_$!<").trim_end_matches(">!$_").to_lowercase()
}

/// Chinese, Japanese and Korean ideographs (names written without a space).
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

#[cfg(test)]
mod tests {
    use super::address;

    fn parts(adr: &str) -> Vec<String> {
        adr.split(';').map(str::to_string).collect()
    }

    #[test]
    fn a_chinese_address_reads_from_the_country_down() {
        assert_eq!(
            address(&parts(";;南山区高新南七道18号;深圳;广东;518057;中国")),
            "中国广东深圳南山区高新南七道18号 518057"
        );
        assert_eq!(address(&parts(";;漕河泾开发区;上海;;;")), "上海漕河泾开发区");
    }

    #[test]
    fn another_address_reads_from_the_street_up() {
        assert_eq!(
            address(&parts(";Suite 400;1200 Market St;San Francisco;CA;94103;USA")),
            "Suite 400, 1200 Market St, San Francisco, CA, 94103, USA"
        );
    }
}
