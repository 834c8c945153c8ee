//! Keys → named actions, per screen. The same table drives key handling, the hint bar and the
//! help overlay, so the screen never shows a key that is not bound. Users rebind keys in the
//! config file (`[keys.<screen>] action_name = "key"`, several keys separated by spaces).

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::i18n::I18n;

/// Where a binding applies. `Global` bindings work on every screen unless the screen binds
/// the same action itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ScreenId {
    Global,
    Welcome,
    Today,
    Pipeline,
    Customers,
    Customer,
    Search,
    Brief,
}

impl ScreenId {
    /// Every screen, config order.
    pub const ALL: &'static [ScreenId] = &[
        Self::Global,
        Self::Welcome,
        Self::Today,
        Self::Pipeline,
        Self::Customers,
        Self::Customer,
        Self::Search,
        Self::Brief,
    ];

    /// The name used in `[keys.<name>]`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Global => "global",
            Self::Welcome => "welcome",
            Self::Today => "today",
            Self::Pipeline => "pipeline",
            Self::Customers => "customers",
            Self::Customer => "customer",
            Self::Search => "search",
            Self::Brief => "brief",
        }
    }
}

/// One key with the modifiers that matter (Shift is part of the character itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    /// The key of a terminal event.
    pub fn from_event(event: &KeyEvent) -> Self {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        Self { code: event.code, ctrl, alt }
    }

    /// Reads `q`, `G`, `?`, `enter`, `esc`, `up`, `pagedown`, `ctrl-p`, `alt-x`, `f1`, `space`...
    pub fn parse(text: &str) -> Option<Self> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = text.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 2 && (lower.starts_with("ctrl-") || lower.starts_with("ctrl+")) {
                ctrl = true;
                rest = &rest[5..];
            } else if rest.chars().count() > 2 && (lower.starts_with("alt-") || lower.starts_with("alt+")) {
                alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if ctrl || alt => KeyCode::Char(c.to_ascii_lowercase()),
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" | "shift-tab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "space" => KeyCode::Char(' '),
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                f if f.starts_with('f') => KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?),
                _ => return None,
            },
        };
        Some(Self { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) if self.ctrl || self.alt => write!(f, "{}", c.to_ascii_uppercase()),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// An action and the keys that trigger it on one screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub action: Action,
    pub keys: Vec<Key>,
    /// Shown in the hint bar (the help overlay shows every binding).
    pub hint: bool,
}

/// Why a key configuration was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeymapError {
    UnknownScreen { screen: String },
    UnknownAction { screen: String, action: String, valid: String },
    BadKey { screen: String, action: String, key: String },
    Duplicate { screen: String, key: String, first: String, second: String },
}

impl KeymapError {
    /// The message in the user's language, saying what to change.
    pub fn message(&self, i18n: &I18n) -> String {
        match self {
            Self::UnknownScreen { screen } => {
                let valid: Vec<&str> = ScreenId::ALL.iter().map(|s| s.name()).collect();
                i18n.fmt("tui.keys.unknown_screen", &[("screen", screen), ("valid", &valid.join(", "))])
            }
            Self::UnknownAction { screen, action, valid } => {
                i18n.fmt("tui.keys.unknown_action", &[("screen", screen), ("action", action), ("valid", valid)])
            }
            Self::BadKey { screen, action, key } => {
                i18n.fmt("tui.keys.bad_key", &[("screen", screen), ("action", action), ("key", key)])
            }
            Self::Duplicate { screen, key, first, second } => i18n
                .fmt("tui.keys.duplicate", &[("screen", screen), ("key", key), ("first", first), ("second", second)]),
        }
    }
}

/// Every screen's bindings.
#[derive(Debug, Clone)]
pub struct Keymap {
    screens: HashMap<ScreenId, Vec<Binding>>,
}

impl Keymap {
    /// The default bindings, with the user's overrides from the config applied and checked.
    pub fn new(overrides: &BTreeMap<String, BTreeMap<String, String>>) -> Result<Self, KeymapError> {
        let mut map = Self::defaults();
        for (screen_name, actions) in overrides {
            let screen = ScreenId::ALL
                .iter()
                .copied()
                .find(|s| s.name() == screen_name)
                .ok_or_else(|| KeymapError::UnknownScreen { screen: screen_name.clone() })?;
            let bindings = map.screens.entry(screen).or_default();
            for (action_name, keys) in actions {
                let found = Action::from_name(action_name).and_then(|a| bindings.iter_mut().find(|b| b.action == a));
                let Some(binding) = found else {
                    let valid: Vec<&str> = bindings.iter().map(|b| b.action.name()).collect();
                    return Err(KeymapError::UnknownAction {
                        screen: screen_name.clone(),
                        action: action_name.clone(),
                        valid: valid.join(", "),
                    });
                };
                let parsed: Option<Vec<Key>> = keys.split_whitespace().map(Key::parse).collect();
                binding.keys = parsed.filter(|k| !k.is_empty()).ok_or_else(|| KeymapError::BadKey {
                    screen: screen_name.clone(),
                    action: action_name.clone(),
                    key: keys.clone(),
                })?;
            }
        }
        map.check()?;
        Ok(map)
    }

    /// The built-in bindings.
    pub fn defaults() -> Self {
        Self { screens: super::keymap_defaults::all() }
    }

