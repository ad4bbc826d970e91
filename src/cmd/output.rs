//! Writing an output file without harming what stands at its name.
//!
//! A regular file is replaced only by a complete new one: the bytes go to a temporary file next
//! to it (`.NAME.dutyctl-tmp-XXXXXX`, removed if anything fails or the process is interrupted),
//! which is then renamed over it. A file that does not exist yet is, on Linux, written unnamed
//! (`O_TMPFILE`) and given its name once complete: a failure or an interrupt leaves nothing, so
//! no temporary needs listing and no signal handler needs starting (which cost a short import a
//! tenth of its time).
//! Anything else is respected: a device, FIFO or socket (`-o /dev/null`, `-o >(gzip)`) is written
//! into, never renamed over; a symbolic link is followed, so its target is replaced and the link
//! stays (a dangling link creates its target). A new file gets the mode the umask gives (0644
//! under 022); a replaced file keeps its mode and, where the user may set it, its owner.

use std::fs::{self, Metadata};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::interrupt;

/// How many links deep a chain of symbolic links is followed, as the kernel does (ELOOP).
const SYMLINK_DEPTH: usize = 40;

/// The temporary file's name keeps at most this many bytes of the target's, so that the
/// temporary's name fits in a file system's 255-byte limit.
const NAME_IN_TEMPORARY: usize = 120;

pub fn write_safely(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory",
        )),
        // `/dev/stdout` is a link into /proc that only opening follows: write through the name.
        Ok(meta) if !meta.is_file() => write_in_place(path, bytes),
        Ok(meta) => replace(&fs::canonicalize(path)?, bytes, Some(&meta)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => replace(&link_target(path)?, bytes, None),
        Err(e) => Err(e),
    }
}

/// A device, FIFO or socket takes the bytes as a stream, as shell redirection would give them.
fn write_in_place(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs::OpenOptions::new().write(true).open(path)?;
    file.write_all(bytes)?;
    file.flush()
}

