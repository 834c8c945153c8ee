//! Views of the sales method for one customer, shared by the command line and the TUI:
//! the profile with the playbook's advice, a deal's checklist, an objection with how to answer
//! it, and their text form (labels aligned by display width, so Chinese lines up).

use chrono::NaiveDate;
use serde::Serialize;

use super::{Playbook, QuadrantGuide, StyleGuide};
use crate::config::Config;
use crate::domain::checklist::{self, ChecklistItem, Progress};
use crate::domain::{
    BuyingCentre, CadenceState, Contact, Customer, CustomerClass, Deal, Man, Objection, Portfolio, Step, Style,
};
use crate::i18n::I18n;
use crate::store::Store;
use crate::text::key_values;

/// Where a customer's cadence interval comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CadenceSource {
    /// The per-customer override.
    Override,
    /// The portfolio quadrant's default from the config.
    Portfolio,
    /// The config's default for customers without a quadrant.
    Default,
}

/// A customer's visit cadence today.
#[derive(Debug, Clone, Serialize)]
pub struct CadenceView {
    pub interval_days: u32,
    pub source: CadenceSource,
    /// Days after which the customer is overdue.
    pub overdue_after_days: i64,
    pub last_contact_on: Option<NaiveDate>,
    /// False for a lost customer: never due, whatever the days since the last contact.
    pub followed: bool,
    #[serde(flatten)]
    pub state: CadenceState,
}

/// Class, personality, MAN, quadrant and cadence with the playbook's advice for each.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileView {
    pub customer_id: i64,
    pub name: String,
    pub company: String,
    pub class: CustomerClass,
    pub style: Style,
    /// Needs, fears and how to deal with them; absent while the style is unknown.
    pub style_guide: Option<StyleGuide>,
    pub man: Man,
    pub man_code: String,
    /// Absent while any of money, authority, need is unknown.
    pub man_advice: Option<String>,
    pub portfolio: Option<Portfolio>,
    pub portfolio_guide: Option<QuadrantGuide>,
    pub cadence: CadenceView,
}

impl ProfileView {
    /// The profile of `c` on `today` under the config's cadence policy.
    pub fn new(c: &Customer, playbook: &Playbook, config: &Config, today: NaiveDate) -> Self {
        let policy = &config.cadence;
        let (interval_days, state) = policy.for_customer(c, today);
        let source = match (c.cadence_days.filter(|d| *d > 0), c.portfolio) {
            (Some(_), _) => CadenceSource::Override,
            (None, Some(_)) => CadenceSource::Portfolio,
            (None, None) => CadenceSource::Default,
        };
        Self {
            customer_id: c.id,
            name: c.name.clone(),
            company: c.company.clone(),
            class: c.class,
            style: c.style,
            style_guide: playbook.style(c.style).cloned(),
            man: c.man,
            man_code: c.man.code(),
            man_advice: playbook.man_advice(&c.man).map(str::to_string),
            portfolio: c.portfolio,
            portfolio_guide: c.portfolio.map(|p| playbook.quadrant(p).clone()),
            cadence: CadenceView {
                interval_days,
                source,
                overdue_after_days: policy.overdue_after(interval_days),
                last_contact_on: c.last_contact_on,
                followed: c.class.follows_cadence(),
                state,
            },
        }
    }

    /// Label/value pairs: class, style with needs/fears/how to deal, MAN, quadrant, cadence.
    pub fn pairs(&self, i: &I18n) -> Vec<(String, String)> {
        let mut pairs = vec![(i.t("playbook.label.class"), i.word(self.class))];
        let style = match &self.style_guide {
            Some(g) => i.explained(&i.word(self.style), &g.traits),
            None => i.explained(&i.word(self.style), &i.t("playbook.profile.style_unknown")),
        };
        pairs.push((i.t("playbook.label.style"), style));
        if let Some(g) = &self.style_guide {
            pairs.push((i.t("playbook.label.needs"), g.needs.join(" · ")));
            pairs.push((i.t("playbook.label.fears"), g.fears.join(" · ")));
            pairs.push((i.t("playbook.label.deal"), bullets(&g.deal)));
        }
        let advice = self.man_advice.clone().unwrap_or_else(|| i.t("playbook.profile.man_unknown"));
        pairs.push((i.t("playbook.label.man"), i.explained(&self.man_code, &advice)));
        let quadrant = match (&self.portfolio, &self.portfolio_guide) {
            (Some(p), Some(g)) if g.cadence.is_empty() => i.explained(&i.word(*p), &g.advice),
            (Some(p), Some(g)) => format!("{}\n{}", i.explained(&i.word(*p), &g.advice), g.cadence),
            _ => i.t("playbook.profile.no_portfolio"),
        };
        pairs.push((i.t("playbook.label.portfolio"), quadrant));
        pairs.push((i.t("playbook.label.cadence"), cadence_text(i, &self.cadence)));
        pairs
    }
}

