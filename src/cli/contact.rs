//! `fieldbook contact add CUSTOMER NAME [--role ROLE]… [--title T] [--phone P] [--email E]
//! [--style S]`, `contact list CUSTOMER`, `contact edit ID …`, `contact remove ID`: the people
//! of an account and their buying roles (decision maker, buyer, user, influencer, insider,
//! gatekeeper; in English or Chinese).

use super::Ctx;
use super::customer_arg::CustomerArg;
use super::output::{self, FormatArg, Table};
use crate::domain::contact::parse_roles;
use crate::domain::{Contact, ContactDraft, Style, Word};
use crate::i18n::I18n;
use crate::ops;

/// Arguments of `contact`.
#[derive(Debug, clap::Args)]
pub struct ContactArgs {
    #[command(subcommand)]
    pub action: ContactAction,
}

/// The person's fields, as options.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct PersonOptions {
    /// Job title.
    #[arg(long)]
    pub title: Option<String>,
    /// Phone number.
    #[arg(long)]
    pub phone: Option<String>,
    /// E-mail address.
    #[arg(long)]
    pub email: Option<String>,
    /// Personality: driver, expressive, amiable, analytical, unknown (Chinese names work too).
    #[arg(long)]
    pub style: Option<String>,
}

/// What to do with an account's people.
#[derive(Debug, clap::Subcommand)]
pub enum ContactAction {
    /// Add a person to a customer's account; prints the new id.
    Add {
        /// The customer: its number, or a name only it answers to (`fieldbook list` shows numbers).
        #[arg(value_name = "CUSTOMER")]
        customer: CustomerArg,
        /// The person's name.
        name: String,
        /// A buying role: decision-maker, buyer, user, influencer, insider, gatekeeper (or
        /// 决策者, 采购者, 使用者, 影响者, 内线, 把关者); repeat for several.
        #[arg(long = "role", value_name = "ROLE")]
        roles: Vec<String>,
        #[command(flatten)]
        person: PersonOptions,
        #[command(flatten)]
        format: FormatArg,
    },
    /// List the people of a customer's account with their roles.
    List {
        /// The customer: its number, or a name only it answers to (`fieldbook list` shows numbers).
        #[arg(value_name = "CUSTOMER")]
        customer: CustomerArg,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Change a person: name, title, phone, e-mail, style; add or remove roles.
    Edit {
        /// The person's id (`contact list` shows them).
        id: i64,
        /// A new name.
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        person: PersonOptions,
        /// A role to add; repeat for several.
        #[arg(long = "add-role", value_name = "ROLE")]
        add_roles: Vec<String>,
        /// A role to remove; repeat for several.
        #[arg(long = "remove-role", value_name = "ROLE")]
        remove_roles: Vec<String>,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Remove a person from their account (the visits that met them stay).
    Remove {
        /// The person's id.
        id: i64,
    },
}

/// Runs the action.
pub fn run(args: &ContactArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    match &args.action {
        ContactAction::Add { customer, name, roles, person, format } => {
            let customer = &customer.id(ctx)?;
            let draft = ContactDraft { name: name.clone(), roles: roles.clone(), ..ContactDraft::default() };
            let draft = person.apply(draft);
            let id = ops::contacts::add(ctx.store()?, *customer, &draft)?;
            let added = ctx.store()?.contact(id)?;
            if format.is_json() {
                return ctx.print(&output::json(&added)?);
            }
            let i = &ctx.i18n;
            ctx.tell(&i.fmt("cli.contact.added", &[("name", &added.name), ("id", &id), ("customer", customer)]));
            ctx.print(&id.to_string())
        }
        ContactAction::List { customer, format } => {
            let customer = &customer.id(ctx)?;
            let people = ops::contacts::people(ctx.store()?, *customer)?;
            if format.is_json() {
                return ctx.print(&output::json(&people.contacts)?);
            }
            let i = &ctx.i18n;
            if people.contacts.is_empty() {
                return ctx.print(&i.fmt("cli.contact.none", &[("customer", customer)]));
            }
            ctx.print(&table(i, &people.contacts))
        }
        ContactAction::Edit { id, name, person, add_roles, remove_roles, format } => {
            let current = ctx.store()?.contact(*id)?;
            let mut draft = person.apply(ContactDraft::of(&current));
            if let Some(name) = name {
                draft.name = name.clone();
            }
            let removed = parse_roles(remove_roles)?;
            draft.roles = current.roles.iter().filter(|r| !removed.contains(r)).map(|r| r.code().to_string()).collect();
            draft.roles.extend(add_roles.iter().cloned());
            ops::contacts::edit(ctx.store()?, *id, &draft)?;
            let edited = ctx.store()?.contact(*id)?;
            if format.is_json() {
                return ctx.print(&output::json(&edited)?);
            }
            let i = &ctx.i18n;
            ctx.tell(&i.fmt("cli.contact.edited", &[("name", &edited.name), ("id", id)]));
            ctx.print(&table(i, &[edited]))
        }
        ContactAction::Remove { id } => {
            let (removed, _) = ops::contacts::remove(ctx.store()?, *id)?;
            let i = &ctx.i18n;
            ctx.tell(&i.fmt(
                "cli.contact.removed",
                &[("name", &removed.name), ("id", id), ("customer", &removed.customer_id)],
            ));
            Ok(())
        }
    }
}

impl PersonOptions {
    /// The draft with the options given put in.
    fn apply(&self, mut draft: ContactDraft) -> ContactDraft {
        for (value, field) in [
            (&self.title, &mut draft.title),
            (&self.phone, &mut draft.phone),
            (&self.email, &mut draft.email),
            (&self.style, &mut draft.style),
        ] {
            if let Some(v) = value {
                *field = v.clone();
            }
        }
        draft
    }
}

/// People as an aligned table: id, name, title, roles, phone, e-mail, style.
pub fn table(i: &I18n, people: &[Contact]) -> String {
    let mut table = Table::new(vec![
        i.t("cli.col.id"),
        i.t("cli.col.name"),
        i.t("cli.show.field.title"),
        i.t("cli.contact.roles"),
        i.t("cli.show.field.phone"),
        i.t("cli.show.field.email"),
        i.t("cli.show.label.style"),
    ])
    .align_right(0);
    for p in people {
        let style = if p.style == Style::Unknown { String::new() } else { i.word(p.style) };
        table.row(vec![
            p.id.to_string(),
            p.name.clone(),
            p.title.clone(),
            i.words(&p.roles),
            i.phone(&p.phone),
            p.email.clone(),
            style,
        ]);
    }
    table.render()
}
