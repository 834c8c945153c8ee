//! One customer: the record in its five categories, the deal and its step history, its
//! objections (open first), the visit timeline (newest first) and notes. Tab moves the focus
//! between the timeline (j/k scroll it) and the record, where j/k move a cursor over its rows
//! and each row is edited in place.

use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{Effect, HandleCtx, View};
use crate::domain::checklist::{Progress, progress, progress_of};
use crate::domain::{
    Contact, Customer, Deal, DealState, DueState, Fact, FactCategory, NextStep, Objection, Step, StepEvent, Visit,
    VisitKind, Word,
};
use crate::hyperlink::Link;
use crate::i18n::I18n;
use crate::ops::contacts::People;
use crate::ops::customer_page::{CustomerPage, PageSize};
use crate::playbook::Playbook;
use crate::playbook::views::{fact_about, fact_label, fact_value};
use crate::store::{Note, Store};
use crate::text;
use crate::tui::action::Action;
use crate::tui::hyperlink_cells::CellLinks;
use crate::tui::list_nav::moved;
use crate::tui::modal::ModalRequest;
use crate::tui::widgets::customer_form::CustomerField;

/// Visits shown in the timeline.
const VISITS: u32 = 30;
/// Notes shown.
const NOTES: u32 = 20;

/// What a row of the record pane is, and so what editing it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RecordItem {
    /// The person at this index of `people`: editing opens the person form.
    Person(usize),
    /// The roles nobody is known to play (or "—" without people): editing adds a person.
    NoPerson,
    /// A field of the basic record: the customer form opens on it.
    Basic(CustomerField),
    /// The fact at this index of `facts`.
    Fact(usize),
    /// The "—" of a category without anything: editing adds a fact there.
    Empty(FactCategory),
}

/// The group of rows a row of the record pane is in (its label is shown once).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    People,
    Category(FactCategory),
    Source,
}

/// One row of the record pane.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RecordRow {
    group: Group,
    item: RecordItem,
    text: String,
}

/// State of the customer screen.
#[derive(Debug)]
pub struct CustomerScreen {
    id: i64,
    customer: Option<Customer>,
    /// The account's people with their roles, and what its buying centre lacks.
    people: Option<People>,
    facts: Vec<Fact>,
    deal: Option<Deal>,
    /// Every deal of the customer, newest first (the one in view among them).
    deals: Vec<Deal>,
    /// The deal chosen with `next_deal`; `None` shows the open one, else the newest.
    chosen: Option<i64>,
    history: Vec<StepEvent>,
    /// Checklist progress of the open deal in its step.
    checklist: Option<Progress>,
    /// The shown deal's objections, open ones first.
    objections: Vec<Objection>,
    visits: Vec<Visit>,
    /// The open next steps, soonest first.
    next_steps: Vec<NextStep>,
    /// The ticked in-visit checklist items of the shown visits (visits without ticks absent).
    visit_ticks: HashMap<i64, Vec<u32>>,
    /// The people each shown visit met (visits that met nobody recorded absent).
    visit_met: HashMap<i64, Vec<i64>>,
    notes: Vec<Note>,
    scroll: u16,
    /// The furthest the timeline can scroll, as found by the last draw.
    max_scroll: Cell<u16>,
    /// True while the record pane has the focus (else the timeline).
    record_focus: bool,
    /// The selected row of the record pane.
    cursor: usize,
    /// The sales method in the UI language: the checklist's length.
    playbook: Rc<Playbook>,
}

impl CustomerScreen {
    /// The screen for customer `id`, its checklist progress counted against `playbook`;
    /// `refresh` loads it.
    pub fn new(id: i64, playbook: Rc<Playbook>) -> Self {
        Self {
            id,
            customer: None,
            people: None,
            facts: Vec::new(),
            deal: None,
            deals: Vec::new(),
            chosen: None,
            history: Vec::new(),
            checklist: None,
            objections: Vec::new(),
            visits: Vec::new(),
            next_steps: Vec::new(),
            visit_ticks: HashMap::new(),
            visit_met: HashMap::new(),
            notes: Vec::new(),
            scroll: 0,
            max_scroll: Cell::new(0),
            record_focus: false,
            cursor: 0,
            playbook,
        }
    }

    /// Which customer this is.
    pub fn customer_id(&self) -> i64 {
        self.id
    }

    /// The loaded customer record.
    pub fn customer(&self) -> Option<&Customer> {
        self.customer.as_ref()
    }

