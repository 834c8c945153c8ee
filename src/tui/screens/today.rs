//! Today (opens first): the daily review in five sections — appointments, overdue next steps,
//! customers due by cadence, important dates this week, visits missing their result.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{Effect, HandleCtx, View};
use crate::domain::today::{CustomerRef, TodayList, shown_count};
use crate::domain::{CadencePolicy, CadenceState};
use crate::playbook::views::fact_label;
use crate::store::Store;
use crate::text;
use crate::tui::action::Action;
use crate::tui::background::{Background, Reader, spinner};
use crate::tui::keymap::ScreenId;
use crate::tui::list_nav::moved;
use crate::tui::modal::ModalRequest;

/// The five sections, in screen order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Appointments,
    Overdue,
    Due,
    Dates,
    MissingResults,
}

impl Section {
    const ALL: [Section; 5] = [Self::Appointments, Self::Overdue, Self::Due, Self::Dates, Self::MissingResults];

    fn title_key(self) -> &'static str {
        match self {
            Self::Appointments => "tui.today.appointments",
            Self::Overdue => "tui.today.overdue",
            Self::Due => "tui.today.due",
            Self::Dates => "tui.today.dates",
            Self::MissingResults => "tui.today.missing_results",
        }
    }
}

/// One selectable line of the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub section: Section,
    /// Index in its section's list.
    pub index: usize,
    pub customer_id: i64,
    /// The visit behind it (appointment, missed appointment, visit missing its result).
    pub visit_id: Option<i64>,
    /// The next step behind it.
    pub step_id: Option<i64>,
}

/// State of the Today screen.
#[derive(Debug)]
pub struct TodayScreen {
    /// Visit intervals for "due by cadence" (from the config file).
    policy: CadencePolicy,
    review: Option<TodayList>,
    items: Vec<Item>,
    selected: usize,
    /// Reads the review off the UI thread.
    worker: Background<(NaiveDate, CadencePolicy), TodayList>,
}

/// The worker's read: the daily review of a day.
fn review_of(store: &Store, (today, policy): (NaiveDate, CadencePolicy)) -> anyhow::Result<TodayList> {
    Ok(store.today_list(today, store.clock().now(), &policy)?)
}

impl TodayScreen {
    /// An empty screen; `refresh` loads the review with the cadence `policy`.
    pub(crate) fn new(policy: CadencePolicy, reader: &Reader) -> Self {
        Self { policy, review: None, items: Vec::new(), selected: 0, worker: Background::start(reader, review_of) }
    }

    /// Shows `review`, keeping the selection in range.
    pub fn show(&mut self, review: TodayList) {
        let mut items = Vec::new();
        let mut push = |section, index, c: &CustomerRef, visit_id, step_id| {
            items.push(Item { section, index, customer_id: c.id, visit_id, step_id })
        };
        for (i, a) in review.appointments.iter().enumerate() {
            push(Section::Appointments, i, &a.customer, Some(a.visit_id), None);
        }
        for (i, o) in review.overdue.iter().enumerate() {
            push(Section::Overdue, i, &o.customer, o.visit_id, o.step_id);
        }
        for (i, d) in review.due.iter().enumerate() {
            push(Section::Due, i, &d.customer, None, None);
        }
        for (i, d) in review.dates.iter().enumerate() {
            push(Section::Dates, i, &d.customer, None, None);
        }
        for (i, m) in review.missing_results.iter().enumerate() {
            push(Section::MissingResults, i, &m.customer, Some(m.visit_id), None);
        }
        self.selected = self.selected.min(items.len().saturating_sub(1));
        self.items = items;
        self.review = Some(review);
    }

    /// Reloads the review for `today`.
    pub fn refresh(&mut self, today: NaiveDate) -> anyhow::Result<()> {
        self.worker.ask((today, self.policy));
        Ok(())
    }

    /// How long the screen has waited for its review, while it has.
    pub fn waiting_for(&self) -> Option<std::time::Duration> {
        self.worker.waiting_for()
    }

    /// Shows the review if it has arrived (`wait`: waiting for it up to that long); false when
    /// nothing changed.
    pub fn take_answer(&mut self, wait: Option<std::time::Duration>) -> anyhow::Result<bool> {
        let Some(review) = self.worker.answer(wait) else { return Ok(false) };
        self.show(review?);
        Ok(true)
    }

