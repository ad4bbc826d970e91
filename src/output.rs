//! Writing an output file safely: a temporary file in the same folder, renamed over the target
//! only once complete, so an old good file is never replaced by a partial one.

use std::io::Write;
use std::path::Path;

pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let replacing = path.exists();
    let mut file = tempfile::Builder::new()
        .prefix(".dutyctl-")
        .tempfile_in(dir)?;
    file.write_all(bytes)?;
    // Where a good file stands, the new one must be on disk before it takes the name; a new
    // file replaces nothing, and a batch of a thousand should not wait on a thousand syncs.
    if replacing {
        file.as_file().sync_all()?;
    }
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}
