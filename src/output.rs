//! Files written all or nothing. A single file goes to a temporary file beside its target,
//! is flushed and synced, and is renamed over the target only when complete; a set of
//! files (`build`'s output folder) is written into a hidden staging folder inside the
//! target folder and moved into place under a lock, file by file.
//!
//! So a failed run (full disk, bad input, a crash, SIGKILL) leaves every old file as it
//! was, and two runs into one folder never mix their files: the set that lands is one
//! run's. A crash during the moves themselves (microseconds of renames) can leave some
//! old and some new files, each of them complete.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::error::{Error, Result};

/// Name prefix of staging folders inside an output folder.
const STAGING_PREFIX: &str = ".newsgraph-staging-";

/// The lock file inside an output folder, held while a staged set is moved into place.
pub const LOCK_FILE: &str = ".newsgraph.lock";

/// Inside a staging folder: held locked by the run that owns it, so that leftovers of
/// killed runs can be told from folders in use.
const OWNER_FILE: &str = ".owner";

/// Staging folders of killed runs are removed when older than this.
const STALE_AFTER: Duration = Duration::from_secs(3600);

/// Writes `path` all or nothing: `body` writes into a buffered temporary file in the same
/// folder, which replaces `path` only after it was written, flushed and synced. Errors
/// name `path`. An existing file keeps its permissions.
pub fn write_file(path: &Path, body: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let dir = parent_of(path);
    let io = |e: std::io::Error| Error::io(Some(path), without_temp_path(e));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".newsgraph-").suffix(".tmp");
    let existing = fs::metadata(path).ok().map(|m| m.permissions());
    #[cfg(unix)]
    let default = {
        use std::os::unix::fs::PermissionsExt;
        // As `File::create` would: 0666 less the umask, not tempfile's private 0600.
        fs::Permissions::from_mode(0o666)
    };
    #[cfg(unix)]
    builder.permissions(existing.unwrap_or(default));
    #[cfg(not(unix))]
    let _ = existing;
    let tmp = builder.tempfile_in(dir).map_err(io)?;
    // Written through the plain `File`, whose errors do not name the temporary path.
    let mut w = BufWriter::new(tmp.as_file());
    body(&mut w).map_err(|e| e.with_path(path))?;
    w.flush().map_err(io)?;
    drop(w);
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    sync_dir(dir).map_err(io)
}

/// tempfile wraps OS errors to name its temporary file; the message should name the
/// target instead, so the OS error is taken back out.
fn without_temp_path(e: std::io::Error) -> std::io::Error {
    let inner = e
        .get_ref()
        .and_then(|r| r.source())
        .and_then(|s| s.downcast_ref::<std::io::Error>())
        .and_then(std::io::Error::raw_os_error);
    match inner {
        Some(code) => std::io::Error::from_raw_os_error(code),
        None => e,
    }
}

/// [`write_file`] for bytes already in memory.
pub fn write_bytes(path: &Path, bytes: &[u8]) -> Result<()> {
    write_file(path, |w| w.write_all(bytes).map_err(Error::from))
}

/// A set of files being written for one output folder: write them under [`Staging::dir`]
/// with the names they should have in the output folder, then [`Staging::commit`]. Dropped
/// without a commit, the staged files are removed and the output folder is untouched.
pub struct Staging {
    out: PathBuf,
    dir: tempfile::TempDir,
    /// Locked for the life of this value.
    _owner: File,
}

impl Staging {
    /// Creates `out` if needed and a staging folder inside it; removes staging folders
    /// that runs killed long ago left behind.
    pub fn new(out: &Path) -> Result<Staging> {
        fs::create_dir_all(out).map_err(|e| Error::io(Some(out), e))?;
        remove_stale(out);
        let dir = tempfile::Builder::new()
            .prefix(STAGING_PREFIX)
            .tempdir_in(out)
            .map_err(|e| Error::io(Some(out), e))?;
        let owner_path = dir.path().join(OWNER_FILE);
        let owner = File::create(&owner_path).map_err(|e| Error::io(Some(&owner_path), e))?;
        fs4::FileExt::lock(&owner).map_err(|e| Error::io(Some(&owner_path), e))?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            _owner: owner,
        })
    }

    /// Where to write the files of the set.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The output folder the set is for.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// `e` naming the file it concerns by its place in the output folder, not the staging
    /// folder.
    pub fn name_targets(&self, e: Error) -> Error {
        e.relocated(self.dir.path(), &self.out)
    }

    /// Moves every staged file into the output folder (sub-folders included), each synced
    /// first, while holding the output folder's lock; returns the final paths, sorted.
    /// Nothing is moved unless every target can be replaced by a file.
    pub fn commit(self) -> Result<Vec<PathBuf>> {
        let staged = files_under(self.dir.path())?;
        for rel in &staged {
            let target = self.out.join(rel);
            if fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
                return Err(Error::io(
                    Some(&target),
                    std::io::Error::other("is a folder, cannot be replaced by a file"),
                ));
            }
            let from = self.dir.path().join(rel);
            File::open(&from)
                .and_then(|f| f.sync_all())
                .map_err(|e| Error::io(Some(&target), e))?;
        }
        let lock_path = self.out.join(LOCK_FILE);
        let lock = File::create(&lock_path).map_err(|e| Error::io(Some(&lock_path), e))?;
        fs4::FileExt::lock(&lock).map_err(|e| Error::io(Some(&lock_path), e))?;
        let mut written = Vec::with_capacity(staged.len());
        let mut dirs = vec![self.out.clone()];
        for rel in &staged {
            let target = self.out.join(rel);
            let parent = parent_of(&target).to_path_buf();
            if !dirs.contains(&parent) {
                fs::create_dir_all(&parent).map_err(|e| Error::io(Some(&parent), e))?;
                dirs.push(parent);
            }
            fs::rename(self.dir.path().join(rel), &target)
                .map_err(|e| Error::io(Some(&target), e))?;
            written.push(target);
        }
        for d in &dirs {
            sync_dir(d).map_err(|e| Error::io(Some(d), e))?;
        }
        drop(lock);
        Ok(written)
    }
}

