//! The `customer` table: adding (with the first deal), reading, editing, listing, duplicates.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::Store;
use super::deals::insert_deal;
use super::error::{Context, Result, StoreError};
use super::rows::{self, CUSTOMER_COLUMNS};
use super::search::KIND_STRIDE;
use super::search_query::keys_only;
use crate::clock::Clock;
use crate::domain::customer::{MAX_SHORT, check_len, clean_line, phone_key};
use crate::domain::money::{Currency, Money};
/// Phone numbers compare on digits, a leading `+` and an extension only (see the domain rule).
pub use crate::domain::phone::normalise as normalise_phone;
use crate::domain::today::CustomerRef;
use crate::domain::{CadencePolicy, Customer, CustomerClass, Man, NewCustomer, Portfolio, Step, Style, Word};

/// A deal to add: the first one of a new customer, or another one of an account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewDeal {
    pub title: String,
    pub stage: Step,
    pub value_minor: Option<i64>,
    pub currency: Currency,
    /// When the rep expects it to close.
    pub close_on: Option<NaiveDate>,
}

impl Default for NewDeal {
    fn default() -> Self {
        Self {
            title: String::new(),
            stage: Step::Preparation,
            value_minor: None,
            currency: Currency::default(),
            close_on: None,
        }
    }
}

impl NewDeal {
    /// Sets the expected value (and so the currency).
    pub fn with_value(mut self, value: Option<Money>) -> Self {
        if let Some(money) = value {
            self.value_minor = Some(money.minor);
            self.currency = money.currency;
        }
        self
    }
}

/// Changes to a customer; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomerPatch {
    pub name: Option<String>,
    pub nickname: Option<String>,
    pub company: Option<String>,
    pub title: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub source: Option<String>,
    pub referred_by: Option<String>,
    pub class: Option<CustomerClass>,
    pub style: Option<Style>,
    pub man: Option<Man>,
    /// `Some(None)` clears the quadrant.
    pub portfolio: Option<Option<Portfolio>>,
    /// `Some(None)` clears the override.
    pub cadence_days: Option<Option<u32>>,
    pub archived: Option<bool>,
}

/// One line of the customers table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerRow {
    pub id: i64,
    pub name: String,
    pub company: String,
    pub class: CustomerClass,
    /// Step of the open deal.
    pub stage: Option<Step>,
    pub value_minor: Option<i64>,
    pub currency: Option<Currency>,
    pub last_contact_on: Option<NaiveDate>,
    pub next_step_on: Option<NaiveDate>,
}

/// Open deals in one step from which `list_customers` walks customers by name instead of
/// sorting the step's customers (at 100k customers: 1 ms instead of 25 ms for a page).
const DENSE_STEP: i64 = 2000;

/// Which customers a list shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomerFilter {
    /// Open deal in this step.
    pub stage: Option<Step>,
    pub class: Option<CustomerClass>,
    /// Name, nickname or company contains this text (case-insensitive), or it starts a key of
    /// the customer: pinyin of its name or company, digits of its phone, its e-mail.
    pub text: Option<String>,
    pub include_archived: bool,
    /// Only customers with something due on this day: a next step dated on or before it, or
    /// (class not lost) no contact for at least their cadence interval under this policy.
    pub due: Option<(NaiveDate, CadencePolicy)>,
}

/// Sort order of the customers table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CustomerSort {
    #[default]
    Name,
    LastContact,
    NextStep,
    Recent,
}

impl Store {
    /// Adds a customer with its first open deal (and the deal's creation event).
    pub fn add_customer(&mut self, new: NewCustomer, deal: NewDeal) -> Result<i64> {
        let new = new.validated()?;
        self.write(|tx, clock| insert_customer(tx, clock, &new, &deal))
    }

    /// A customer by id.
    pub fn customer(&self, id: i64) -> Result<Customer> {
        self.conn()
            .query_row(&format!("SELECT {CUSTOMER_COLUMNS} FROM customer c WHERE c.id = ?1"), [id], rows::customer)
            .optional()
            .ctx("reading a customer")?
            .ok_or(StoreError::NotFound { what: "customer", id })
    }

