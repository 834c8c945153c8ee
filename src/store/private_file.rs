//! Files holding personal data (the database, exports, backups, drafts) are readable by their
//! owner only, and appear whole or not at all: written under a temporary name beside their
//! final one (mode 0600), synced, moved into place, and the folder synced so that the move
//! itself survives a crash or a pulled plug.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// Whether finishing a [`PrivateFile`] may replace a file already at its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Replace it (the user asked for that, or the file is Fieldbook's own).
    Replace,
    /// Fail with [`io::ErrorKind::AlreadyExists`] if a file appeared there meanwhile.
    Keep,
}

/// A file being written beside its final name as `<name>.partial-<random>`;
/// [`PrivateFile::finish`] moves it into place. Dropped unfinished, the partial file is removed.
pub struct PrivateFile {
    target: PathBuf,
    existing: Existing,
    writer: BufWriter<NamedTempFile>,
}

impl PrivateFile {
    /// Starts writing `target` (mode 0600), replacing any file there; its folder
    /// is created (0700) if missing.
    pub fn create(target: &Path) -> io::Result<Self> {
        Self::create_with(target, Existing::Replace)
    }

    /// Starts writing `target` (mode 0600); `existing` says whether [`PrivateFile::finish`] may
    /// replace a file there. Its folder is created (0700) if missing.
    pub fn create_with(target: &Path, existing: Existing) -> io::Result<Self> {
        let dir = folder_of(target);
        create_private_dir(dir)?;
        let name =
            target.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
        let mut prefix = name.to_os_string();
        prefix.push(".partial-");
        remove_abandoned(dir, &prefix.to_string_lossy());
        // tempfile creates the file exclusively with mode 0600 on Unix.
        let temp = tempfile::Builder::new().prefix(&prefix).tempfile_in(dir)?;
        Ok(Self { target: target.to_path_buf(), existing, writer: BufWriter::new(temp) })
    }

    /// Where the partial file is, for a writer that needs a path (SQLite's backup).
    pub fn partial_path(&self) -> &Path {
        self.writer.get_ref().path()
    }

    /// Flushes and syncs the file, moves it to the target (over it only with
    /// [`Existing::Replace`]) and syncs the folder.
    pub fn finish(self) -> io::Result<PathBuf> {
        let temp = self.writer.into_inner().map_err(io::IntoInnerError::into_error)?;
        temp.as_file().sync_all()?;
        match self.existing {
            Existing::Replace => drop(temp.persist(&self.target).map_err(|e| e.error)?),
            Existing::Keep => persist_new(temp, &self.target)?,
        }
        sync_folder(folder_of(&self.target))?;
        Ok(self.target)
    }
}

impl Write for PrivateFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// How long a partial file must have gone unwritten to be called abandoned: a write in progress
/// (an export, SQLite's backup copying its pages in steps) touches it all the time, so one left
/// this long was cut off by a crash or a killed process. A day was too long: each app killed
/// during its daily backup of a large database left a copy of the database behind until then.
const ABANDONED: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Removes the abandoned partial files (`<prefix><random>`) in `dir` of an earlier write of
/// the same target. Best effort: one that cannot be removed stays.
fn remove_abandoned(dir: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let now = std::time::SystemTime::now();
    for entry in entries.filter_map(Result::ok) {
        if !entry.file_name().to_string_lossy().starts_with(prefix) {
            continue;
        }
        let age = entry.metadata().and_then(|m| m.modified()).ok().and_then(|t| now.duration_since(t).ok());
        if age.is_some_and(|age| age > ABANDONED) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Moves `temp` to `target` unless a file is there. The file system refuses an existing name
/// where it can; where it cannot (FAT on a USB stick has no such move), the name is checked
/// just before the move.
fn persist_new(temp: NamedTempFile, target: &Path) -> io::Result<()> {
    match temp.persist_noclobber(target) {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => Err(e.error),
        Err(_) if fs::symlink_metadata(target).is_ok() => {
            Err(io::Error::new(io::ErrorKind::AlreadyExists, format!("{} appeared meanwhile", target.display())))
        }
        Err(e) => e.file.persist(target).map(drop).map_err(|e| e.error),
    }
}

/// Replaces `target` with `bytes` as a [`PrivateFile`] does.
pub fn write_private(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = PrivateFile::create(target)?;
    file.write_all(bytes)?;
    file.finish().map(drop)
}

/// Creates `path` empty and readable by its owner only, unless it exists.
pub fn create_private_if_missing(path: &Path) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Err(e) if e.kind() != io::ErrorKind::AlreadyExists => Err(e),
        _ => Ok(()),
    }
}

