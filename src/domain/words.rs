//! Parsing of closed word sets (steps, classes, styles, ...): case-insensitive, in English or
//! Chinese, by full name or unique prefix.

/// A closed set of values with a stable machine code and names in both languages.
pub trait Word: Copy + Sized + 'static {
    /// Every value, in display order.
    const ALL: &'static [Self];
    /// What kind of value this is, for error messages (`step`, `class`, ...).
    const KIND: &'static str;
    /// Stable code stored in the database and used on the command line.
    fn code(self) -> &'static str;
    /// Chinese name as reps know it.
    fn zh(self) -> &'static str;
    /// Other accepted spellings (e.g. `in-person`, `inperson`).
    fn aliases(self) -> &'static [&'static str] {
        &[]
    }

    /// Reads a value from a code, an alias, a Chinese name or a unique prefix of any of them.
    fn parse_word(input: &str) -> Result<Self, super::DomainError> {
        let needle = normalise(input);
        let unknown = || super::DomainError::UnknownValue {
            kind: Self::KIND,
            input: input.to_string(),
            valid: Self::ALL.iter().map(|w| (w.code(), w.zh())).collect(),
        };
        if needle.is_empty() {
            return Err(unknown());
        }
        let names = |w: Self| {
            let mut v = vec![normalise(w.code()), normalise(w.zh())];
            v.extend(w.aliases().iter().map(|a| normalise(a)));
            v
        };
        if let Some(w) = Self::ALL.iter().find(|w| names(**w).contains(&needle)) {
            return Ok(*w);
        }
        let matches: Vec<Self> =
            Self::ALL.iter().copied().filter(|w| names(*w).iter().any(|n| n.starts_with(&needle))).collect();
        match matches.as_slice() {
            [one] => Ok(*one),
            _ => Err(unknown()),
        }
    }

    /// Reads a stored code; `None` when the code is not known (a corrupt or newer row).
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|w| w.code() == code)
    }
}

/// Lower-cases and drops separators so `Cash Cow`, `cash-cow` and `cash_cow` compare equal.
fn normalise(s: &str) -> String {
    s.trim().chars().filter(|c| !matches!(c, '-' | '_' | ' ')).flat_map(char::to_lowercase).collect()
}

/// Declares a `Word` enum with its codes and Chinese names.
macro_rules! word_enum {
    ($(#[$m:meta])* $name:ident, $kind:literal, { $($(#[$vm:meta])* $variant:ident = $code:literal, $zh:literal $(, [$($alias:literal),*])?;)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $crate::domain::words::Word for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            const KIND: &'static str = $kind;
            fn code(self) -> &'static str { match self { $(Self::$variant => $code),+ } }
            fn zh(self) -> &'static str { match self { $(Self::$variant => $zh),+ } }
            fn aliases(self) -> &'static [&'static str] {
                match self { $(Self::$variant => &[$($($alias),*)?]),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($crate::domain::words::Word::code(*self))
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::domain::DomainError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <Self as $crate::domain::words::Word>::parse_word(s)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str($crate::domain::words::Word::code(*self))
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                <Self as $crate::domain::words::Word>::from_code(&s)
                    .ok_or_else(|| serde::de::Error::custom(format!("unknown {} '{}'", $kind, s)))
            }
        }
    };
}
pub(crate) use word_enum;