    /// Reloads everything shown ([`CustomerPage`], the read model `fieldbook show` prints too).
    pub fn refresh(&mut self, store: &Store) -> anyhow::Result<()> {
        let page = CustomerPage::load_about(store, self.id, PageSize { visits: VISITS, notes: NOTES }, self.chosen)?;
        self.deals = page.deals.iter().map(|d| d.deal.clone()).collect();
        let in_view = page.deal_in_view().cloned();
        self.checklist = match &in_view {
            Some(d) if d.deal.state == DealState::Open => {
                let total = self.playbook.step(d.deal.stage).checklist.len();
                Some(progress_of(page.checklist_ticks.len() as u32, total))
            }
            _ => None,
        };
        (self.deal, self.history) = match in_view {
            Some(d) => (Some(d.deal), d.history),
            None => (None, Vec::new()),
        };
        self.visit_ticks =
            page.visits.iter().map(|v| (v.visit.id, v.ticks.clone())).filter(|(_, t)| !t.is_empty()).collect();
        self.visit_met =
            page.visits.iter().map(|v| (v.visit.id, v.met.clone())).filter(|(_, m)| !m.is_empty()).collect();
        self.visits = page.visits.into_iter().map(|v| v.visit).collect();
        self.people = Some(page.people);
        self.customer = Some(page.customer);
        self.facts = page.facts;
        self.objections = page.objections;
        self.notes = page.notes;
        self.next_steps = page.next_steps;
        self.cursor = self.cursor.min(self.record_rows_len().saturating_sub(1));
        Ok(())
    }

    /// True while the record pane has the focus.
    pub fn record_focused(&self) -> bool {
        self.record_focus
    }

    /// Handles a customer action.
    pub fn handle(&mut self, action: Action, ctx: &mut HandleCtx) -> Effect {
        if self.record_focus
            && let Some(effect) = self.handle_record(action, ctx)
        {
            return effect;
        }
        match action {
            Action::SwitchPane => self.record_focus = !self.record_focus,
            Action::AddFact => {
                let category = FactCategory::Basic;
                let request =
                    ModalRequest::AddFact { customer_id: self.id, category, choose_category: true, about: None };
                return Effect::Modal(request);
            }
            Action::DeleteFact => return Effect::Info(ctx.i18n.t("tui.customer.pick_fact")),
            Action::AddContact => return Effect::Modal(ModalRequest::AddContact(self.id)),
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom => {
                let to = moved(action, self.scroll.into(), 10, self.max_scroll.get().into()).unwrap_or_default();
                self.scroll = u16::try_from(to).unwrap_or(u16::MAX);
            }
            Action::LogVisit => {
                return Effect::Modal(ModalRequest::LogVisit {
                    customer_id: self.id,
                    deal_id: self.open_deal_in_view(),
                });
            }
            Action::PlanVisit => {
                return Effect::Modal(ModalRequest::PlanVisit {
                    customer_id: self.id,
                    deal_id: self.open_deal_in_view(),
                });
            }
            Action::Lost => {
                let deal_id = self.deal.as_ref().map(|d| d.id);
                return Effect::Modal(ModalRequest::LostReason { customer_id: self.id, deal_id });
            }
            Action::AddObjection => return Effect::Modal(ModalRequest::AddObjection(self.id)),
            Action::ResolveObjection => {
                if !self.objections.iter().any(|o| !o.resolved) {
                    return Effect::Info(ctx.i18n.t("playbook.objection.none"));
                }
                return Effect::Modal(ModalRequest::ResolveObjection(self.id));
            }
            Action::MoveForward | Action::MoveBack => return self.move_deal(ctx, action == Action::MoveForward),
            Action::Won => {
                let Some(deal) = self.deal.as_ref().filter(|d| d.is_open()) else {
                    return Effect::Info(ctx.i18n.t("tui.customer.no_open_deal"));
                };
                return Effect::Modal(ModalRequest::Won { customer_id: self.id, deal_id: Some(deal.id) });
            }
            Action::NewDeal => {
                return Effect::Modal(ModalRequest::NewDeal { customer_id: self.id, stage: Step::Preparation });
            }
            Action::EditDeal => {
                return match &self.deal {
                    Some(deal) => Effect::Modal(ModalRequest::EditDeal(deal.id)),
                    None => Effect::Info(ctx.i18n.t("tui.customer.no_deal")),
                };
            }
            Action::Reopen => {
                return match self.deal.as_ref().filter(|d| !d.is_open()) {
                    Some(deal) => Effect::Modal(ModalRequest::Reopen(deal.id)),
                    None => Effect::Info(ctx.i18n.t("tui.deal.not_closed")),
                };
            }
            Action::NextDeal => return self.next_deal(ctx),
            Action::Entries => return Effect::Modal(ModalRequest::Entries(self.id)),
            _ => return Effect::Unhandled,
        }
        Effect::None
    }

