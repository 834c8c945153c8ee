//! Where a command may write a file named with `--out`: never over the database or its
//! -wal/-shm/-journal (by whatever path, link or hard link), never over anything but an ordinary
//! file, and over an existing file only when the user said `--force`.

use std::fs;
use std::path::{Component, Path, PathBuf};

use super::error::{DataError, DataResult, io_at};
use crate::store::private_file::Existing;

/// Files SQLite keeps beside a database: writing over any of them destroys data.
const COMPANIONS: [&str; 4] = ["", "-wal", "-shm", "-journal"];

/// A checked place to write: the path itself (a link's target when `--out` names a link)
/// and whether an existing file there may be replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    /// The file to write.
    pub path: PathBuf,
    /// What finishing the write may do to a file already there.
    pub existing: Existing,
}

/// Checks `out` against the database at `db` before anything is written (nothing is created
/// here). Refuses the database and its companions, a folder, device, pipe or dangling link,
/// and an existing file unless `force`.
pub fn check_out(out: &Path, db: &Path, force: bool) -> DataResult<OutFile> {
    let exists = fs::symlink_metadata(out).is_ok();
    let path = if exists {
        fs::canonicalize(out).map_err(|_| DataError::OutNotAFile { path: out.to_path_buf() })?
    } else {
        resolve(out).map_err(io_at(out))?
    };
    if protected(db).contains(&path) || same_file(&path, db) {
        return Err(DataError::OutIsDatabase { path: out.to_path_buf() });
    }
    if !exists {
        return Ok(OutFile { path, existing: Existing::Keep });
    }
    let meta = fs::metadata(&path).map_err(io_at(out))?;
    if !meta.is_file() {
        return Err(DataError::OutNotAFile { path: out.to_path_buf() });
    }
    if !force {
        return Err(DataError::OutExists { path: out.to_path_buf() });
    }
    Ok(OutFile { path, existing: Existing::Replace })
}

/// The absolute, link-free path `path` names, whether or not it (or its folders) exist yet:
/// links are followed as far as there are files, the rest is read as written (a `..` after a
/// folder that does not exist yet leads where it will once the folder is made).
fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    let mut resolved = PathBuf::new();
    for part in std::path::absolute(path)?.components() {
        match part {
            Component::Prefix(_) | Component::RootDir => resolved.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                resolved.push(name);
                if fs::symlink_metadata(&resolved).is_ok() {
                    resolved = fs::canonicalize(&resolved)?;
                }
            }
        }
    }
    Ok(resolved)
}

/// The database's file and companions, both as named and with links resolved (SQLite puts the
/// -wal beside the file a link points at).
fn protected(db: &Path) -> Vec<PathBuf> {
    let as_named = db.parent().and_then(|p| resolve(p).ok()).zip(db.file_name()).map(|(p, n)| p.join(n));
    let mut bases: Vec<PathBuf> = [fs::canonicalize(db).ok(), as_named].into_iter().flatten().collect();
    bases.dedup();
    let mut paths = Vec::new();
    for base in bases {
        for suffix in COMPANIONS {
            let mut p = base.as_os_str().to_owned();
            p.push(suffix);
            paths.push(PathBuf::from(p));
        }
    }
    paths
}

/// Whether `a` and `b` are one file under two names (a hard link); false if either is missing.
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(a), fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("fb.db");
        fs::write(&db, b"SQLite format 3\0").unwrap();
        (dir, db)
    }

    fn refused(out: &Path, db: &Path, force: bool) -> DataError {
        check_out(out, db, force).expect_err("refused")
    }

    #[test]
    fn a_new_file_is_fine_and_keeps_what_appears_meanwhile() {
        let (dir, db) = setup();
        let out = check_out(&dir.path().join("sub/all.json"), &db, false).unwrap();
        assert_eq!(out.path, fs::canonicalize(dir.path()).unwrap().join("sub/all.json"));
        assert_eq!(out.existing, Existing::Keep);
        assert!(!dir.path().join("sub").exists(), "nothing is made by the check");
        let roundabout = check_out(&dir.path().join("new/../new.json"), &db, false).unwrap();
        assert_eq!(roundabout.path, fs::canonicalize(dir.path()).unwrap().join("new.json"));
    }

    #[test]
    fn an_existing_file_needs_force() {
        let (dir, db) = setup();
        let out = dir.path().join("thesis.txt");
        fs::write(&out, b"years of work").unwrap();
        assert!(matches!(refused(&out, &db, false), DataError::OutExists { .. }));
        assert_eq!(check_out(&out, &db, true).unwrap().existing, Existing::Replace);
    }

    #[test]
    fn the_database_and_its_companions_are_refused_by_any_name() {
        let (dir, db) = setup();
        let other = dir.path().join("other");
        fs::create_dir(&other).unwrap();
        let roundabout = other.join("..").join("fb.db");
        let companions = ["fb.db-wal", "fb.db-shm", "fb.db-journal"].map(|n| dir.path().join(n));
        let through_missing = dir.path().join("missing/../fb.db");
        for out in [&db, &roundabout, &through_missing].into_iter().chain(&companions) {
            assert!(matches!(refused(out, &db, true), DataError::OutIsDatabase { .. }), "{}", out.display());
        }
        #[cfg(unix)]
        {
            let link = dir.path().join("link.db");
            std::os::unix::fs::symlink(&db, &link).unwrap();
            assert!(matches!(refused(&link, &db, true), DataError::OutIsDatabase { .. }));
            let hard = dir.path().join("hard.db");
            fs::hard_link(&db, &hard).unwrap();
            assert!(matches!(refused(&hard, &db, true), DataError::OutIsDatabase { .. }));
            // The database opened through a link: its real file is protected too.
            assert!(matches!(refused(&db, &link, true), DataError::OutIsDatabase { .. }));
            assert!(matches!(refused(&companions[0], &link, true), DataError::OutIsDatabase { .. }));
        }
    }

    #[test]
    fn folders_devices_pipes_and_dangling_links_are_refused_even_with_force() {
        let (dir, db) = setup();
        assert!(matches!(refused(dir.path(), &db, true), DataError::OutNotAFile { .. }));
        #[cfg(unix)]
        {
            assert!(matches!(refused(Path::new("/dev/null"), &db, true), DataError::OutNotAFile { .. }));
            let dangling = dir.path().join("dangling");
            std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
            assert!(matches!(refused(&dangling, &db, true), DataError::OutNotAFile { .. }));
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_an_ordinary_file_writes_its_target() {
        let (dir, db) = setup();
        let real = dir.path().join("real.json");
        fs::write(&real, b"old").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert_eq!(check_out(&link, &db, true).unwrap().path, fs::canonicalize(&real).unwrap());
    }
}