    /// Rejects a key bound to two actions on one screen (global bindings included).
    fn check(&self) -> Result<(), KeymapError> {
        for screen in ScreenId::ALL {
            let mut seen: HashMap<Key, Action> = HashMap::new();
            for binding in self.bindings(*screen) {
                for key in &binding.keys {
                    if let Some(first) = seen.insert(*key, binding.action).filter(|a| *a != binding.action) {
                        return Err(KeymapError::Duplicate {
                            screen: screen.name().to_string(),
                            key: key.to_string(),
                            first: first.name().to_string(),
                            second: binding.action.name().to_string(),
                        });
                    }
                }
            }
        }
        Ok(())
    }

    /// The bindings in force on `screen`: its own, then the global ones it does not redefine.
    pub fn bindings(&self, screen: ScreenId) -> impl Iterator<Item = &Binding> {
        let own = self.screens.get(&screen).map(Vec::as_slice).unwrap_or_default();
        let global = if screen == ScreenId::Global {
            &[][..]
        } else {
            self.screens.get(&ScreenId::Global).map(Vec::as_slice).unwrap_or_default()
        };
        own.iter().chain(global.iter().filter(move |g| !own.iter().any(|b| b.action == g.action)))
    }

    /// The action a key triggers on `screen`.
    pub fn action(&self, screen: ScreenId, event: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(event);
        self.bindings(screen).find(|b| b.keys.contains(&key)).map(|b| b.action)
    }

    /// The first key bound to `action` on `screen`, for hints.
    pub fn key_for(&self, screen: ScreenId, action: Action) -> Option<Key> {
        self.bindings(screen).find(|b| b.action == action).and_then(|b| b.keys.first().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn defaults_have_no_duplicates_and_vim_and_arrows_both_work() {
        let map = Keymap::new(&BTreeMap::new()).unwrap();
        let p = ScreenId::Pipeline;
        assert_eq!(map.action(p, &press(KeyCode::Char('h'), KeyModifiers::NONE)), Some(Action::Left));
        assert_eq!(map.action(p, &press(KeyCode::Left, KeyModifiers::NONE)), Some(Action::Left));
        assert_eq!(map.action(p, &press(KeyCode::Char('/'), KeyModifiers::NONE)), Some(Action::Filter));
        let ctrl_p = press(KeyCode::Char('p'), KeyModifiers::CONTROL);
        assert_eq!(map.action(p, &ctrl_p), Some(Action::Palette));
        let shift_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(map.action(ScreenId::Customers, &shift_g), Some(Action::Bottom));
    }

    #[test]
    fn overrides_replace_the_keys_of_an_action() {
        let mut o = BTreeMap::new();
        o.insert("pipeline".to_string(), BTreeMap::from([("won".to_string(), "W ctrl-w".to_string())]));
        let map = Keymap::new(&o).unwrap();
        let p = ScreenId::Pipeline;
        assert_eq!(map.action(p, &press(KeyCode::Char('W'), KeyModifiers::SHIFT)), Some(Action::Won));
        assert_eq!(map.action(p, &press(KeyCode::Char('w'), KeyModifiers::CONTROL)), Some(Action::Won));
        assert_eq!(map.action(p, &press(KeyCode::Char('w'), KeyModifiers::NONE)), None);
        assert_eq!(map.key_for(p, Action::Won).map(|k| k.to_string()), Some("W".to_string()));
    }

    #[test]
    fn duplicates_are_rejected_naming_both_actions() {
        let mut o = BTreeMap::new();
        o.insert("pipeline".to_string(), BTreeMap::from([("won".to_string(), "h".to_string())]));
        let err = Keymap::new(&o).unwrap_err();
        assert_eq!(
            err,
            KeymapError::Duplicate {
                screen: "pipeline".into(),
                key: "h".into(),
                first: "left".into(),
                second: "won".into()
            }
        );
        let msg = err.message(&I18n::new(Lang::En));
        assert!(msg.contains("'won'") && msg.contains("'left'") && msg.contains("[keys.pipeline]"), "{msg}");
    }

    #[test]
    fn unknown_names_and_keys_are_rejected() {
        let one = |screen: &str, action: &str, key: &str| {
            let mut o = BTreeMap::new();
            o.insert(screen.to_string(), BTreeMap::from([(action.to_string(), key.to_string())]));
            Keymap::new(&o).unwrap_err()
        };
        assert!(matches!(one("board", "won", "w"), KeymapError::UnknownScreen { .. }));
        assert!(matches!(one("pipeline", "fly", "w"), KeymapError::UnknownAction { .. }));
        assert!(matches!(one("pipeline", "won", "ctrl-"), KeymapError::BadKey { .. }));
        assert!(matches!(one("pipeline", "won", ""), KeymapError::BadKey { .. }));
    }

    #[test]
    fn keys_parse_and_display() {
        for text in ["q", "G", "?", "Enter", "Esc", "↑", "PgDn", "Ctrl-P", "F1", "Space", ">"] {
            let parsed = match text {
                "↑" => Key::parse("up"),
                "PgDn" => Key::parse("pagedown"),
                other => Key::parse(other),
            };
            assert_eq!(parsed.map(|k| k.to_string()), Some(text.to_string()));
        }
        assert_eq!(Key::parse("ctrl+p"), Key::parse("Ctrl-P"));
        assert_eq!(Key::parse("nonsense"), None);
    }
}