/// Where a name that does not exist yet would be created: itself, or the end of the chain of
/// (dangling) links that starts at it.
fn link_target(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..SYMLINK_DEPTH {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// The folder `path` is in.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `bytes` at `path`: a new file unnamed until complete where the system allows it, else
/// (and always over an existing file) a temporary file beside `path` renamed over it.
fn replace(path: &Path, bytes: &[u8], existing: Option<&Metadata>) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    if existing.is_none() && create_unnamed(path, bytes).is_ok() {
        return Ok(());
    }
    replace_through_temporary(path, bytes, existing)
}

/// Writes a new file with no name (`O_TMPFILE`) in `path`'s folder and links it at `path` once
/// complete. Any failure leaves nothing on disk, and the caller then takes the named way, which
/// reports the error where it is real (a folder that cannot be written) and works where this
/// cannot (a file system without `O_TMPFILE`, no `/proc`, a file that appeared meanwhile).
#[cfg(target_os = "linux")]
fn create_unnamed(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::OpenOptionsExt;
    use std::os::unix::io::AsRawFd;
    let mut file = fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_TMPFILE)
        // Narrowed by the umask, as any program's new file is.
        .mode(0o666)
        .open(folder_of(path))?;
    file.write_all(bytes)?;
    pause_for_interrupt_tests();
    // Linking the descriptor itself needs a privilege; its /proc name followed needs none.
    let from = CString::new(format!("/proc/self/fd/{}", file.as_raw_fd()))?;
    let to = CString::new(path.as_os_str().as_bytes())?;
    // SAFETY: both are NUL-terminated strings that outlive the call.
    let linked = unsafe {
        libc::linkat(
            libc::AT_FDCWD,
            from.as_ptr(),
            libc::AT_FDCWD,
            to.as_ptr(),
            libc::AT_SYMLINK_FOLLOW,
        )
    };
    if linked != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Writes a temporary file beside `path` and renames it over `path`.
fn replace_through_temporary(
    path: &Path,
    bytes: &[u8],
    existing: Option<&Metadata>,
) -> io::Result<()> {
    let dir = folder_of(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{}.dutyctl-tmp-", shortened(&name, NAME_IN_TEMPORARY));
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).rand_bytes(6);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Created with 0666, which the umask narrows, as any program's new file is.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    // From here on an error drops `file`, which deletes the temporary, and an interrupt
    // removes it too (the guard lists it until the function returns).
    let (mut file, _listed) = interrupt::make_listed(|| builder.tempfile_in(dir))?;
    if let Some(meta) = existing {
        keep_mode_and_owner(file.as_file(), meta)?;
    }
    file.write_all(bytes)?;
    // Where a good file stands, the new one must be on disk before it takes the name; a new
    // file replaces nothing, and a batch of a thousand should not wait on a thousand syncs.
    if existing.is_some() {
        file.as_file().sync_all()?;
    }
    pause_for_interrupt_tests();
    // Renamed under the list's lock: an interrupt now waits, and then finds nothing to remove.
    let _list = interrupt::lock();
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Debug builds only: the tests of interrupt cleanup need a run that holds its written bytes,
/// not yet at the output's name, long enough to be signalled
/// (`DUTYCTL_TEST_PAUSE_BEFORE_RENAME_MS`); it says on standard error when it is held.
fn pause_for_interrupt_tests() {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("DUTYCTL_TEST_PAUSE_BEFORE_RENAME_MS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        eprintln!("dutyctl: paused before naming the output");
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

fn keep_mode_and_owner(file: &fs::File, meta: &Metadata) -> io::Result<()> {
    file.set_permissions(meta.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only root may give a file away; anyone else keeps the owner they have, which is
        // theirs already when they could write the old file's folder.
        let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
    }
    Ok(())
}

/// At most `limit` bytes of `name`, cut at a character boundary.
fn shortened(name: &str, limit: usize) -> &str {
    let mut end = name.len().min(limit);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end]
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{PermissionsExt, symlink};

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o7777
    }

    #[test]
    fn a_replaced_file_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.yaml");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_safely(&path, b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(mode(&path), 0o640);
    }

    #[test]
    fn a_new_file_is_not_private_to_its_owner() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.yaml");
        write_safely(&path, b"new").unwrap();
        // Whatever the umask, 0666 narrowed by it is never tempfile's 0600 unless asked.
        let umask_allows_group_read = mode(&path) & 0o040 != 0;
        let probe = dir.path().join("probe");
        fs::File::create(&probe).unwrap();
        assert_eq!(umask_allows_group_read, mode(&probe) & 0o040 != 0);
        assert_eq!(mode(&path), mode(&probe));
    }

    #[test]
    fn a_symlink_is_followed_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.yaml");
        let link = dir.path().join("link.yaml");
        fs::write(&target, "old").unwrap();
        symlink("real.yaml", &link).unwrap();
        write_safely(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&target).unwrap(), b"new");

        let dangling = dir.path().join("dangling.yaml");
        symlink("created.yaml", &dangling).unwrap();
        write_safely(&dangling, b"made").unwrap();
        assert!(
            fs::symlink_metadata(&dangling)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(dir.path().join("created.yaml")).unwrap(), b"made");
    }

    #[test]
    fn a_failed_write_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("out");
        fs::create_dir(&folder).unwrap();
        // Renaming a file over a non-empty folder fails after the temporary was written.
        fs::write(folder.join("x"), "").unwrap();
        assert!(replace(&folder, b"new", None).is_err());
        assert!(replace_through_temporary(&folder, b"new", None).is_err());
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "only the folder remains");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_new_file_written_unnamed_appears_whole_and_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.yaml");
        let written = create_unnamed(&path, b"whole");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        match written {
            Ok(()) => {
                assert_eq!(fs::read(&path).unwrap(), b"whole");
                assert_eq!(names, vec![std::ffi::OsString::from("new.yaml")]);
            }
            // A file system without O_TMPFILE: nothing may be left for the named way to meet.
            Err(_) => assert!(names.is_empty(), "{names:?}"),
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn an_unnamed_file_never_takes_a_name_that_exists() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.yaml");
        fs::write(&path, "old").unwrap();
        assert!(create_unnamed(&path, b"new").is_err());
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn long_names_are_cut_at_a_character_boundary() {
        assert_eq!(shortened("责任分解表", 4), "责");
        assert_eq!(shortened("ab", 10), "ab");
    }
}