    /// Existing customers that look like the same person: same phone, same e-mail (the
    /// customer's or one of its people's), or same name and company.
    pub fn find_duplicates(&self, name: &str, company: &str, phone: &str, email: &str) -> Result<Vec<CustomerRef>> {
        find_duplicates_in(self.conn(), name, company, phone, email)
    }

    /// Applies `patch` to a customer.
    pub fn update_customer(&mut self, id: i64, patch: CustomerPatch) -> Result<Customer> {
        self.write(|tx, clock| {
            let mut sets: Vec<(&str, rusqlite::types::Value)> = Vec::new();
            let text = |v: String| rusqlite::types::Value::Text(v);
            for (col, value) in [
                ("name", &patch.name),
                ("nickname", &patch.nickname),
                ("company", &patch.company),
                ("title", &patch.title),
                ("phone", &patch.phone),
                ("email", &patch.email),
                ("address", &patch.address),
                ("source", &patch.source),
                ("referred_by", &patch.referred_by),
            ] {
                if let Some(v) = value {
                    let mut v = clean_line(v);
                    if col == "phone" {
                        v = normalise_phone(&v);
                    }
                    check_len("field", &v, MAX_SHORT)?;
                    if col == "name" && v.is_empty() {
                        return Err(crate::domain::DomainError::MissingField { field: "name" }.into());
                    }
                    sets.push((col, text(v)));
                }
            }
            if let Some(c) = patch.class {
                sets.push(("class", text(c.code().into())));
            }
            if let Some(s) = patch.style {
                sets.push(("style", text(s.code().into())));
            }
            if let Some(m) = patch.man {
                sets.push(("money", text(m.money.code().into())));
                sets.push(("authority", text(m.authority.code().into())));
                sets.push(("need", text(m.need.code().into())));
            }
            if let Some(p) = patch.portfolio {
                sets.push(("portfolio", p.map_or(rusqlite::types::Value::Null, |p| text(p.code().into()))));
            }
            if let Some(c) = patch.cadence_days {
                sets.push(("cadence_days", c.map_or(rusqlite::types::Value::Null, |d| (d as i64).into())));
            }
            if let Some(a) = patch.archived {
                sets.push(("archived", (a as i64).into()));
            }
            sets.push(("updated_at", text(clock.timestamp())));
            let assignments: Vec<String> =
                sets.iter().enumerate().map(|(i, (c, _))| format!("{c} = ?{}", i + 2)).collect();
            let sql = format!("UPDATE customer SET {} WHERE id = ?1", assignments.join(", "));
            let mut values: Vec<rusqlite::types::Value> = vec![id.into()];
            values.extend(sets.into_iter().map(|(_, v)| v));
            let changed = tx.execute(&sql, rusqlite::params_from_iter(values)).ctx("editing a customer")?;
            if changed == 0 {
                return Err(StoreError::NotFound { what: "customer", id });
            }
            Ok(())
        })?;
        self.customer(id)
    }