    /// Actions on the record pane's cursor; `None` when the action means the same as with the
    /// timeline focused.
    fn handle_record(&mut self, action: Action, ctx: &mut HandleCtx) -> Option<Effect> {
        let rows = self.record_rows(ctx.i18n);
        if let Some(to) = moved(action, self.cursor, 10, rows.len().saturating_sub(1)) {
            self.cursor = to;
            return Some(Effect::None);
        }
        let row = rows.get(self.cursor);
        match action {
            Action::Edit => Some(Effect::Modal(match row.map(|r| r.item) {
                Some(RecordItem::Person(i)) => match self.person(i) {
                    Some(person) => ModalRequest::EditContact(person.id),
                    None => return Some(Effect::None),
                },
                Some(RecordItem::NoPerson) => ModalRequest::AddContact(self.id),
                Some(RecordItem::Fact(i)) => match self.facts.get(i) {
                    Some(fact) => ModalRequest::EditFact(fact.id),
                    None => return Some(Effect::None),
                },
                Some(RecordItem::Empty(category)) => {
                    ModalRequest::AddFact { customer_id: self.id, category, choose_category: false, about: None }
                }
                Some(RecordItem::Basic(field)) => ModalRequest::EditCustomerField(self.id, field),
                None => ModalRequest::EditCustomer(self.id),
            })),
            Action::AddFact => {
                // On a person, a personal fact about them (a birthday, a hobby).
                let about = match row.map(|r| r.item) {
                    Some(RecordItem::Person(i)) => self.person(i).map(|p| p.id),
                    _ => None,
                };
                let category = match row.map(|r| r.group) {
                    Some(Group::Category(c)) => c,
                    _ if about.is_some() => FactCategory::Personal,
                    _ => FactCategory::Basic,
                };
                let request = ModalRequest::AddFact { customer_id: self.id, category, choose_category: true, about };
                Some(Effect::Modal(request))
            }
            Action::DeleteFact => Some(match row.map(|r| r.item) {
                Some(RecordItem::Person(i)) => match self.person(i) {
                    Some(person) => Effect::Modal(ModalRequest::RemoveContact(person.id)),
                    None => Effect::None,
                },
                Some(RecordItem::Fact(i)) if i < self.facts.len() => {
                    Effect::Modal(ModalRequest::DeleteFact(self.facts[i].id))
                }
                _ => Effect::Info(ctx.i18n.t("tui.customer.not_a_fact")),
            }),
            _ => None,
        }
    }

    /// The deal in view when it is open.
    pub fn open_deal_in_view(&self) -> Option<i64> {
        self.deal.as_ref().filter(|d| d.is_open()).map(|d| d.id)
    }

    fn person(&self, index: usize) -> Option<&Contact> {
        self.people.as_ref().and_then(|p| p.contacts.get(index))
    }

    /// Puts the customer's next deal in view (its steps, objections and checklist).
    fn next_deal(&mut self, ctx: &mut HandleCtx) -> Effect {
        if self.deals.len() < 2 {
            return Effect::None;
        }
        let at = self.deal.as_ref().and_then(|d| self.deals.iter().position(|x| x.id == d.id)).unwrap_or(0);
        self.chosen = Some(self.deals[(at + 1) % self.deals.len()].id);
        self.scroll = 0;
        match self.refresh(ctx.store) {
            Ok(()) => Effect::None,
            Err(e) => Effect::Error(e),
        }
    }

    fn move_deal(&mut self, ctx: &mut HandleCtx, forward: bool) -> Effect {
        let Some(deal) = self.deal.as_ref().filter(|d| d.state == DealState::Open) else {
            return Effect::Info(ctx.i18n.t("tui.customer.no_open_deal"));
        };
        let Some(to) = (if forward { deal.stage.next() } else { deal.stage.prev() }) else {
            let key = if forward { "tui.pipeline.at_last_step" } else { "tui.pipeline.at_first_step" };
            return Effect::Info(ctx.i18n.t(key));
        };
        Effect::Move { customer_id: self.id, deal_id: Some(deal.id), to }
    }