    /// The selected line.
    pub fn selected_item(&self) -> Option<&Item> {
        self.items.get(self.selected)
    }

    /// The selected line's customer.
    pub fn selected_customer(&self) -> Option<i64> {
        self.selected_item().map(|i| i.customer_id)
    }

    /// Handles a Today action.
    pub fn handle(&mut self, action: Action, ctx: &mut HandleCtx) -> Effect {
        if let Some(to) = moved(action, self.selected, 10, self.items.len().saturating_sub(1)) {
            self.selected = to;
            return Effect::None;
        }
        match action {
            Action::Open => self.selected_customer().map_or(Effect::None, Effect::OpenCustomer),
            Action::Done => self.done(),
            Action::FollowUp => match self.selected_item() {
                Some(Item { step_id: Some(s), .. }) => Effect::Modal(ModalRequest::PlanForStep(*s)),
                Some(item) => Effect::Modal(ModalRequest::PlanVisit { customer_id: item.customer_id, deal_id: None }),
                None => Effect::None,
            },
            Action::Postpone => self.postpone(ctx),
            Action::TickOff => self.tick_off(ctx),
            _ => Effect::Unhandled,
        }
    }

    /// Done (完成): log the visit behind the item (prefilled from it), or a visit doing its
    /// next step (its text the purpose), else a new visit.
    fn done(&self) -> Effect {
        match self.selected_item() {
            Some(Item { visit_id: Some(v), .. }) => Effect::Modal(ModalRequest::LogAppointment(*v)),
            Some(Item { step_id: Some(s), .. }) => Effect::Modal(ModalRequest::LogForStep(*s)),
            Some(item) => Effect::Modal(ModalRequest::LogVisit { customer_id: item.customer_id, deal_id: None }),
            None => Effect::None,
        }
    }

    /// Postpone (改期): an appointment moves, a next step gets a new day.
    fn postpone(&self, ctx: &HandleCtx) -> Effect {
        match self.selected_item() {
            Some(item)
                if item.visit_id.is_some() && item.section != Section::MissingResults || item.step_id.is_some() =>
            {
                Effect::Modal(ModalRequest::Postpone {
                    customer_id: item.customer_id,
                    visit_id: item.visit_id,
                    step_id: item.step_id,
                })
            }
            Some(_) => Effect::Info(ctx.i18n.t("tui.today.nothing_to_postpone")),
            None => Effect::None,
        }
    }

    /// Tick off (勾掉): the selected next step is done without a visit.
    fn tick_off(&self, ctx: &HandleCtx) -> Effect {
        match self.selected_item() {
            Some(Item { step_id: Some(step), .. }) => Effect::TickOff(*step),
            Some(_) => Effect::Info(ctx.i18n.t("tui.today.nothing_to_tick_off")),
            None => Effect::None,
        }
    }

    /// Draws the sections in one bordered box, scrolled so the selection is visible.
    pub fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let t = view.theme;
        let block = Block::bordered().border_style(t.border);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if let Some(waited) = self.waiting_for() {
            let turning = Span::styled(format!(" {} ", spinner(waited)), t.accent);
            frame.render_widget(Line::from(turning).right_aligned(), Rect { height: 1, ..area });
        }
        let Some(review) = &self.review else { return };
        let width = inner.width as usize;
        let mut lines: Vec<Line> = Vec::new();
        let mut selected_line = 0;
        for section in Section::ALL {
            let count = self.items.iter().filter(|i| i.section == section).count();
            let title = view.i18n.fmt(section.title_key(), &[("n", &shown_count(count))]);
            lines.push(Line::from(Span::styled(title, t.title)));
            if count == 0 {
                lines.push(Line::from(Span::styled(format!("  {}", view.i18n.t("tui.today.nothing")), t.muted)));
            }
            for (n, item) in self.items.iter().enumerate().filter(|(_, i)| i.section == section) {
                let selected = n == self.selected;
                if selected {
                    selected_line = lines.len();
                }
                lines.push(item_line(review, item, width, selected, view));
            }
        }
        if self.items.is_empty() {
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(empty_day_hint(view), t.muted)));
        }
        let height = inner.height as usize;
        let scroll = selected_line.saturating_sub(height.saturating_sub(2));
        frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
    }
}