    /// A page of the customers table.
    pub fn list_customers(
        &self,
        filter: &CustomerFilter,
        sort: CustomerSort,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<CustomerRow>> {
        if let Some(ids) = self.names_page(filter, sort, limit, offset)? {
            let mut stmt = self
                .conn()
                .prepare_cached(&format!("{ROW_SELECT} {} WHERE c.id = ?1", newest_deal_join(None, false)))
                .ctx("listing customers")?;
            let mut rows = Vec::with_capacity(ids.len());
            for id in ids {
                if let Some(row) = stmt.query_row([id], customer_row).optional().ctx("listing customers")? {
                    rows.push(row);
                }
            }
            return Ok(rows);
        }
        // A step holding many open deals is listed by walking customers in name order and
        // looking up each one's deal (the page fills quickly); a sparse step by sorting its few
        // deals' customers. `CROSS JOIN` fixes the walk order; with a step filter the rows are
        // the same as with the left join.
        let walk_names = match filter.stage {
            Some(stage) if sort == CustomerSort::Name => self.open_deals_in(stage)? >= DENSE_STEP,
            _ => false,
        };
        let mut sql = format!("{ROW_SELECT} {} WHERE 1 = 1", newest_deal_join(filter.stage, walk_names));
        let mut values: Vec<rusqlite::types::Value> = Vec::new();
        if !filter.include_archived {
            sql.push_str(" AND c.archived = 0");
        }
        if let Some(stage) = filter.stage {
            values.push(stage.code().to_string().into());
            sql.push_str(&format!(" AND d.stage = ?{}", values.len()));
        }
        if let Some(class) = filter.class {
            values.push(class.code().to_string().into());
            sql.push_str(&format!(" AND c.class = ?{}", values.len()));
        }
        if let Some(text) = filter.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            values.push(format!("%{}%", escape_like(text)).into());
            let n = values.len();
            let by_keys = match keys_only(text) {
                Some(keys) => {
                    values.push(keys.into());
                    format!(" OR {}", matching_keys(values.len()))
                }
                None => String::new(),
            };
            sql.push_str(&format!(
                " AND (c.name LIKE ?{n} ESCAPE '\\' OR c.nickname LIKE ?{n} ESCAPE '\\' OR c.company LIKE ?{n} ESCAPE '\\'{by_keys})"
            ));
        }
        if let Some((day, policy)) = &filter.due {
            let n = values.len() + 1;
            values.push(day.to_string().into());
            for days in [policy.star, policy.question_mark, policy.cash_cow, policy.dog, policy.other] {
                values.push(i64::from(days).into());
            }
            sql.push_str(&format!(
                " AND (c.next_step_on <= ?{n} OR ({} AND
                    julianday(?{n}) - julianday(coalesce(c.last_contact_on, substr(c.created_at, 1, 10))) >=
                    CASE WHEN c.cadence_days > 0 THEN c.cadence_days ELSE CASE c.portfolio
                        WHEN 'star' THEN ?{} WHEN 'question-mark' THEN ?{} WHEN 'cash-cow' THEN ?{}
                        WHEN 'dog' THEN ?{} ELSE ?{} END END))",
                rows::follows_cadence_sql(),
                n + 1,
                n + 2,
                n + 3,
                n + 4,
                n + 5
            ));
        }
        sql.push_str(match sort {
            CustomerSort::Name => " ORDER BY c.name_key, c.name, c.company, c.id",
            CustomerSort::LastContact => " ORDER BY c.last_contact_on IS NULL, c.last_contact_on DESC, c.id",
            CustomerSort::NextStep => " ORDER BY c.next_step_on IS NULL, c.next_step_on, c.id",
            CustomerSort::Recent => " ORDER BY c.id DESC",
        });
        sql.push_str(&format!(" LIMIT {limit} OFFSET {offset}"));
        let mut stmt = self.conn().prepare_cached(&sql).ctx("listing customers")?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(values), customer_row)
            .ctx("listing customers")?
            .collect::<rusqlite::Result<Vec<_>>>()
            .ctx("listing customers")?;
        Ok(rows)
    }

    /// The ids of a page filtered by text alone in name order, taken from the board filter's
    /// table when this connection holds it (see [`Store::names_matching`]): the same rows as
    /// the walk below, without it. `None`: another filter, another order, or no table held.
    fn names_page(
        &self,
        filter: &CustomerFilter,
        sort: CustomerSort,
        limit: u32,
        offset: u32,
    ) -> Result<Option<Vec<i64>>> {
        let text = filter.text.as_deref().map(str::trim).unwrap_or_default();
        let CustomerFilter { stage: None, class: None, include_archived: false, due: None, .. } = filter else {
            return Ok(None);
        };
        if text.is_empty() || sort != CustomerSort::Name {
            return Ok(None);
        }
        self.names_matching(text, limit, offset)
    }

    /// How many open deals are in `stage`.
    fn open_deals_in(&self, stage: Step) -> Result<i64> {
        self.conn()
            .prepare_cached("SELECT count(*) FROM deal WHERE state = 'open' AND stage = ?1")
            .and_then(|mut s| s.query_row([stage.code()], |r| r.get(0)))
            .ctx("listing customers")
    }

    /// Who a customer is, in one line's worth of fields.
    pub fn customer_ref(&self, id: i64) -> Result<CustomerRef> {
        self.conn()
            .query_row(
                "SELECT c.id, c.name, c.company, d.stage FROM customer c
                 LEFT JOIN deal d ON d.customer_id = c.id AND +d.state = 'open' WHERE c.id = ?1 LIMIT 1",
                [id],
                customer_ref,
            )
            .optional()
            .ctx("reading a customer")?
            .ok_or(StoreError::NotFound { what: "customer", id })
    }
}

