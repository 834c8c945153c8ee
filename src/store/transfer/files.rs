//! Files holding personal data (exports, backups) are created readable by their owner only,
//! and appear complete or not at all.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::error::{DataResult, io_at};

/// A file being written next to its final name; [`PrivateFile::finish`] moves it in place.
/// Dropped unfinished, the partial file is removed.
pub struct PrivateFile {
    target: PathBuf,
    temp: PathBuf,
    writer: Option<BufWriter<File>>,
}

impl PrivateFile {
    /// Starts writing `target` (mode 0600); the parent folder is created if missing.
    pub fn create(target: &Path) -> DataResult<Self> {
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(io_at(parent))?;
        }
        let mut name = target.file_name().map(|n| n.to_os_string()).unwrap_or_default();
        name.push(format!(".partial-{}", std::process::id()));
        let temp = target.with_file_name(name);
        let file = create_private(&temp).map_err(io_at(&temp))?;
        Ok(Self { target: target.to_path_buf(), temp, writer: Some(BufWriter::new(file)) })
    }

    /// Where the partial file is (for SQLite's backup, which writes by path).
    pub fn temp_path(&self) -> &Path {
        &self.temp
    }

    /// Flushes, syncs and renames the file into place.
    pub fn finish(mut self) -> DataResult<PathBuf> {
        if let Some(writer) = self.writer.take() {
            let file = writer.into_inner().map_err(|e| e.into_error()).map_err(io_at(&self.temp))?;
            file.sync_all().map_err(io_at(&self.temp))?;
        }
        crate::store::restrict_mode(&self.temp).map_err(io_at(&self.temp))?;
        std::fs::rename(&self.temp, &self.target).map_err(io_at(&self.target))?;
        Ok(self.target.clone())
    }
}

impl Write for PrivateFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.writer.as_mut() {
            Some(w) => w.write(buf),
            None => Err(std::io::Error::other("file already finished")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.writer.as_mut().map_or(Ok(()), |w| w.flush())
    }
}

impl Drop for PrivateFile {
    fn drop(&mut self) {
        if self.writer.is_some() || self.temp.exists() {
            self.writer = None;
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// Creates (truncating) a file with mode 0600 on Unix.
pub fn create_private(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}
