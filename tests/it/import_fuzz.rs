//! The vCard and CSV parsers on arbitrary input: they never panic, and every record they
//! return is valid (the import can only reject or accept, never crash). Each case is made
//! from a fixed seed, so a failure names the seed and the input that caused it.

use fieldbook::import::csv::{CsvOptions, parse_stage_map};
use fieldbook::import::{csv, vcard};
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};

/// Cases per parser: as many as the property tests ran before (proptest's 256).
const CASES: u64 = 256;

/// Pieces that look like contact files, so the parsers get past their first checks.
const PIECES: &[&str] = &[
    "BEGIN:VCARD\r\n",
    "END:VCARD\r\n",
    "VERSION:2.1\n",
    "FN:王伟\n",
    "N:Li;Na;;;\n",
    "TEL;CELL:138\n",
    "item1.EMAIL;type=pref:a@b\n",
    "item1.X-ABLabel:_$!<Work>!$_\n",
    ";ENCODING=QUOTED-PRINTABLE:=E7=8E=",
    "=\r\n",
    " folded\r\n",
    "\t",
    "\\,",
    "\\;",
    "\\n",
    ":",
    ";",
    ",",
    "\"",
    "BDAY:--0230\n",
    "PHOTO;ENCODING=b:",
    "name,phone,阶段,金额\n",
    "Ann,1,survey,10k\n",
    "\"a\"\"b\",",
    "\u{feff}",
    "\r",
    "\n",
    "\u{0}",
    "\u{1b}[31m",
];

/// Up to 40 parts, each a contact-file piece or up to 32 random bytes.
fn contactish(rng: &mut fastrand::Rng) -> Vec<u8> {
    let mut bytes = Vec::new();
    for _ in 0..rng.usize(0..40) {
        if rng.bool() {
            bytes.extend_from_slice(PIECES[rng.usize(..PIECES.len())].as_bytes());
        } else {
            bytes.extend((0..rng.usize(0..32)).map(|_| rng.u8(..)));
        }
    }
    bytes
}

/// Up to 30 random characters, as a `--stage-map` value.
fn any_text(rng: &mut fastrand::Rng) -> String {
    (0..rng.usize(0..30)).map(|_| rng.char(..)).collect()
}

/// Runs `case` for each seed; a panic or a failed check is reported with the seed and input.
fn for_each_case(parser: &str, case: impl Fn(&mut fastrand::Rng) -> (Vec<u8>, Result<(), String>)) {
    for seed in 0..CASES {
        let mut rng = fastrand::Rng::with_seed(seed);
        match catch_unwind(AssertUnwindSafe(|| case(&mut rng))) {
            Ok((_, Ok(()))) => {}
            Ok((bytes, Err(why))) => panic!("{parser}, seed {seed}: {why}\ninput: {bytes:?}"),
            Err(panic) => {
                let bytes = contactish(&mut fastrand::Rng::with_seed(seed));
                eprintln!("{parser} panicked, seed {seed}\ninput: {bytes:?}");
                resume_unwind(panic)
            }
        }
    }
}

/// Every record a parser returns has a name.
fn all_named(records: impl IntoIterator<Item = String>) -> Result<(), String> {
    match records.into_iter().find(|name| name.trim().is_empty()) {
        Some(name) => Err(format!("a record without a name: {name:?}")),
        None => Ok(()),
    }
}

#[test]
fn vcard_never_panics() {
    for_each_case("vCard", |rng| {
        let bytes = contactish(rng);
        let checked = match vcard::parse(&bytes) {
            Ok(parsed) => all_named(parsed.records.into_iter().map(|r| r.customer.name)),
            Err(_) => Ok(()),
        };
        (bytes, checked)
    });
}

#[test]
fn csv_never_panics() {
    for_each_case("CSV", |rng| {
        let bytes = contactish(rng);
        let gbk = rng.bool();
        let stage_map = any_text(rng);
        let mut options = CsvOptions { encoding: gbk.then_some(encoding_rs::GBK), ..Default::default() };
        if let Ok(map) = parse_stage_map(&stage_map) {
            options.stage_map = map;
        }
        let checked = match csv::parse(&bytes, &options) {
            Ok(parsed) => all_named(parsed.records.into_iter().map(|r| r.customer.name)),
            Err(_) => Ok(()),
        };
        (bytes, checked)
    });
}
