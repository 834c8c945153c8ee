//! Messages before they are put in words: a key in `assets/i18n` with its arguments. Errors
//! implement [`Localize`] beside their type and say which message they are; [`super::I18n`]
//! puts it in the user's language. No error text is written in code, English included: an
//! error's `Display` is its English message from `assets/i18n/en`.

use std::fmt;

/// Where a message is shown; advice names what that face offers (the command line an option,
/// the app a key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    /// The `fieldbook <command>` line.
    Cli,
    /// The full-screen app.
    App,
}

/// A message key and its arguments, to be put in words by [`super::I18n::say`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    key: String,
    args: Vec<(&'static str, Arg)>,
}

/// One argument of a [`Message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Shown as it is: what the user typed, a name, a path, a number. The first argument
    /// that reads as a whole number picks the plural form (see [`super::I18n::fmt`]).
    Text(String),
    /// The name of a field or thing (`purpose`, `customer`), in the user's language.
    Field(String),
    /// Another message (advice, a reason), put in words first.
    Message(Message),
    /// Several messages, put in words and listed (`a, b` / `a、b`).
    List(Vec<Message>),
    /// A word of the method (a step, a state) by its code and Chinese name; `lower` in English
    /// when it stands inside a sentence.
    Word { code: &'static str, zh: &'static str, lower: bool },
    /// The values one may type, `(code, Chinese name)`: the codes in English (`a, b`), the
    /// Chinese names in Chinese (`甲、乙`).
    Choices(Vec<(&'static str, &'static str)>),
}

impl Message {
    /// The message `key` (`area.table.key`) with no arguments yet.
    pub fn new(key: impl Into<String>) -> Self {
        Self { key: key.into(), args: Vec::new() }
    }

    /// Adds `{name}`, shown as `value` is displayed.
    pub fn arg(mut self, name: &'static str, value: impl fmt::Display) -> Self {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// Adds `{name}`, the name of the field `field` in the user's language.
    pub fn field(mut self, name: &'static str, field: &str) -> Self {
        self.args.push((name, Arg::Field(field.to_string())));
        self
    }

    /// Adds `{name}`, another message put in words.
    pub fn part(mut self, name: &'static str, message: Message) -> Self {
        self.args.push((name, Arg::Message(message)));
        self
    }

    /// Adds `{name}`, a word of the method (step, state) in the user's language, as a name
    /// (`Survey`).
    pub fn word(mut self, name: &'static str, word: impl crate::domain::Word) -> Self {
        self.args.push((name, Arg::Word { code: word.code(), zh: word.zh(), lower: false }));
        self
    }

    /// Like [`Message::word`], lower case in English (`is won`).
    pub fn word_lower(mut self, name: &'static str, word: impl crate::domain::Word) -> Self {
        self.args.push((name, Arg::Word { code: word.code(), zh: word.zh(), lower: true }));
        self
    }

    /// Adds `{name}`, the values one may type (`(code, Chinese name)`), listed.
    pub fn choices(mut self, name: &'static str, choices: Vec<(&'static str, &'static str)>) -> Self {
        self.args.push((name, Arg::Choices(choices)));
        self
    }

    /// Adds `{name}`, several messages listed.
    pub fn list(mut self, name: &'static str, items: Vec<Message>) -> Self {
        self.args.push((name, Arg::List(items)));
        self
    }

    /// The key in `assets/i18n`.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The arguments, in the order they were given.
    pub fn args(&self) -> &[(&'static str, Arg)] {
        &self.args
    }
}

/// Its English words.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&super::I18n::english().say(self))
    }
}

/// A message can be returned as an error (a command's own refusal); it is put in the user's
/// language where it is shown.
impl std::error::Error for Message {}

/// Something that can tell the user what happened in their language: every error type that
/// reaches a person implements it beside its definition.
pub trait Localize {
    /// The message, with advice (if any) that fits `face`.
    fn message(&self, face: Face) -> Message;
}

impl Localize for Message {
    fn message(&self, _face: Face) -> Message {
        self.clone()
    }
}

/// Picks the advice for `face`: `<base>.cli` or `<base>.app`.
pub fn advice(base: &str, face: Face) -> Message {
    match face {
        Face::Cli => Message::new(format!("{base}.cli")),
        Face::App => Message::new(format!("{base}.app")),
    }
}

/// Implements `Display` for error types as their English message (`Face::Cli`), so logs and
/// `{e}` read as the user would, without a second English text in code.
#[macro_export]
macro_rules! display_in_english {
    ($($t:ty),+ $(,)?) => {$(
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let message = $crate::i18n::Localize::message(self, $crate::i18n::Face::Cli);
                f.write_str(&$crate::i18n::I18n::english().say(&message))
            }
        }
    )+};
}