/// "every 7 days (portfolio) · last contact 2031-05-01 · due (9 days since)".
pub fn cadence_text(i: &I18n, c: &CadenceView) -> String {
    let source = i.t(&format!("playbook.cadence.source.{}", source_key(c.source)));
    let every = i.fmt("playbook.cadence.every", &[("days", &c.interval_days), ("source", &source)]);
    let last = match c.last_contact_on {
        Some(d) => i.fmt("playbook.cadence.last_contact", &[("date", &d)]),
        None => i.t("playbook.cadence.never_contacted"),
    };
    let state = if c.followed { cadence_state_text(i, &c.state) } else { i.t("playbook.cadence.not_followed") };
    format!("{every} · {last} · {state}")
}

/// "due in 3 days", "due (9 days no contact)", "overdue (12 days no contact)" —
/// counted from the last contact, or from the day the customer was added.
pub fn cadence_state_text(i: &I18n, state: &CadenceState) -> String {
    match state {
        CadenceState::Fine { days_left } => i.fmt("playbook.cadence.fine", &[("days", days_left)]),
        CadenceState::Due { days_since } => i.fmt("playbook.cadence.due", &[("days", days_since)]),
        CadenceState::Overdue { days_since } => i.fmt("playbook.cadence.overdue", &[("days", days_since)]),
    }
}

fn source_key(s: CadenceSource) -> &'static str {
    match s {
        CadenceSource::Override => "override",
        CadenceSource::Portfolio => "portfolio",
        CadenceSource::Default => "default",
    }
}

/// A deal's checklist for its current step, with ticks, the goal and the question prompts.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistView {
    pub deal_id: i64,
    pub stage: Step,
    pub goal: String,
    pub progress: Progress,
    pub items: Vec<ChecklistItem>,
    pub questions: Vec<String>,
}

impl ChecklistView {
    /// Reads the ticks of `deal` in its current step.
    pub fn load(store: &Store, deal: &Deal, playbook: &Playbook) -> anyhow::Result<Self> {
        let guide = playbook.step(deal.stage);
        let ticks = store.checklist_ticks(deal.id, deal.stage)?;
        let items = checklist::items(&guide.checklist, &ticks);
        Ok(Self {
            deal_id: deal.id,
            stage: deal.stage,
            goal: guide.goal.clone(),
            progress: checklist::progress(&items),
            questions: guide.questions.clone(),
            items,
        })
    }

    /// Numbered lines: ` 1 [x] text`.
    pub fn item_lines(&self) -> String {
        self.items
            .iter()
            .map(|it| format!("{:>2} [{}] {}", it.number, if it.ticked { "x" } else { " " }, it.text))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The step, its goal and the numbered list.
    pub fn render(&self, i: &I18n) -> String {
        let head = i.fmt(
            "playbook.checklist.title",
            &[("deal", &self.deal_id), ("step", &i.word(self.stage)), ("progress", &self.progress)],
        );
        let goal = key_values(&[(i.t("playbook.label.goal"), self.goal.clone())]);
        format!("{head}\n{goal}\n{}", self.item_lines())
    }
}

/// An objection with the playbook's advice for its kind.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectionView {
    #[serde(flatten)]
    pub objection: Objection,
    /// How to answer this kind.
    pub how: String,
}

impl ObjectionView {
    /// Pairs an objection with the playbook's advice.
    pub fn new(objection: Objection, playbook: &Playbook) -> Self {
        Self { how: playbook.objection_kind(objection.kind).to_string(), objection }
    }

    /// `#2 ◌ too expensive (doubt)` and, indented, the answer given and how to answer.
    pub fn line(&self, i: &I18n) -> String {
        let ob = &self.objection;
        let mark = if ob.resolved { "✔" } else { "◌" };
        let mut text = format!("#{} {mark} {}", ob.id, i.paren(&ob.text, &i.word(ob.kind)));
        if !ob.answer.is_empty() {
            text.push_str(&format!("\n    {}", i.fmt("playbook.objection.answer", &[("answer", &ob.answer)])));
        }
        if !ob.resolved {
            text.push_str(&format!("\n    {}", i.fmt("playbook.objection.how", &[("how", &self.how)])));
        }
        text
    }
}

/// Lines starting with `- `.
pub fn bullets(items: &[String]) -> String {
    items.iter().map(|s| format!("- {s}")).collect::<Vec<_>>().join("\n")
}

