//! Writes a phone's contacts export (vCard 3.0) to measure imports at scale (issue 12):
//! Chinese names, 60 % of the cards at an organisation of about four people (with a title),
//! 5 % without a name (a phone or e-mail only), a mobile each, e-mails, birthdays and notes
//! for some. 100,000 cards make about 17 MB; the same count always makes the same file.
//!
//! `cargo run --release --example phone_contacts -- 100000 > contacts.vcf`

use std::io::{BufWriter, Write};

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林",
    "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "欧阳", "司马",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞",
    "平", "刚", "桂英", "建华", "晓东", "海燕", "志强", "丹", "鑫", "宇", "子涵",
];
const CITIES: &[&str] = &["深圳", "广州", "上海", "北京", "杭州", "成都", "武汉", "苏州", "南京", "东莞"];
const TRADES: &[&str] = &["精密机械", "电子科技", "医疗器械", "包装材料", "物流", "建材", "食品", "环保设备"];
const TITLES: &[&str] = &["总经理", "采购经理", "采购专员", "技术总监", "财务经理", "工程师", "厂长", "副总"];
const NOTES: &[&str] = &[
    "展会上认识，对新产品线感兴趣",
    "老客户介绍的，下季度有采购计划",
    "喜欢喝茶，周五下午方便见面",
    "Met at the Canton Fair; wants a quote by March",
    "负责设备更新项目，预算已批",
];

fn main() -> std::io::Result<()> {
    let cards: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let mut rng = fastrand::Rng::with_seed(12);
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut company = String::new();
    let mut left_at_company = 0;
    for i in 0..cards {
        let name = format!("{}{}", SURNAMES[rng.usize(..SURNAMES.len())], GIVEN[rng.usize(..GIVEN.len())]);
        // Unique per card (its last eight digits are the card's number): no two people share one.
        let mobile = format!("+86 1{}{} {:04} {:04}", rng.u8(3..=9), rng.u8(0..=9), i / 10_000 % 10_000, i % 10_000);
        out.write_all(b"BEGIN:VCARD\r\nVERSION:3.0\r\n")?;
        if rng.f32() >= 0.05 {
            let (surname, given) =
                name.split_at(SURNAMES.iter().find(|s| name.starts_with(**s)).map_or(3, |s| s.len()));
            write!(out, "N:{surname};{given};;;\r\nFN:{name}\r\n")?;
        }
        // A new organisation of 2 to 6 people (4 on average) starts at 27 % of the cards not
        // at one: 4 / (4 + 0.73 / 0.27) = 60 % of the cards are at an organisation.
        if left_at_company == 0 && rng.f32() < 0.27 {
            company =
                format!("{}{}{}有限公司", CITIES[rng.usize(..CITIES.len())], TRADES[rng.usize(..TRADES.len())], i);
            left_at_company = rng.usize(2..=6);
        }
        if left_at_company > 0 {
            left_at_company -= 1;
            write!(out, "ORG:{company}\r\nTITLE:{}\r\n", TITLES[rng.usize(..TITLES.len())])?;
        }
        write!(out, "TEL;TYPE=CELL:{mobile}\r\n")?;
        if rng.f32() < 0.5 {
            write!(out, "EMAIL;TYPE=WORK:c{i}@example.com\r\n")?;
        }
        if rng.f32() < 0.3 {
            write!(out, "BDAY:{}-{:02}-{:02}\r\n", rng.u16(1960..2000), rng.u8(1..=12), rng.u8(1..=28))?;
        }
        if rng.f32() < 0.4 {
            write!(out, "NOTE:{}\r\n", NOTES[rng.usize(..NOTES.len())])?;
        }
        out.write_all(b"END:VCARD\r\n")?;
    }
    out.flush()
}
