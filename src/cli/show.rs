//! `fieldbook show ID`: the customer record by its five categories, classification, deals
//! with their step history, the last visits (newest first) and notes.

use serde::Serialize;

use super::Ctx;
use super::customer_arg::CustomerArg;
use super::method;
use super::output::{self, FormatArg, Table};
use crate::domain::checklist;
use crate::domain::{BuyingCentre, Contact, Customer, Fact, FactCategory, NextStep, VisitKind, Word};
use crate::hyperlink::{self, Link};
use crate::i18n::I18n;
use crate::ops::customer_page::{CustomerPage, DealHistory, PageSize, ShownVisit};
use crate::playbook::Playbook;
use crate::playbook::views::{
    ChecklistView, ProfileView, fact_about, fact_label, fact_value, next_step_line, people_text,
};
use crate::store::Note;
use crate::text::{indent, key_values};

/// How many visits `show` prints.
const VISITS_SHOWN: u32 = 20;
/// How many notes `show` prints.
const NOTES_SHOWN: u32 = 20;

/// Arguments of `show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The customer: its number, or a name only it answers to (`fieldbook list` shows numbers).
    #[arg(value_name = "CUSTOMER")]
    pub id: CustomerArg,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Everything `show` prints.
#[derive(Debug, Serialize)]
pub struct CustomerDetail {
    pub customer: Customer,
    /// Class, personality, MAN, quadrant and cadence with the playbook's advice.
    pub profile: ProfileView,
    /// The open deal's checklist for its current step.
    pub checklist: Option<ChecklistView>,
    pub facts: Vec<ShownFact>,
    /// The account's people with their buying roles, in the order added.
    pub contacts: Vec<Contact>,
    /// Who plays which buying role, and the roles nobody is known to play.
    pub buying_centre: BuyingCentre,
    pub deals: Vec<DealHistory>,
    /// The open next steps, soonest first.
    pub next_steps: Vec<NextStep>,
    /// The last visits, newest first.
    pub visits: Vec<ShownVisit>,
    /// The last notes, newest first.
    pub notes: Vec<Note>,
}

/// A fact with the name of the person it is about (`contact_id`), if any.
#[derive(Debug, Serialize)]
pub struct ShownFact {
    #[serde(flatten)]
    pub fact: Fact,
    /// The name of the account's person the fact is about; absent for the account's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
}

/// Prints one customer.
pub fn run(args: &ShowArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let customer_id = args.id.id(ctx)?;
    let playbook = method::playbook(ctx);
    let (today, config) = (ctx.today(), ctx.config.clone());
    let store = ctx.store()?;
    let page = CustomerPage::load(store, customer_id, PageSize { visits: VISITS_SHOWN, notes: NOTES_SHOWN })?;
    let profile = ProfileView::new(&page.customer, &playbook, &config, today);
    let checklist = match page.open_deal() {
        Some(deal) => Some(ChecklistView::load(store, deal, &playbook)?),
        None => None,
    };
    let CustomerPage { customer, facts, deals, visits, notes, people, next_steps, .. } = page;
    let facts = facts
        .into_iter()
        .map(|fact| ShownFact { about: fact_about(&people.contacts, fact.contact_id).map(str::to_string), fact })
        .collect();
    let detail = CustomerDetail {
        customer,
        profile,
        checklist,
        facts,
        contacts: people.contacts,
        buying_centre: people.centre,
        deals,
        next_steps,
        visits,
        notes,
    };
    if args.format.is_json() {
        return ctx.print(&output::json(&detail)?);
    }
    let text = render(&ctx.i18n, &playbook, &detail, today);
    if !hyperlink::terminal_shows_links() {
        return ctx.print(&text);
    }
    let c = &detail.customer;
    let links: Vec<Link> = [
        Link::phone(ctx.i18n.t("cli.show.field.phone"), &c.phone, ctx.i18n.phone(&crate::text::printable(&c.phone))),
        Link::email(ctx.i18n.t("cli.show.field.email"), &c.email),
    ]
    .into_iter()
    .flatten()
    .collect();
    ctx.print_linked(&text, &links)
}

