//! Named intents: every key press becomes one of these through the keymap (on screens, in
//! forms and in dialogs), and the command palette runs them by name.

/// Declares the action enum with its config name (`[keys.<context>] name = "key"`).
macro_rules! actions {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// Something the user wants done.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $($(#[$doc])* $variant,)*
        }

        impl Action {
            /// Every action, in help order.
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The snake_case name used in the config file and the i18n key `tui.action.<name>`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)*
                }
            }
        }
    };
}

actions! {
    /// Leave the app (asks first only if something is unsaved).
    Quit = "quit",
    /// Show every key of the current screen.
    Help = "help",
    /// Find any action by name.
    Palette = "palette",
    /// Search customers, visits and notes.
    Search = "search",
    /// Capture a note for the customer in view, else into the inbox.
    QuickNote = "quick_note",
    /// Switch to the daily review.
    GoToday = "go_today",
    /// Switch to the pipeline board.
    GoPipeline = "go_pipeline",
    /// Switch to the customers table.
    GoCustomers = "go_customers",
    /// Switch to the report.
    GoReport = "go_report",
    /// Report: week, month, quarter in turn.
    CyclePeriod = "cycle_period",
    /// Report: the period before.
    PreviousPeriod = "previous_period",
    /// Report: the period after.
    NextPeriod = "next_period",
    /// Close the current screen or overlay.
    Back = "back",
    /// Selection up.
    Up = "up",
    /// Selection down.
    Down = "down",
    /// Previous column or section.
    Left = "left",
    /// Next column or section.
    Right = "right",
    /// A page up.
    PageUp = "page_up",
    /// A page down.
    PageDown = "page_down",
    /// The first row.
    Top = "top",
    /// The last row.
    Bottom = "bottom",
    /// Open the selected customer.
    Open = "open",
    /// Move the deal one step forward.
    MoveForward = "move_forward",
    /// Move the deal one step back.
    MoveBack = "move_back",
    /// Mark the deal won.
    Won = "won",
    /// Mark the deal lost (asks the reason).
    Lost = "lost",
    /// Add a deal to the customer.
    NewDeal = "new_deal",
    /// Edit the deal's title, value, currency and close date.
    EditDeal = "edit_deal",
    /// Open a won or lost deal again (asks first).
    Reopen = "reopen",
    /// Archive the customer (off Today, the board and the lists), or take it out of the archive.
    Archive = "archive",
    /// Undo the last delete, archive or unarchive (the message line says what it will undo).
    Undo = "undo",
    /// The customer's visits, notes and objections as a list: edit or delete one.
    Entries = "entries",
    /// The inbox: notes not filed under a customer, to attach one to a customer.
    Inbox = "inbox",
    /// Take the self-assessment (sixteen statements rated 1 to 5).
    Assess = "assess",
    /// Delete the customer and everything under them (asks for their name; backup first).
    DeleteCustomer = "delete_customer",
    /// Lists: delete the selected entry (asks first).
    Delete = "delete",
    /// The inbox: file the selected note under a customer.
    Attach = "attach",
    /// Show the customer's next deal (its steps, objections and checklist).
    NextDeal = "next_deal",
    /// Filter the list or board.
    Filter = "filter",
    /// Change the sort order.
    Sort = "sort",
    /// Log the appointment as done.
    Done = "done",
    /// Plan the next visit.
    FollowUp = "follow_up",
    /// Move the next step to another day.
    Postpone = "postpone",
    /// Mark the next step done without logging a visit.
    TickOff = "tick_off",
    /// Add a customer.
    AddCustomer = "add_customer",
    /// Log a visit for the customer.
    LogVisit = "log_visit",
    /// Plan a visit for the customer.
    PlanVisit = "plan_visit",
    /// Edit the customer record (on the Customer screen: the selected row of the record).
    Edit = "edit",
    /// Move the focus between the record and the timeline.
    SwitchPane = "switch_pane",
    /// Add a fact to the customer record.
    AddFact = "add_fact",
    /// Delete the selected fact of the record (asks first).
    DeleteFact = "delete_fact",
    /// Add a person to the account (name, title, phone, e-mail, style, buying roles).
    AddContact = "add_contact",
    /// First start: fill the database with demo data.
    LoadDemo = "load_demo",
    /// The pre-visit brief of the selected customer.
    Brief = "brief",
    /// Tick the checklist of the deal's current step.
    Checklist = "checklist",
    /// First start: begin with an empty database.
    StartEmpty = "start_empty",
    /// Log an objection the customer raised on the open deal.
    AddObjection = "add_objection",
    /// Mark one of the open deal's objections resolved.
    ResolveObjection = "resolve_objection",
    /// Set the customer's class, personality, MAN, portfolio quadrant and visit cadence.
    Profile = "profile",
    /// Forms: store what is typed.
    Save = "save",
    /// Forms, prompts and pickers: close without saving (a form with typed text asks first).
    Cancel = "cancel",
    /// Forms: the next field (on a multi-line text, Enter and ↓ stay in the text).
    NextField = "next_field",
    /// Forms: the previous field (on a multi-line text, ↑ stays in the text).
    PreviousField = "previous_field",
    /// Forms: the previous value of a choice.
    ChoosePrevious = "choose_previous",
    /// Forms: the next value of a choice.
    ChooseNext = "choose_next",
    /// Empty the focused choice (when it may be empty) or text box.
    Clear = "clear",
    /// Visit form: the playbook's next suggested purpose for the step.
    SuggestPurpose = "suggest_purpose",
    /// Visit form: the action plan from the visit type's checklist.
    PlanFromType = "plan_from_type",
    /// Visit form: the playbook's page for the deal's step.
    Playbook = "playbook",
    /// Tick or untick the selected checklist item.
    Tick = "tick",
    /// Prompts: accept the answer.
    Submit = "submit",
    /// Questions: yes.
    Yes = "yes",
    /// Questions: no.
    No = "no",
    /// Close the checklist.
    Close = "close",
}

impl Action {
    /// The action with this config name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|a| a.name() == name)
    }

    /// The i18n key of its label.
    pub fn label_key(self) -> String {
        format!("tui.action.{}", self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        for a in Action::ALL {
            assert_eq!(Action::from_name(a.name()), Some(*a));
        }
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Action::ALL.len());
    }
}
