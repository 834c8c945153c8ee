//! The hash of a row recorded with an import batch: undo compares it with the row as it is
//! then, to refuse removing a row edited since. Written in one statement for a whole batch
//! through the SQL function `fb_row_hash` ([`row_hash_sql`]), and read back row by row
//! ([`row_hash`]): both hash the same bytes.

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;
use serde::ser::{SerializeMap, Serializer};

use super::schema::{Row, TableInfo, to_json};
use crate::store::error::{Context, Result};

/// FNV-1a's offset basis.
const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// A stable 64-bit FNV-1a hash of a row's JSON, in hex: detects edits since an import. The
/// JSON is hashed as it is written, never held.
pub(crate) fn row_hash(row: &Row) -> String {
    let mut hash = Fnv(FNV_START);
    // Writing into the hash cannot fail, nor can a map of JSON values be refused.
    let _ = serde_json::to_writer(&mut hash, row);
    format!("{:016x}", hash.0)
}

/// `fb_row_hash('body', "body", 'id', "id", …)` over `table`'s columns: in SQL, the
/// [`row_hash`] of the row as [`super::schema::read_rows`] reads it (its columns by name, as
/// the row's JSON has them).
pub(crate) fn row_hash_sql(table: &TableInfo) -> String {
    let mut columns: Vec<&str> = table.columns.iter().map(String::as_str).collect();
    columns.sort_unstable();
    let args: Vec<String> =
        columns.iter().map(|c| format!("'{}', \"{}\"", c.replace('\'', "''"), c.replace('"', "\"\""))).collect();
    format!("fb_row_hash({})", args.join(", "))
}

/// Registers `fb_row_hash(name, value, name, value, …)`: the [`row_hash`] of the row with
/// these columns, given in the order of their names.
pub(crate) fn register(conn: &Connection) -> Result<()> {
    conn.create_scalar_function(
        "fb_row_hash",
        -1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let mut hash = Fnv(FNV_START);
            let mut json = serde_json::Serializer::new(&mut hash);
            let failed = |e: serde_json::Error| rusqlite::Error::UserFunctionError(Box::new(e));
            let mut map = json.serialize_map(Some(ctx.len() / 2)).map_err(failed)?;
            for i in (0..ctx.len()).step_by(2) {
                let name = ctx.get_raw(i).as_str().map_err(|e| rusqlite::Error::UserFunctionError(Box::new(e)))?;
                map.serialize_entry(name, &to_json(ctx.get_raw(i + 1))).map_err(failed)?;
            }
            map.end().map_err(failed)?;
            Ok(format!("{:016x}", hash.0))
        },
    )
    .ctx("registering the import's row hash")
}

/// FNV-1a over the bytes written to it.
struct Fnv(u64);

impl std::io::Write for Fnv {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::transfer::schema::read_rows;

    #[test]
    fn a_row_hashes_as_the_batches_recorded_before_did() {
        // The hash of the row's compact JSON text, as every earlier import recorded it: undo
        // compares it with the row as it is now.
        let row = serde_json::json!({ "id": 7, "name": "王伟", "body": "a \"quote\"\n\u{1b}", "v": null, "x": 1.5 });
        let serde_json::Value::Object(row) = row else { unreachable!("an object") };
        assert_eq!(row_hash(&row), "087b023763a22dad");
    }

    #[test]
    fn the_sql_hash_is_the_hash_of_the_row_read_back() {
        let conn = Connection::open_in_memory().unwrap();
        register(&conn).unwrap();
        conn.execute_batch(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, body TEXT, v TEXT, x REAL, b BLOB, \"it's\" INTEGER);
             INSERT INTO t VALUES (7, '王伟', 'a \"quote\"' || char(10, 27), NULL, 1.5, x'00ff', 3);
             INSERT INTO t VALUES (8, '', '', '', 1e308 * 10, x'', -1);",
        )
        .unwrap();
        let table = TableInfo {
            name: "t".into(),
            columns: ["id", "name", "body", "v", "x", "b", "it's"].map(String::from).to_vec(),
            key: vec!["id".into()],
            integer_key: true,
            foreign_keys: Vec::new(),
        };
        let mut read = Vec::new();
        read_rows::<crate::store::StoreError>(&conn, &table, "1", &[], |row| {
            read.push(row_hash(&row));
            Ok(())
        })
        .unwrap();
        let mut stmt = conn.prepare(&format!("SELECT {} FROM t ORDER BY id", row_hash_sql(&table))).unwrap();
        let in_sql: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap();
        assert_eq!(in_sql, read);
        let seven = serde_json::json!({ "id": 7, "name": "王伟", "body": "a \"quote\"\n\u{1b}", "v": null, "x": 1.5, "b": { "hex": "00ff" }, "it's": 3 });
        let serde_json::Value::Object(seven) = seven else { unreachable!("an object") };
        assert_eq!(in_sql[0], row_hash(&seven));
    }
}