/// The text form: a title line, then sections separated by blank lines.
fn render(i: &I18n, playbook: &Playbook, d: &CustomerDetail, today: chrono::NaiveDate) -> String {
    let c = &d.customer;
    let mut title = if c.company.is_empty() {
        format!("#{} {}", c.id, c.name)
    } else {
        format!("#{} {}", c.id, i.titled(&c.name, &c.company))
    };
    if c.archived {
        title.push_str(&format!("  [{}]", i.t("cli.show.archived")));
    }
    let mut sections = vec![title, key_values(&summary(i, c, &d.profile))];
    sections.push(format!(
        "{}\n{}",
        i.t("cli.contact.people"),
        indent(&people_text(i, &d.contacts, &d.buying_centre, false))
    ));
    if let Some(checklist) = &d.checklist {
        sections.push(checklist.render(i));
    }
    for category in FactCategory::ALL {
        let pairs = record_fields(i, c, *category, &d.facts);
        if !pairs.is_empty() {
            sections.push(format!("{}\n{}", i.word(*category), indent(&key_values(&pairs))));
        }
    }
    sections.push(deals(i, &d.deals));
    if !d.next_steps.is_empty() {
        let lines: Vec<String> =
            d.next_steps.iter().map(|s| format!("#{} {}", s.id, next_step_line(i, s, today))).collect();
        sections.push(format!("{}\n{}", i.t("cli.show.next_steps"), indent(&lines.join("\n"))));
    }
    sections.push(visits(i, playbook, &d.visits, &d.contacts));
    if !d.notes.is_empty() {
        let lines: Vec<String> = d.notes.iter().map(|n| format!("{}  {}", local_time(&n.created_at), n.body)).collect();
        sections.push(format!("{}\n{}", i.t("cli.show.notes"), indent(&lines.join("\n"))));
    }
    sections.join("\n\n")
}

/// The profile (class, style with how to deal, MAN, portfolio, cadence, with the playbook's
/// advice), last contact and next step.
fn summary(i: &I18n, c: &Customer, profile: &ProfileView) -> Vec<(String, String)> {
    let mut pairs = profile.pairs(i);
    let last = c.last_contact_on.map(|d| d.to_string()).unwrap_or_else(|| i.t("cli.show.never"));
    pairs.push((i.t("cli.col.last_contact"), last));
    let next = match c.next_step_on {
        Some(on) => format!("{on}  {}", c.next_step),
        // Every customer still followed should have one; a lost one is not followed.
        None if c.class.follows_cadence() => i.t("cli.show.no_next_step"),
        None => i.t("cli.show.no_next_step_lost"),
    };
    pairs.push((i.t("cli.col.next_step"), next));
    pairs
}

/// The record's fields and facts of one category, as label/value pairs.
fn record_fields(i: &I18n, c: &Customer, category: FactCategory, facts: &[ShownFact]) -> Vec<(String, String)> {
    let phone = i.phone(&c.phone);
    let columns: Vec<(&str, &str)> = match category {
        FactCategory::Basic => vec![
            ("nickname", &c.nickname),
            ("title", &c.title),
            ("phone", &phone),
            ("email", &c.email),
            ("address", &c.address),
        ],
        // How the customer was found is business, not commercial history.
        FactCategory::Business => vec![("company", &c.company), ("source", &c.source), ("referred_by", &c.referred_by)],
        FactCategory::Personal | FactCategory::Logistics | FactCategory::Commercial => Vec::new(),
    };
    let mut pairs: Vec<(String, String)> = columns
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (i.t(&format!("cli.show.field.{k}")), v.to_string()))
        .collect();
    for ShownFact { fact, about } in facts.iter().filter(|f| f.fact.category == category) {
        let mut value = fact_value(i, &fact.label, &fact.value);
        if let Some(md) = fact.month_day {
            value = i.fmt("cli.show.yearly", &[("value", &value), ("date", &i.month_day(md))]).trim().to_string();
        }
        pairs.push((fact_label(i, &fact.label, about.as_deref()), value));
    }
    pairs
}