/// Creates a folder (and its parents) that only its owner can enter, unless it exists.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// The folder `path` is in (`.` for a bare file name).
fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Syncs a folder's entries, so a file moved into it stays moved after a crash. Only Unix can
/// open a folder for that; elsewhere the move is as durable as the system makes it.
fn sync_folder(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn a_finished_file_replaces_the_target_whole_and_private() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("sub").join("out.json");
        write_private(&target, b"old").unwrap();
        let mut file = PrivateFile::create(&target).unwrap();
        file.write_all(b"new").unwrap();
        let partial = file.partial_path().to_path_buf();
        assert!(partial.file_name().unwrap().to_string_lossy().starts_with("out.json.partial-"));
        assert_eq!(fs::read(&target).unwrap(), b"old", "the target is untouched until finish");
        assert_eq!(file.finish().unwrap(), target);
        assert_eq!(fs::read(&target).unwrap(), b"new");
        assert_eq!(names_in(&dir.path().join("sub")), ["out.json"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&target).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }

    #[test]
    fn a_file_that_keeps_existing_ones_never_replaces_them() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.json");
        let file = PrivateFile::create_with(&target, Existing::Keep).unwrap();
        fs::write(&target, b"appeared meanwhile").unwrap();
        let err = file.finish().unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&target).unwrap(), b"appeared meanwhile");
        assert_eq!(names_in(dir.path()), ["out.json"], "the partial file is removed");
        let mut fresh = PrivateFile::create_with(&dir.path().join("new.json"), Existing::Keep).unwrap();
        fresh.write_all(b"new").unwrap();
        assert_eq!(fs::read(fresh.finish().unwrap()).unwrap(), b"new");
    }

    #[test]
    fn a_partial_file_a_killed_write_left_is_removed_by_the_next_write_of_that_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("fb.db");
        let (old, recent, other) = ("fb.db.partial-a1b2", "fb.db.partial-c3d4", "other.db.partial-e5f6");
        for name in [old, recent, other] {
            fs::write(dir.path().join(name), b"half").unwrap();
        }
        let two_days_ago = std::time::SystemTime::now() - 2 * ABANDONED;
        for name in [old, other] {
            File::options().write(true).open(dir.path().join(name)).unwrap().set_modified(two_days_ago).unwrap();
        }
        write_private(&target, b"whole").unwrap();
        assert_eq!(names_in(dir.path()), ["fb.db", recent, other], "a recent one may still be being written");
    }

    #[test]
    fn an_unfinished_file_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.csv");
        let mut file = PrivateFile::create(&target).unwrap();
        file.write_all(b"half").unwrap();
        drop(file);
        assert!(names_in(dir.path()).is_empty());
    }

    #[test]
    fn private_folders_and_empty_files_keep_what_exists() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("a").join("b");
        create_private_dir(&folder).unwrap();
        create_private_dir(&folder).unwrap();
        let db = folder.join("x.db");
        fs::write(&db, b"kept").unwrap();
        create_private_if_missing(&db).unwrap();
        assert_eq!(fs::read(&db).unwrap(), b"kept");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&folder).unwrap().permissions().mode() & 0o777, 0o700);
            let fresh = folder.join("y.db");
            create_private_if_missing(&fresh).unwrap();
            assert_eq!(fs::metadata(&fresh).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }
}