    /// Draws the header line, the record on the left, deal, visits and notes on the right.
    pub fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let Some(c) = &self.customer else { return };
        let t = view.theme;
        let i18n = view.i18n;
        let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
        let mut title: Vec<&str> = vec![&c.name];
        for part in [&c.company, &c.title] {
            if !part.is_empty() {
                title.push(part);
            }
        }
        // The profile always shows; the name line gives way (labels first, then the title).
        let (class, style, man) = (i18n.word(c.class), i18n.word(c.style), c.man.code());
        let star = c.portfolio.map(|p| format!("  ★ {}", i18n.word(p))).unwrap_or_default();
        let archived = if c.archived { format!(" {}", i18n.t("tui.search.archived")) } else { String::new() };
        let title = format!(" {}{archived}", title.join(" · "));
        let labelled =
            format!("   {} {class}  {} {style}  MAN {man}", i18n.t("tui.customer.class"), i18n.t("tui.customer.style"));
        let width = usize::from(head.width);
        let profile = if text::width(&title) + text::width(&labelled) + text::width(&star) <= width {
            labelled
        } else {
            format!("   {class} · {style} · MAN {man}")
        };
        let title_w = width.saturating_sub(text::width(&profile) + text::width(&star));
        let mut spans = vec![Span::styled(text::fit(&title, title_w), t.title), Span::styled(profile, t.muted)];
        if !star.is_empty() {
            spans.push(Span::styled(star, t.accent));
        }
        frame.render_widget(Line::from(spans), head);
        let [left, right] = Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(body);
        let (record_title, record_border, timeline_border) = if self.record_focus {
            (t.focused_title, t.focused_border, t.border)
        } else {
            (t.title, t.border, t.border)
        };
        let record =
            Block::bordered().title(Span::styled(format!(" {} ", i18n.t("tui.customer.record")), record_title));
        let record_w = left.width.saturating_sub(2) as usize;
        // Keep the cursor on screen: scroll the record so the selected row is the last shown.
        let record_scroll = self.cursor.saturating_sub(left.height.saturating_sub(3) as usize);
        frame.render_widget(
            Paragraph::new(self.record_lines(view, record_w))
                .block(record.border_style(record_border))
                .scroll((u16::try_from(record_scroll).unwrap_or(u16::MAX), 0)),
            left,
        );
        if let Some(links) = view.links {
            self.link_record(links, left, view.i18n, record_scroll);
        }
        let deal_title = match &self.deal {
            Some(d) => {
                let value = d.value().map(|v| format!(" {}", i18n.money(v))).unwrap_or_default();
                let state = if d.state == DealState::Open { i18n.word(d.stage) } else { i18n.word(d.state) };
                let checklist = self
                    .checklist
                    .map(|p| format!(" · {}", i18n.fmt("playbook.checklist.progress", &[("progress", &p)])))
                    .unwrap_or_default();
                let title = if d.title.is_empty() { String::new() } else { format!(" · {}", d.title) };
                format!(" {state}{value}{checklist}{title} ")
            }
            None => format!(" {} ", i18n.t("tui.customer.no_deal")),
        };
        let block = Block::bordered().title(Span::styled(deal_title, t.title)).border_style(timeline_border);
        let lines = self.timeline_lines(view, usize::from(right.width.saturating_sub(2)));
        let max_scroll = u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_sub(right.height.saturating_sub(2));
        self.max_scroll.set(max_scroll);
        frame.render_widget(Paragraph::new(lines).block(block).scroll((self.scroll.min(max_scroll), 0)), right);
    }

    /// The rows of the record pane: per category the basic fields (for "basic") and the facts,
    /// or a "—" when it has none; then where the customer was found.
    fn record_rows(&self, i18n: &I18n) -> Vec<RecordRow> {
        let mut rows = self.people_rows(i18n);
        rows.extend(self.fact_rows(i18n));
        rows
    }

    /// How many rows [`Self::record_rows`] gives.
    fn record_rows_len(&self) -> usize {
        let people = self.people.as_ref().map_or(0, |p| (p.contacts.len() + p.centre.gaps.len()).max(1));
        // The count does not depend on the language the rows are written in.
        people + self.fact_rows(I18n::english()).len()
    }

    /// The record's own rows: its fields and facts by category, then where it was found.
    fn fact_rows(&self, i18n: &I18n) -> Vec<RecordRow> {
        let Some(c) = &self.customer else { return Vec::new() };
        let mut rows = Vec::new();
        for category in FactCategory::ALL {
            let before = rows.len();
            let group = Group::Category(*category);
            let mut push = |item: RecordItem, text: String| rows.push(RecordRow { group, item, text });
            if *category == FactCategory::Basic {
                for (value, field) in [
                    (&c.nickname, CustomerField::Nickname),
                    (&c.phone, CustomerField::Phone),
                    (&c.email, CustomerField::Email),
                    (&c.address, CustomerField::Address),
                ] {
                    if !value.is_empty() {
                        let shown = if field == CustomerField::Phone { i18n.phone(value) } else { value.clone() };
                        push(RecordItem::Basic(field), shown);
                    }
                }
            }
            let contacts = self.people.as_ref().map_or(&[][..], |p| &p.contacts[..]);
            for (i, f) in self.facts.iter().enumerate().filter(|(_, f)| f.category == *category) {
                let label = fact_label(i18n, &f.label, fact_about(contacts, f.contact_id));
                push(RecordItem::Fact(i), i18n.labeled(&label, &fact_value(i18n, &f.label, &f.value)));
            }
            if rows.len() == before {
                rows.push(RecordRow {
                    group: Group::Category(*category),
                    item: RecordItem::Empty(*category),
                    text: "—".into(),
                });
            }
        }
        if !c.source.is_empty() {
            rows.push(RecordRow {
                group: Group::Source,
                item: RecordItem::Basic(CustomerField::Source),
                text: c.source.clone(),
            });
        }
        rows
    }

    /// One row per person (name · roles · title), then one per role nobody is known to play
    /// (or "—" without anything).
    fn people_rows(&self, i18n: &I18n) -> Vec<RecordRow> {
        let Some(people) = &self.people else { return Vec::new() };
        let mut rows: Vec<RecordRow> = people
            .contacts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let parts = [p.name.clone(), i18n.words(&p.roles), p.title.clone()];
                let text = parts.into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ");
                RecordRow { group: Group::People, item: RecordItem::Person(i), text }
            })
            .collect();
        for gap in &people.centre.gaps {
            let text = format!("⚠ {}", i18n.t(&format!("tui.customer.{}", gap.code().replace('-', "_"))));
            rows.push(RecordRow { group: Group::People, item: RecordItem::NoPerson, text });
        }
        if rows.is_empty() {
            rows.push(RecordRow { group: Group::People, item: RecordItem::NoPerson, text: "—".into() });
        }
        rows
    }

    /// The width of the record's label column (the widest group name and a space).
    fn record_label_width(i18n: &I18n) -> usize {
        FactCategory::ALL
            .iter()
            .map(|f| text::width(&i18n.word(*f)))
            .chain([text::width(&i18n.t("tui.customer.source")), text::width(&i18n.t("tui.customer.people"))])
            .max()
            .unwrap_or(8)
            + 1
    }

    /// Makes the phone number and e-mail address shown in the record (drawn in `area`,
    /// scrolled by `scroll` rows) terminal hyperlinks to dial or write to.
    fn link_record(&self, links: &CellLinks, area: Rect, i18n: &I18n, scroll: usize) {
        let Some(c) = &self.customer else { return };
        let inner = area.inner(ratatui::layout::Margin::new(1, 1));
        let label_w = u16::try_from(Self::record_label_width(i18n)).unwrap_or(u16::MAX);
        let value_w = usize::from(inner.width.saturating_sub(label_w));
        for (i, row) in self.record_rows(i18n).iter().enumerate() {
            let link = match row.item {
                RecordItem::Basic(CustomerField::Phone) => Link::phone(String::new(), &c.phone, i18n.phone(&c.phone)),
                RecordItem::Basic(CustomerField::Email) => Link::email(String::new(), &c.email),
                _ => None,
            };
            let Some(link) = link else { continue };
            let Some(y) = i.checked_sub(scroll).and_then(|row| u16::try_from(row).ok()) else { continue };
            if y >= inner.height {
                continue;
            }
            let shown = u16::try_from(text::width(&text::fit(&row.text, value_w))).unwrap_or(0);
            let cells = Rect::new(inner.x.saturating_add(label_w), inner.y + y, inner.width.saturating_sub(label_w), 1);
            links.add(cells, shown, link.uri);
        }
    }

    fn record_lines<'a>(&self, view: &View, width: usize) -> Vec<Line<'a>> {
        let t = view.theme;
        let i18n = view.i18n;
        let label_w = Self::record_label_width(i18n);
        let mut previous = None;
        let mut lines = Vec::new();
        for (i, row) in self.record_rows(i18n).into_iter().enumerate() {
            let label = match row.group {
                _ if previous == Some(row.group) => String::new(),
                Group::People => i18n.t("tui.customer.people"),
                Group::Category(c) => i18n.word(c),
                Group::Source => i18n.t("tui.customer.source"),
            };
            previous = Some(row.group);
            let selected = self.record_focus && i == self.cursor;
            let value_style = if selected { t.selection } else { t.text };
            let value_w = width.saturating_sub(label_w);
            lines.push(Line::from(vec![
                Span::styled(text::pad(&label, label_w), t.muted),
                Span::styled(text::pad(&text::fit(&row.text, value_w), value_w), value_style),
            ]));
        }
        lines
    }

    /// `◌ #3 Doubt: too expensive` (✔ once resolved) and the answer given under it.
    fn objection_lines<'a>(&self, view: &View, width: usize) -> Vec<Line<'a>> {
        let t = view.theme;
        let i18n = view.i18n;
        let mut lines = vec![Line::from(Span::styled(i18n.t("tui.customer.objections"), t.title))];
        if self.objections.is_empty() {
            lines.push(Line::from(Span::styled(format!("  {}", i18n.t("tui.customer.no_objections")), t.muted)));
        }
        for o in &self.objections {
            let (mark, style) = if o.resolved { ("✔", t.success) } else { ("◌", t.warning) };
            let head = vec![
                Span::styled(format!("{mark} #{} ", o.id), style),
                Span::styled(i18n.label(&i18n.word(o.kind)), t.muted),
            ];
            lines.extend(hanging(head, &o.text, width, 2));
            if !o.answer.is_empty() {
                let head = vec![Span::styled(format!("    {}", i18n.label(&i18n.t("tui.customer.answer"))), t.muted)];
                lines.extend(hanging(head, &o.answer, width, 6));
            }
        }
        lines
    }

    /// The deal's step history, objections, visits and notes, wrapped to `width` here (rows
    /// after the first indented) so the scroll limit counts the rows on screen.
    /// Every deal, newest first: title, step or outcome, value, close date and the lost reason;
    /// `▸` marks the one in view.
    fn deal_lines<'a>(&self, view: &View, width: usize) -> Vec<Line<'a>> {
        let (t, i18n) = (view.theme, view.i18n);
        let mut lines = vec![Line::from(Span::styled(i18n.t("tui.deal.deals"), t.title))];
        if self.deals.is_empty() {
            lines.push(Line::from(Span::styled(format!("  {}", i18n.t("tui.deal.no_deals")), t.muted)));
        }
        for d in &self.deals {
            let in_view = self.deal.as_ref().is_some_and(|v| v.id == d.id);
            let mark = if in_view { i18n.t("tui.deal.in_view") } else { " ".into() };
            let state = if d.is_open() { i18n.word(d.stage) } else { i18n.word(d.state) };
            let mut parts = vec![format!("#{} {}", d.id, d.title).trim_end().to_string(), state];
            parts.extend(d.value().map(|v| i18n.money(v)));
            parts.extend(
                d.expected_close_on.filter(|_| d.is_open()).map(|c| i18n.fmt("tui.deal.closes", &[("date", &c)])),
            );
            parts.extend(
                (!d.lost_reason.is_empty()).then(|| i18n.fmt("tui.deal.lost_because", &[("reason", &d.lost_reason)])),
            );
            let style = match d.state {
                DealState::Open => t.text,
                DealState::Won => t.success,
                DealState::Lost => t.muted,
            };
            let head = vec![Span::styled(format!("{mark} "), t.accent)];
            lines.extend(hanging(head, &parts.join(" · "), width, 2).into_iter().map(|l| l.style(style)));
        }
        lines
    }

    fn timeline_lines<'a>(&self, view: &View, width: usize) -> Vec<Line<'a>> {
        let t = view.theme;
        let i18n = view.i18n;
        let mut lines = self.deal_lines(view, width);
        if !self.history.is_empty() {
            // Month and day, with the year when the history is not all in this year.
            let this_year = view.today.format("%Y").to_string();
            let one_year = self.history.iter().all(|e| e.at.get(..4) == Some(this_year.as_str()));
            let day = if one_year { 5..10 } else { 0..10 };
            let steps: Vec<String> = self
                .history
                .iter()
                .map(|e| {
                    let word =
                        if e.to_state == DealState::Open { i18n.word(e.to_stage) } else { i18n.word(e.to_state) };
                    format!("{word} {}", e.at.get(day.clone()).unwrap_or(""))
                })
                .collect();
            let head = vec![Span::styled(format!("{} ", i18n.t("tui.customer.history")), t.muted)];
            lines.extend(hanging(head, &steps.join(" → "), width, 2));
        }
        if self.deal.is_some() {
            lines.extend(self.objection_lines(view, width));
        }
        lines.extend(self.next_step_lines(view, width));
        lines.push(Line::from(Span::styled(i18n.t("tui.customer.visits"), t.title)));
        if self.visits.is_empty() {
            lines.push(Line::from(Span::styled(format!("  {}", i18n.t("tui.customer.no_visits")), t.muted)));
        }
        for v in &self.visits {
            let when = v.at().map(|d| d.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default();
            let (mark, style) = if v.is_planned() { ("○", t.accent) } else { ("●", t.success) };
            // The type is named when it is not the usual customer visit.
            let kind = match v.kind {
                VisitKind::CustomerVisit => String::new(),
                _ => format!(" · {}", self.playbook.visit_type_name(&v.kind)),
            };
            let head = vec![
                Span::styled(format!("{mark} {when} "), style),
                Span::styled(format!("{}{kind}  ", i18n.word(v.channel)), t.muted),
            ];
            lines.extend(hanging(head, &v.purpose, width, 2));
            let detail = |key: &str, value: &str| {
                hanging(vec![Span::styled(format!("    {}", i18n.label(&i18n.t(key))), t.muted)], value, width, 6)
            };
            lines.extend(detail("tui.customer.action_plan", &v.action_plan));
            lines.extend(detail("tui.customer.expected", &v.expected_result));
            if !v.actual_result.is_empty() {
                lines.extend(detail("tui.customer.actual", &v.actual_result));
            }
            if let Some(o) = v.outcome {
                lines.extend(detail("tui.customer.outcome", &i18n.word(o)));
            }
            if let Some(met) = self.visit_met.get(&v.id) {
                let names = i18n.list(met.iter().map(|id| {
                    let person = self.people.as_ref().and_then(|p| p.get(*id));
                    person.map_or_else(|| format!("#{id}"), |p| p.name.clone())
                }));
                lines.extend(detail("tui.customer.met", &names));
            }
            if let Some(ticked) = self.ticked_items(v, &i18n.t("tui.customer.ticked_separator")) {
                lines.extend(detail("tui.customer.visit_checklist", &ticked));
            }
            if !v.next_topic.is_empty() {
                lines.extend(detail("tui.customer.next_topic", &v.next_topic));
            }
            if !v.next_step.is_empty() || v.next_step_on.is_some() {
                let on = v.next_step_on.map(|d| format!("{} ", d.format("%m-%d"))).unwrap_or_default();
                lines.extend(detail("tui.customer.next_step", &format!("{on}{}", v.next_step)));
            }
            if !v.notes.is_empty() {
                lines.extend(detail("tui.customer.visit_notes", &v.notes));
            }
        }
        lines.push(Line::from(Span::styled(i18n.t("tui.customer.notes"), t.title)));
        if self.notes.is_empty() {
            lines.push(Line::from(Span::styled(format!("  {}", i18n.t("tui.customer.no_notes")), t.muted)));
        }
        for n in &self.notes {
            let head = vec![Span::styled(format!("{} ", n.created_at.get(..10).unwrap_or("")), t.muted)];
            lines.extend(hanging(head, &n.body, width, 2));
        }
        lines
    }

    /// The open next steps: `▲ 05-08 1d late  send the quote` (late in red, due today in
    /// yellow), or a line saying there is none.
    fn next_step_lines<'a>(&self, view: &View, width: usize) -> Vec<Line<'a>> {
        let (t, i18n) = (view.theme, view.i18n);
        let mut lines = vec![Line::from(Span::styled(i18n.t("tui.customer.next_steps"), t.title))];
        if self.next_steps.is_empty() {
            lines.push(Line::from(Span::styled(format!("  {}", i18n.t("tui.customer.no_next_steps")), t.muted)));
        }
        for s in &self.next_steps {
            let (state, style) = match s.due_state(view.today) {
                DueState::Today => (i18n.t("cli.next.due_today"), t.warning),
                DueState::Late { days } => (i18n.fmt("cli.next.late", &[("n", &days)]), t.danger),
                DueState::Later { days } => (i18n.fmt("cli.next.in_days", &[("n", &days)]), t.accent),
            };
            let time = s.due_time.map(|t| format!(" {}", t.format("%H:%M"))).unwrap_or_default();
            let head = vec![Span::styled(format!("▸ {}{time} {state}  ", s.due_on.format("%m-%d")), style)];
            lines.extend(hanging(head, &s.text, width, 2));
        }
        lines
    }

    /// `2/8 ✓ Greet the owner, ✓ Check the stock` for a logged visit with ticked items of its
    /// type's in-visit checklist.
    fn ticked_items(&self, v: &Visit, separator: &str) -> Option<String> {
        let ticks = self.visit_ticks.get(&v.id).filter(|_| !v.is_planned())?;
        let items = self.playbook.visit_checklist(&v.kind, ticks);
        // A no-break space keeps each mark on the row of its item when the line wraps.
        let done: Vec<String> = items.iter().filter(|it| it.ticked).map(|it| format!("✓\u{a0}{}", it.text)).collect();
        (!done.is_empty()).then(|| format!("{} {}", progress(&items), done.join(separator)))
    }
}

