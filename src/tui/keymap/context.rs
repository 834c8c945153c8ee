//! Where a set of key bindings applies: a screen, or a form or dialog open over the screens.
//! Each has a table in the config file, `[keys.<name>]`.

/// A screen. `Global` bindings work on every screen unless the screen binds the same action
/// itself.
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
    Report,
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
        Self::Report,
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
            Self::Report => "report",
        }
    }
}

/// A form, dialog or overlay open over the screens, or a screen's text box while it has the
/// focus.
/// `Form` holds the keys every form shares; each form's own table adds its keys and may rebind
/// the shared ones for that form alone. Screen keys never apply while one is open (letters are
/// typed, not commands).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ModalId {
    /// Keys of every form: save, cancel, moving between fields, choosing.
    Form,
    VisitForm,
    CustomerForm,
    FactForm,
    /// A person of an account.
    ContactForm,
    DealForm,
    ObjectionForm,
    ProfileForm,
    /// The quick note.
    Note,
    /// A one-line question (the reason a deal was lost, a postponement date).
    Prompt,
    /// A yes/no question (discard what was typed, delete a fact, move with items unticked).
    Dialog,
    /// The checklist of a deal's step.
    Checklist,
    /// The list of open objections to resolve one.
    ObjectionPicker,
    /// A customer's visits, notes and objections, or the inbox's notes, to fix one.
    EntryList,
    /// Choosing a customer by typing part of the name (where an inbox note goes).
    CustomerPicker,
    /// The filter box of the customers table and the pipeline board while it is typed into.
    FilterBox,
    /// The list of keys (`?`, F2) while it is open: these scroll it, any other key closes it.
    Help,
    /// The command palette (`:`, Ctrl-P): characters go into its query.
    Palette,
}

impl ModalId {
    /// Every form and dialog, config order.
    pub const ALL: &'static [ModalId] = &[
        Self::Form,
        Self::VisitForm,
        Self::CustomerForm,
        Self::FactForm,
        Self::ContactForm,
        Self::DealForm,
        Self::ObjectionForm,
        Self::ProfileForm,
        Self::Note,
        Self::Prompt,
        Self::Dialog,
        Self::Checklist,
        Self::ObjectionPicker,
        Self::EntryList,
        Self::CustomerPicker,
        Self::FilterBox,
        Self::Help,
        Self::Palette,
    ];

    /// The name used in `[keys.<name>]`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Form => "form",
            Self::VisitForm => "visit_form",
            Self::CustomerForm => "customer_form",
            Self::FactForm => "fact_form",
            Self::ContactForm => "contact_form",
            Self::DealForm => "deal_form",
            Self::ObjectionForm => "objection_form",
            Self::ProfileForm => "profile_form",
            Self::Note => "note",
            Self::Prompt => "prompt",
            Self::Dialog => "dialog",
            Self::Checklist => "checklist",
            Self::ObjectionPicker => "objection_picker",
            Self::EntryList => "entry_list",
            Self::CustomerPicker => "customer_picker",
            Self::FilterBox => "filter_box",
            Self::Help => "help",
            Self::Palette => "palette",
        }
    }
}

/// A screen or a form or dialog: the set of bindings a key is looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyContext {
    Screen(ScreenId),
    Modal(ModalId),
}

impl KeyContext {
    /// Every context, config order: the screens, then the forms and dialogs.
    pub fn all() -> impl Iterator<Item = KeyContext> {
        let screens = ScreenId::ALL.iter().map(|s| Self::Screen(*s));
        screens.chain(ModalId::ALL.iter().map(|m| Self::Modal(*m)))
    }

    /// The context named `name` in the config file.
    pub fn named(name: &str) -> Option<Self> {
        Self::all().find(|c| c.name() == name)
    }

    /// The name used in `[keys.<name>]` and in the help title's i18n key `tui.screen.<name>`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Screen(s) => s.name(),
            Self::Modal(m) => m.name(),
        }
    }

    /// The context whose bindings also apply here, unless this one binds the same action: the
    /// global keys on a screen, the shared form keys in a form.
    pub fn parent(self) -> Option<Self> {
        match self {
            Self::Screen(ScreenId::Global) => None,
            Self::Screen(_) => Some(Self::Screen(ScreenId::Global)),
            Self::Modal(
                ModalId::VisitForm
                | ModalId::CustomerForm
                | ModalId::FactForm
                | ModalId::ContactForm
                | ModalId::DealForm
                | ModalId::ObjectionForm
                | ModalId::ProfileForm
                | ModalId::Note,
            ) => Some(Self::Modal(ModalId::Form)),
            Self::Modal(_) => None,
        }
    }

    /// True for a form or dialog (drawn over a screen, which keeps its keys meanwhile).
    pub fn is_modal(self) -> bool {
        matches!(self, Self::Modal(_))
    }
}

impl From<ScreenId> for KeyContext {
    fn from(screen: ScreenId) -> Self {
        Self::Screen(screen)
    }
}

impl From<ModalId> for KeyContext {
    fn from(modal: ModalId) -> Self {
        Self::Modal(modal)
    }
}
