//! The vCard and CSV parsers on arbitrary input: they never panic, and every record they
//! return is valid (the import can only reject or accept, never crash).

use fieldbook::import::csv::{CsvOptions, parse_stage_map};
use fieldbook::import::{csv, vcard};
use proptest::prelude::*;

/// Bytes that look a bit like contact files, so the parsers get past their first checks.
fn contactish() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop::sample::select(vec![
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
    ]);
    prop::collection::vec(prop_oneof![pieces.prop_map(|s| s.as_bytes().to_vec()), any::<Vec<u8>>()], 0..40)
        .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn vcard_never_panics(bytes in contactish()) {
        if let Ok(parsed) = vcard::parse(&bytes) {
            for r in parsed.records {
                prop_assert!(!r.customer.name.trim().is_empty());
            }
        }
    }

    #[test]
    fn csv_never_panics(bytes in contactish(), gbk in any::<bool>(), stage_map in ".{0,30}") {
        let mut options = CsvOptions { encoding: gbk.then_some(encoding_rs::GBK), ..Default::default() };
        if let Ok(map) = parse_stage_map(&stage_map) {
            options.stage_map = map;
        }
        if let Ok(parsed) = csv::parse(&bytes, &options) {
            for r in parsed.records {
                prop_assert!(!r.customer.name.trim().is_empty());
            }
        }
    }
}