/// What to do on a day with nothing in it (a new database, or a free day): where customers
/// are added and how to jot a note, with the keys bound now.
fn empty_day_hint(view: &View) -> String {
    let key = |screen: ScreenId, action: Action| view.keymap.key_for(screen, action).map(|k| k.to_string());
    let go = key(ScreenId::Today, Action::GoCustomers).unwrap_or_default();
    let add = key(ScreenId::Customers, Action::AddCustomer).unwrap_or_default();
    let note = key(ScreenId::Today, Action::QuickNote).unwrap_or_default();
    view.i18n.fmt("tui.today.empty_day", &[("go", &go), ("add", &add), ("note", &note)])
}

/// `name · company` in `cols` columns.
fn who(c: &CustomerRef, cols: usize) -> String {
    let s = if c.company.is_empty() { c.name.clone() } else { format!("{} · {}", c.name, c.company) };
    text::pad(&s, cols)
}

/// The step of the customer's open deal, in `cols` columns.
fn step(c: &CustomerRef, cols: usize, view: &View) -> String {
    text::pad(&c.stage.map(|s| view.i18n.word(s)).unwrap_or_default(), cols)
}

/// Columns of the mark before each line (`▲ 逾期 335 天`, `● 现金牛类`).
const MARK_WIDTH: usize = 13;

fn item_line<'a>(review: &TodayList, item: &Item, width: usize, selected: bool, view: &View) -> Line<'a> {
    let t = view.theme;
    let i18n = view.i18n;
    let who_w = (width / 3).clamp(16, 36);
    let (mark, mark_style, rest) = match item.section {
        Section::Appointments => {
            let a = &review.appointments[item.index];
            let rest = format!(
                "{} {} {}  {}",
                who(&a.customer, who_w),
                step(&a.customer, 8, view),
                a.purpose,
                i18n.word(a.channel)
            );
            (a.at.format("%H:%M").to_string(), t.accent, rest)
        }
        Section::Overdue => {
            let o = &review.overdue[item.index];
            let (mark, style) = match o.days_late {
                0 => (i18n.t("tui.today.due_today"), t.warning),
                n => (i18n.fmt("tui.today.days_late", &[("n", &n)]), t.danger),
            };
            (mark, style, format!("{} {} {}", who(&o.customer, who_w), step(&o.customer, 8, view), o.next_step))
        }
        Section::Due => {
            let d = &review.due[item.index];
            let since = match d.state {
                CadenceState::Due { days_since } | CadenceState::Overdue { days_since } => days_since,
                CadenceState::Fine { .. } => 0,
            };
            let style = if matches!(d.state, CadenceState::Overdue { .. }) { t.danger } else { t.warning };
            let last = match d.last_contact_on {
                Some(_) => i18n.fmt("tui.today.last_visit", &[("n", &since), ("every", &d.interval_days)]),
                None => i18n.fmt("tui.today.never_visited", &[("every", &d.interval_days)]),
            };
            let label = d.portfolio.map(|p| i18n.word(p)).unwrap_or_else(|| i18n.word(d.class));
            (format!("● {label}"), style, format!("{} {last}", who(&d.customer, who_w)))
        }
        Section::Dates => {
            let d = &review.dates[item.index];
            let day = i18n.t(&format!("tui.weekday.{}", chrono::Datelike::weekday(&d.on).num_days_from_monday()));
            let label = if d.is_birthday { i18n.t("tui.today.birthday") } else { d.label.clone() };
            let label = fact_label(i18n, &label, d.person.as_deref());
            (format!("◆ {day} {}", d.on.format("%m-%d")), t.accent, format!("{}  {label}", who(&d.customer, who_w)))
        }
        Section::MissingResults => {
            let m = &review.missing_results[item.index];
            let purpose = i18n.fmt("tui.today.purpose", &[("purpose", &m.purpose)]);
            (m.at.format("%m-%d").to_string(), t.muted, format!("{} {purpose}", who(&m.customer, who_w)))
        }
    };
    let mark = text::pad(&mark, MARK_WIDTH);
    let rest = text::fit(&rest, width.saturating_sub(MARK_WIDTH + 3));
    let style = if selected { t.selection } else { t.text };
    Line::from(vec![
        Span::styled(if selected { " ▌" } else { "  " }, t.accent),
        Span::styled(mark, if selected { t.selection } else { mark_style }),
        Span::styled(format!(" {}", text::pad(&rest, width.saturating_sub(MARK_WIDTH + 3))), style),
    ])
}