/// Files below `root` as relative paths, sorted, without the owner lock.
fn files_under(root: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut todo = vec![PathBuf::new()];
    while let Some(rel) = todo.pop() {
        let dir = root.join(&rel);
        for entry in fs::read_dir(&dir).map_err(|e| Error::io(Some(&dir), e))? {
            let entry = entry.map_err(|e| Error::io(Some(&dir), e))?;
            let path = rel.join(entry.file_name());
            let kind = entry.file_type().map_err(|e| Error::io(Some(&dir), e))?;
            if kind.is_dir() {
                todo.push(path);
            } else if path.as_os_str() != OWNER_FILE {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Removes staging folders of killed runs: old, and with an owner lock nobody holds.
fn remove_stale(out: &Path) {
    let Ok(entries) = fs::read_dir(out) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.to_string_lossy().starts_with(STAGING_PREFIX) {
            continue;
        }
        let path = entry.path();
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| SystemTime::now().duration_since(t).ok())
            .is_some_and(|age| age > STALE_AFTER);
        let unowned =
            File::open(path.join(OWNER_FILE)).is_ok_and(|f| fs4::FileExt::try_lock(&f).is_ok());
        if old && unowned {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Makes a rename in `dir` durable (a no-op where folders cannot be opened).
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(p: &Path) -> String {
        fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("graph.json");
        write_bytes(&path, b"old").unwrap();
        let err = write_file(&path, |w| {
            w.write_all(b"half of the new")?;
            Err(Error::usage("the writer failed"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("the writer failed"), "{err}");
        assert_eq!(read(&path), "old");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1, "a temporary file was left behind");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_get_ordinary_permissions_and_old_ones_keep_theirs() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join("fresh.txt");
        write_bytes(&fresh, b"x").unwrap();
        let mode = fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
        let plain = dir.path().join("plain.txt");
        File::create(&plain).unwrap();
        let want = fs::metadata(&plain).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, want, "{mode:o} vs File::create's {want:o}");
        fs::set_permissions(&fresh, fs::Permissions::from_mode(0o640)).unwrap();
        write_bytes(&fresh, b"y").unwrap();
        let mode = fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[test]
    fn a_staged_set_replaces_the_old_one_only_on_commit() {
        let out = tempfile::tempdir().unwrap();
        let keep = out.path().join("notes.txt");
        fs::write(&keep, "mine").unwrap();
        fs::write(out.path().join("graph.json"), "old").unwrap();

        let staging = Staging::new(out.path()).unwrap();
        fs::write(staging.dir().join("graph.json"), "new").unwrap();
        drop(staging);
        assert_eq!(read(&out.path().join("graph.json")), "old");

        let staging = Staging::new(out.path()).unwrap();
        fs::write(staging.dir().join("graph.json"), "new").unwrap();
        fs::create_dir(staging.dir().join("csv")).unwrap();
        fs::write(staging.dir().join("csv/nodes.csv"), "id").unwrap();
        let written = staging.commit().unwrap();
        assert_eq!(
            written,
            [
                out.path().join("csv/nodes.csv"),
                out.path().join("graph.json")
            ]
        );
        assert_eq!(read(&out.path().join("graph.json")), "new");
        assert_eq!(read(&keep), "mine");
        let mut left: Vec<String> = fs::read_dir(out.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, [LOCK_FILE, "csv", "graph.json", "notes.txt"]);
    }

    #[test]
    fn a_folder_in_the_way_stops_the_commit_before_anything_moves() {
        let out = tempfile::tempdir().unwrap();
        fs::create_dir(out.path().join("graph.dot")).unwrap();
        fs::write(out.path().join("graph.json"), "old").unwrap();
        let staging = Staging::new(out.path()).unwrap();
        fs::write(staging.dir().join("graph.dot"), "new").unwrap();
        fs::write(staging.dir().join("graph.json"), "new").unwrap();
        let err = staging.commit().unwrap_err().to_string();
        assert!(
            err.contains("graph.dot") && err.contains("is a folder"),
            "{err}"
        );
        assert_eq!(read(&out.path().join("graph.json")), "old");
    }
}