/// `head`, then `body` wrapped to `width` columns: its first row after `head`, the others (and
/// the rows of its further lines) indented by `hang` columns.
fn hanging<'a>(head: Vec<Span<'a>>, body: &str, width: usize, hang: usize) -> Vec<Line<'a>> {
    let head_w: usize = head.iter().map(|s| text::width(&s.content)).sum();
    let mut paragraphs = body.lines();
    let first_line = paragraphs.next().unwrap_or("");
    let room = width.saturating_sub(head_w);
    let mut first = text::wrap(first_line, room).into_iter().next().unwrap_or_default();
    // No room after the head (the row drew only its first letter, past the edge), or room that
    // cuts a word in two: the text starts on the next row, under the hang.
    let after = first_line.get(first.len()..).unwrap_or("");
    let cuts_a_word = |c: char| c.is_alphanumeric() && !text::is_cjk(c);
    if room == 0 || (after.starts_with(cuts_a_word) && first.ends_with(cuts_a_word)) {
        first.clear();
    }
    let rest = first_line.get(first.len()..).unwrap_or("").trim_start_matches(' ');
    let mut spans = head;
    spans.push(Span::raw(first));
    let mut lines = vec![Line::from(spans)];
    let indent = " ".repeat(hang);
    lines.extend(wrap_rows(rest, width.saturating_sub(hang)).map(|row| Line::from(format!("{indent}{row}"))));
    // A blank line between paragraphs stays (one, however many were typed).
    let mut blank = false;
    for paragraph in paragraphs.map(str::trim_end) {
        if paragraph.is_empty() {
            blank = true;
            continue;
        }
        if std::mem::take(&mut blank) {
            lines.push(Line::default());
        }
        lines.extend(wrap_rows(paragraph, width.saturating_sub(hang)).map(|row| Line::from(format!("{indent}{row}"))));
    }
    lines
}