/// `#3 王伟 — 迈科医疗` / `#3 王伟 · 迈科医疗`.
pub fn title(i: &I18n, id: i64, name: &str, company: &str) -> String {
    if company.is_empty() { format!("#{id} {name}") } else { format!("#{id} {}", i.titled(name, company)) }
}

/// The account's people, one line each (name, title, roles, phone, e-mail, style), then the
/// gaps of its buying centre: each on a line with what to do (`compact`: one line naming
/// the roles nobody is known to play).
pub fn people_text(i: &I18n, contacts: &[Contact], centre: &BuyingCentre, compact: bool) -> String {
    let mut lines = Vec::new();
    if contacts.is_empty() {
        lines.push(i.t("cli.show.none"));
    }
    for p in contacts {
        lines.push(format!("#{} {}", p.id, person_line(i, p)));
    }
    if compact && !centre.gaps.is_empty() {
        let roles: Vec<_> = centre.gaps.iter().map(|g| g.role()).collect();
        lines.push(format!("⚠ {}", i.fmt("playbook.brief.missing_roles", &[("roles", &i.words(&roles))])));
    } else {
        lines.extend(centre.gaps.iter().map(|gap| format!("⚠ {}", i.gap(*gap))));
    }
    lines.join("\n")
}

/// A person's name, then title, roles, phone, e-mail and style where known, `·` between.
pub fn person_line(i: &I18n, p: &Contact) -> String {
    let phone = i.phone(&p.phone);
    let mut parts = vec![p.name.clone(), p.title.clone(), i.words(&p.roles), phone, p.email.clone()];
    if p.style != Style::Unknown {
        parts.push(i.word(p.style));
    }
    parts.retain(|s| !s.is_empty());
    parts.join(" · ")
}

/// `2031-05-08 10:00  due today  send the quote`: an open next step, with how it stands on
/// `today`.
pub fn next_step_line(i: &I18n, step: &crate::domain::NextStep, today: chrono::NaiveDate) -> String {
    use crate::domain::DueState;
    let due = match step.due_time {
        Some(t) => format!("{} {}", step.due_on, t.format("%H:%M")),
        None => step.due_on.to_string(),
    };
    let state = match step.due_state(today) {
        DueState::Today => i.t("cli.next.due_today"),
        DueState::Late { days } => i.fmt("cli.next.late", &[("n", &days)]),
        DueState::Later { days } => i.fmt("cli.next.in_days", &[("n", &days)]),
    };
    format!("{due}  {state}  {}", step.text)
}

/// A fact's label with whose it is, `birthday (Zhang Zong)` / `生日（张总）`, when it is about
/// one of the account's people (`about`, their name); the label alone for the account's own,
/// and for a label that names them already (`张总 · birthday`: earlier vCard imports wrote it so).
pub fn fact_label(i: &I18n, label: &str, about: Option<&str>) -> String {
    let label = imported_label(i, label);
    match about {
        Some(name) if !name.is_empty() && !label.starts_with(&format!("{name} · ")) => i.paren(&label, name),
        _ => label,
    }
}

/// A label an import wrote in English (a contact card's `birthday`, `phone (work)`, `email
/// type`) in the language shown; any other label as it was typed.
pub fn imported_label(i: &I18n, label: &str) -> String {
    let word = |w: &str| imported_word(i, w);
    if let Some(t) = word(label) {
        return t;
    }
    match label.strip_suffix(')').and_then(|l| l.split_once(" (")) {
        Some((base, kind)) => match word(base) {
            Some(base) => i.paren(&base, &word(kind).unwrap_or_else(|| kind.to_string())),
            None => label.to_string(),
        },
        None => label.to_string(),
    }
}

/// A fact's value as shown: the kind an import wrote in English for a phone, e-mail or
/// address (`phone type: cell`) in the language shown (`电话类型：手机`); any other value as it
/// was typed.
pub fn fact_value(i: &I18n, label: &str, value: &str) -> String {
    let typed = matches!(label, "phone type" | "email type" | "address type");
    typed.then(|| imported_word(i, value)).flatten().unwrap_or_else(|| value.to_string())
}

/// An English word an import wrote (`cell`, `phone type`) in the language shown, if it is one.
fn imported_word(i: &I18n, word: &str) -> Option<String> {
    let key = format!("common.imported.{}", word.trim().replace(' ', "_"));
    let t = i.t(&key);
    (t != key).then_some(t)
}

/// The name of the person of `contacts` a fact with `contact_id` is about.
pub fn fact_about(contacts: &[Contact], contact_id: Option<i64>) -> Option<&str> {
    contact_id.and_then(|id| contacts.iter().find(|c| c.id == id)).map(|c| c.name.as_str())
}
