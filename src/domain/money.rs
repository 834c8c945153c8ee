//! Amounts of money: parsed from what a rep types, shown compactly.

use super::DomainError;

/// Reads `200000`, `200,000`, `¥200k`, `1.5m`, `80万` into minor units (×100).
pub fn parse_amount(input: &str) -> Result<i64, DomainError> {
    let bad = || DomainError::BadAmount { input: input.to_string() };
    let cleaned: String = input
        .trim()
        .trim_start_matches(['¥', '$', '€', '£', '￥'])
        .chars()
        .filter(|c| *c != ',' && *c != '_' && !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let (number, factor) = if let Some(n) = cleaned.strip_suffix('k') {
        (n, 1_000.0)
    } else if let Some(n) = cleaned.strip_suffix('m') {
        (n, 1_000_000.0)
    } else if let Some(n) = cleaned.strip_suffix('万') {
        (n, 10_000.0)
    } else {
        (cleaned.as_str(), 1.0)
    };
    let value: f64 = number.parse().map_err(|_| bad())?;
    let minor = (value * factor * 100.0).round();
    if !minor.is_finite() || !(0.0..=1e17).contains(&minor) {
        return Err(bad());
    }
    Ok(minor as i64)
}

/// Compact display: `¥310k`, `¥1.2m`, `¥950` (currency symbol from its ISO code).
pub fn format_compact(minor: i64, currency: &str) -> String {
    let units = minor as f64 / 100.0;
    let symbol = currency_symbol(currency);
    if units.abs() >= 1_000_000.0 {
        format!("{symbol}{}m", trim_decimal(units / 1_000_000.0))
    } else if units.abs() >= 1_000.0 {
        format!("{symbol}{}k", trim_decimal(units / 1_000.0))
    } else {
        format!("{symbol}{}", trim_decimal(units))
    }
}

/// Full display with two decimals when needed: `¥200,000`, `¥19.90`.
pub fn format_full(minor: i64, currency: &str) -> String {
    let whole = (minor / 100).abs();
    let cents = (minor % 100).abs();
    let mut digits = whole.to_string();
    let mut grouped = String::new();
    while digits.len() > 3 {
        let tail = digits.split_off(digits.len() - 3);
        grouped = format!(",{tail}{grouped}");
    }
    let sign = if minor < 0 { "-" } else { "" };
    let symbol = currency_symbol(currency);
    if cents == 0 {
        format!("{sign}{symbol}{digits}{grouped}")
    } else {
        format!("{sign}{symbol}{digits}{grouped}.{cents:02}")
    }
}

fn currency_symbol(code: &str) -> String {
    match code {
        "CNY" | "RMB" | "JPY" => "¥".into(),
        "USD" => "$".into(),
        "EUR" => "€".into(),
        "GBP" => "£".into(),
        other => format!("{other} "),
    }
}

fn trim_decimal(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_forms() {
        assert_eq!(parse_amount("200000").unwrap(), 20_000_000);
        assert_eq!(parse_amount("200,000").unwrap(), 20_000_000);
        assert_eq!(parse_amount("¥200k").unwrap(), 20_000_000);
        assert_eq!(parse_amount("1.5m").unwrap(), 150_000_000);
        assert_eq!(parse_amount("80万").unwrap(), 80_000_000);
        assert_eq!(parse_amount("19.9").unwrap(), 1_990);
        for bad in ["", "abc", "-5", "1e400", "k"] {
            assert!(parse_amount(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn formats() {
        assert_eq!(format_compact(31_000_000, "CNY"), "¥310k");
        assert_eq!(format_compact(120_000_000, "CNY"), "¥1.2m");
        assert_eq!(format_compact(95_000, "USD"), "$950");
        assert_eq!(format_full(20_000_000, "CNY"), "¥200,000");
        assert_eq!(format_full(1_990, "CNY"), "¥19.90");
    }
}