/// The rows of one line of text wrapped to `cols` (none for an empty line).
fn wrap_rows(line: &str, cols: usize) -> impl Iterator<Item = String> {
    let rows = if line.trim().is_empty() { Vec::new() } else { text::wrap(line, cols) };
    rows.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
    }

    #[test]
    fn a_blank_line_between_paragraphs_stays_one_blank_row() {
        let body = "Before the visit:\n- print the catalogue\n\n\nAt the visit:\n1. ask how they buy\n\n";
        let lines = hanging(vec![Span::raw("plan: ")], body, 40, 6);
        assert_eq!(
            rows(&lines),
            [
                "plan: Before the visit:",
                "      - print the catalogue",
                "",
                "      At the visit:",
                "      1. ask how they buy"
            ]
        );
    }

    #[test]
    fn a_head_that_fills_the_row_puts_the_whole_text_under_it() {
        let head = || vec![Span::raw("○ 11-23 In person ")];
        let full = hanging(head(), "Show the new power modules", 18, 2);
        assert_eq!(rows(&full), ["○ 11-23 In person ", "  Show the new", "  power modules"]);
        let narrow = hanging(head(), "Show the new power modules", 21, 2);
        assert_eq!(rows(&narrow), ["○ 11-23 In person ", "  Show the new power", "  modules"], "no 'Sho' / 'w'");
        let chinese = hanging(head(), "演示新款储能柜", 21, 2);
        assert_eq!(rows(&chinese), ["○ 11-23 In person 演", "  示新款储能柜"], "Chinese may break anywhere");
    }

    #[test]
    fn a_long_first_line_goes_on_under_the_hang() {
        let lines = hanging(vec![Span::raw("○ 10:00 ")], "learn who signs off on purchases", 24, 2);
        assert_eq!(rows(&lines), ["○ 10:00 learn who signs", "  off on purchases"]);
    }
}
