//! `fieldbook backup [--out FILE]` and `fieldbook restore FILE`.

use std::path::PathBuf;

use super::Ctx;
use crate::store::transfer::backup;
use crate::store::transfer::out_file::check_out;

/// Arguments of `backup`.
#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// Where to write the backup (default: backups/ beside the database, named by date and time).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace the file named by --out if it exists (never the database itself).
    #[arg(long, requires = "out")]
    pub force: bool,
}

/// Arguments of `restore`.
#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// A backup (or any Fieldbook database file) to put in place of the current database.
    pub file: PathBuf,
}

/// Copies the database with SQLite's online backup (safe while the app is open).
pub fn run(args: &BackupArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let db = ctx.db_path().to_path_buf();
    if !db.exists() {
        return Err(ctx.fail("data.backup.no_database", &[("path", &db.display())]));
    }
    let out = args.out.clone().unwrap_or_else(|| backup::default_backup_path(&db, ctx.clock.now()));
    let out = check_out(&out, &db, args.force)?;
    let made = backup::backup_file(&db, &out.path, out.existing)?;
    ctx.tell(&ctx.i18n.fmt("data.backup.written", &[("path", &made.display())]));
    ctx.print(&made.display().to_string())
}

/// Checks the backup, moves the current database aside and puts the backup in its place.
pub fn restore(args: &RestoreArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let db = ctx.db_path().to_path_buf();
    let stamp = ctx.clock.now().format("%Y%m%d-%H%M%S").to_string();
    let restored = backup::restore(&db, &args.file, &stamp)?;
    let (file, db) = (args.file.display(), db.display());
    let msg = match &restored.previous {
        Some(previous) => {
            ctx.i18n.fmt("data.restore.done", &[("file", &file), ("db", &db), ("previous", &previous.display())])
        }
        None => ctx.i18n.fmt("data.restore.done_fresh", &[("file", &file), ("db", &db)]),
    };
    ctx.tell(&msg);
    Ok(())
}