/// The columns of a [`CustomerRow`] (read by [`customer_row`]), from `customer c` joined as
/// [`newest_deal_join`] makes it.
const ROW_SELECT: &str = "SELECT c.id, c.name, c.company, c.class, d.stage, d.value_minor, d.currency, \
     c.last_contact_on, c.next_step_on FROM customer c";

/// The join of each customer's newest open deal as `d` (in `stage`, if any). `walk_names`:
/// a `CROSS JOIN`, which fixes the walk order (with a step filter the rows are the same as
/// with the left join).
fn newest_deal_join(stage: Option<Step>, walk_names: bool) -> String {
    let newest = format!(
        "d.id = (SELECT max(x.id) FROM deal x WHERE x.customer_id = c.id AND x.state = 'open'{})",
        stage.map(|s| format!(" AND x.stage = '{}'", s.code())).unwrap_or_default()
    );
    if walk_names {
        format!("CROSS JOIN deal d ON d.customer_id = c.id AND +d.state = 'open' AND {newest}")
    } else {
        format!("LEFT JOIN deal d ON d.customer_id = c.id AND d.state = 'open' AND {newest}")
    }
}

/// Reads a [`ROW_SELECT`] row.
fn customer_row(r: &rusqlite::Row) -> rusqlite::Result<CustomerRow> {
    Ok(CustomerRow {
        id: r.get(0)?,
        name: r.get(1)?,
        company: r.get(2)?,
        class: rows::code(r, 3)?,
        stage: rows::opt_code(r, 4)?,
        value_minor: r.get(5)?,
        currency: r.get::<_, Option<String>>(6)?.map(|c| Currency::stored(&c)),
        last_contact_on: rows::opt_date(r, 7)?,
        next_step_on: rows::opt_date(r, 8)?,
    })
}

/// Inserts a validated customer and its first deal inside `tx`.
pub(crate) fn insert_customer(tx: &Transaction, clock: Clock, new: &NewCustomer, deal: &NewDeal) -> Result<i64> {
    let now = clock.timestamp();
    tx.prepare_cached(
        "INSERT INTO customer (name, nickname, company, title, phone, email, address, source, referred_by,
                               class, style, created_at, updated_at, name_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, fb_name_key(?1, ?3))",
    )
    .and_then(|mut s| {
        s.execute(params![
            new.name,
            new.nickname,
            new.company,
            new.title,
            normalise_phone(&new.phone),
            new.email,
            new.address,
            new.source,
            new.referred_by,
            new.class.unwrap_or(CustomerClass::Potential).code(),
            new.style.unwrap_or(Style::Unknown).code(),
            now,
        ])
    })
    .ctx("adding a customer")?;
    let id = tx.last_insert_rowid();
    super::contacts::insert_account_person(tx, id, new, &now)?;
    insert_deal(tx, clock, id, deal)?;
    Ok(id)
}