/// Deals, newest first, each with its step history.
fn deals(i: &I18n, deals: &[DealHistory]) -> String {
    let mut lines = vec![i.t("cli.show.deals")];
    if deals.is_empty() {
        lines.push(indent(&i.t("cli.show.none")));
    }
    for DealHistory { deal, history } in deals {
        let value = deal.value().map(|v| v.full()).unwrap_or_else(|| "—".into());
        let mut head = format!("#{} {} · {} · {value}", deal.id, i.word(deal.stage), i.word(deal.state));
        if !deal.title.is_empty() {
            head = format!("{head} · {}", deal.title);
        }
        if !deal.lost_reason.is_empty() {
            head = format!("{head} · {}", i.fmt("cli.show.lost_reason", &[("reason", &deal.lost_reason)]));
        }
        lines.push(indent(&head));
        let mut table =
            Table::new(vec![i.t("cli.col.when"), i.t("cli.col.from"), i.t("cli.col.to"), i.t("cli.col.reason")])
                .max_width(3, 40);
        for e in history {
            let from = match (e.from_stage, e.from_state) {
                (Some(s), Some(st)) => i.paren(&i.word(s), &i.word(st)),
                _ => "—".into(),
            };
            table.row(vec![
                local_time(&e.at),
                from,
                i.paren(&i.word(e.to_stage), &i.word(e.to_state)),
                e.reason.clone(),
            ]);
        }
        lines.push(indent(&indent(&table.render())));
    }
    lines.join("\n")
}

/// Visits, newest first: time, channel, type (unless a plain customer visit), planned or
/// done, then the plan, the result and the ticked in-visit checklist items.
fn visits(i: &I18n, playbook: &Playbook, visits: &[ShownVisit], people: &[Contact]) -> String {
    let mut lines = vec![i.fmt("cli.show.visits", &[("n", &VISITS_SHOWN)])];
    if visits.is_empty() {
        lines.push(indent(&i.t("cli.show.none")));
    }
    for ShownVisit { visit: v, ticks, met } in visits {
        let when = v.at().map(|t| t.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default();
        let state = if v.is_planned() { i.t("cli.show.planned") } else { i.t("cli.show.done") };
        let kind = match v.kind {
            VisitKind::CustomerVisit => String::new(),
            _ => format!(" · {}", playbook.visit_type_name(&v.kind)),
        };
        lines.push(indent(&format!("#{} {when} · {}{kind} · {state}", v.id, i.word(v.channel))));
        let mut pairs = vec![
            (i.t("cli.show.label.purpose"), v.purpose.clone()),
            (i.t("cli.show.label.action_plan"), v.action_plan.clone()),
            (i.t("cli.show.label.expected_result"), v.expected_result.clone()),
        ];
        if !v.actual_result.is_empty() {
            pairs.push((i.t("cli.show.label.actual_result"), v.actual_result.clone()));
        }
        if let Some(o) = v.outcome {
            pairs.push((i.t("cli.show.label.outcome"), i.word(o)));
        }
        if !v.next_topic.is_empty() {
            pairs.push((i.t("cli.show.label.next_topic"), v.next_topic.clone()));
        }
        if !v.next_step.is_empty() || v.next_step_on.is_some() {
            let on = v.next_step_on.map(|d| format!("{d}  ")).unwrap_or_default();
            pairs.push((i.t("cli.show.label.next_step"), format!("{on}{}", v.next_step)));
        }
        if !v.notes.is_empty() {
            pairs.push((i.t("cli.show.label.notes"), v.notes.clone()));
        }
        if !met.is_empty() {
            let names: Vec<String> = met
                .iter()
                .map(|id| people.iter().find(|p| p.id == *id).map_or_else(|| format!("#{id}"), |p| p.name.clone()))
                .collect();
            pairs.push((i.t("cli.contact.met"), i.list(names.into_iter())));
        }
        if !v.is_planned() {
            pairs.extend(ticked_items(i, playbook, &v.kind, ticks));
        }
        lines.push(indent(&indent(&key_values(&pairs))));
    }
    lines.join("\n")
}

/// `Checklist 2/8` with the ticked items of a visit's in-visit checklist, one per line; nothing
/// when no item of the playbook's list is ticked.
fn ticked_items(i: &I18n, playbook: &Playbook, kind: &VisitKind, ticks: &[u32]) -> Option<(String, String)> {
    let items = playbook.visit_checklist(kind, ticks);
    let done: Vec<String> = items.iter().filter(|it| it.ticked).map(|it| format!("✓ {}", it.text)).collect();
    if done.is_empty() {
        return None;
    }
    let label = i.fmt("cli.show.label.checklist", &[("progress", &checklist::progress(&items))]);
    Some((label, done.join("\n")))
}

/// An RFC 3339 UTC timestamp as local `YYYY-MM-DD HH:MM` (the text itself if unreadable).
pub fn local_time(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|_| rfc3339.to_string())
}