/// [`Store::find_duplicates`] on any connection (also inside a transaction).
pub(crate) fn find_duplicates_in(
    conn: &rusqlite::Connection,
    name: &str,
    company: &str,
    phone: &str,
    email: &str,
) -> Result<Vec<CustomerRef>> {
    let phone = phone_key(phone);
    // One indexed lookup per rule (the `<> ''` terms let the partial indexes answer), so the
    // check costs the same however many customers there are: an import of 100k rows makes
    // 100k of them. Phones compare by their last ten digits (`phone_key`, indexed by
    // migration 0013). The same name and company is the same person only when neither a
    // phone nor an e-mail says otherwise (`contacts_agree`: two John Smiths in a phone).
    let mut stmt = conn.prepare_cached(DUPLICATES_SQL).ctx("checking for duplicates")?;
    let found = stmt
        .query_map(params![name.trim(), company.trim(), phone, email.trim()], customer_ref)
        .ctx("checking for duplicates")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .ctx("checking for duplicates")?;
    Ok(found)
}

/// The duplicate check's one statement: ?1 name, ?2 company, ?3 phone key, ?4 e-mail.
const DUPLICATES_SQL: &str = "SELECT c.id, c.name, c.company, d.stage FROM customer c
             LEFT JOIN deal d ON d.customer_id = c.id AND +d.state = 'open'
             WHERE c.id IN (
                 SELECT id FROM customer WHERE ?3 <> '' AND substr(replace(phone, '+', ''), -10) = ?3 AND phone <> ''
                 UNION SELECT id FROM customer WHERE ?4 <> '' AND lower(email) = lower(?4) AND email <> ''
                 UNION SELECT id FROM customer WHERE name = ?1 AND company = ?2
                     AND (?3 = '' OR phone = '' OR substr(replace(phone, '+', ''), -10) = ?3)
                     AND (?4 = '' OR email = '' OR lower(email) = lower(?4))
                 UNION SELECT customer_id FROM contact
                     WHERE ?3 <> '' AND substr(replace(phone, '+', ''), -10) = ?3 AND phone <> ''
                 UNION SELECT customer_id FROM contact WHERE ?4 <> '' AND lower(email) = lower(?4) AND email <> '')
             GROUP BY c.id ORDER BY c.id LIMIT 10";

/// Reads `id, name, company, stage` into a [`CustomerRef`].
pub(crate) fn customer_ref(r: &rusqlite::Row) -> rusqlite::Result<CustomerRef> {
    Ok(CustomerRef { id: r.get(0)?, name: r.get(1)?, company: r.get(2)?, stage: rows::opt_code(r, 3)? })
}

/// `c.id IN (…)`: the customers whose keys (pinyin, phone digits, e-mail:
/// [`super::search_keys`]) match the FTS5 expression in parameter `?param`. The index answers
/// once for the whole query, however many rows it tests.
pub(crate) fn matching_keys(param: usize) -> String {
    format!("c.id IN ({})", customers_matching_keys(param))
}

/// The ids of the customers whose search keys match the FTS5 expression in parameter `?param`.
pub(crate) fn customers_matching_keys(param: usize) -> String {
    format!("SELECT rowid FROM search_fts WHERE rowid BETWEEN 0 AND {} AND search_fts MATCH ?{param}", KIND_STRIDE - 1)
}

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
pub(crate) fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

#[cfg(test)]
mod tests {
    use rusqlite::StatementStatus;

    use super::*;
    use crate::clock::Clock;
    use crate::store::Store;

    /// An import checks every row: the statement must be compiled once, not again for each
    /// row's values (that cost a third of an import's time).
    #[test]
    fn the_duplicate_check_is_compiled_once_for_every_row() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("d.db"), Clock::Fixed(chrono::NaiveDate::default())).unwrap();
        for i in 0..20 {
            let (phone, email) =
                (format!("+86138000{i:05}"), if i % 2 == 0 { format!("a{i}@x.cn") } else { String::new() });
            find_duplicates_in(store.conn(), &format!("n{i}"), "c", &phone, &email).unwrap();
        }
        let stmt = store.conn().prepare_cached(DUPLICATES_SQL).unwrap();
        assert_eq!(stmt.get_status(StatementStatus::RePrepare), 0);
    }
}
