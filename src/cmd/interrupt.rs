//! Temporary files and folders are removed when the process is interrupted.
//!
//! A temporary is removed by its owner when anything fails, but Ctrl+C (SIGINT), `kill` (SIGTERM)
//! or a closed terminal (SIGHUP) ends the process without unwinding. While a temporary exists its
//! path is listed here; the first such signal removes every listed path and then ends the process
//! as the signal's default would have (so a shell still sees "killed by SIGTERM"). The handler is
//! installed only when the first temporary is made: a run that writes nothing pays nothing.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once};

/// Paths of the temporaries that exist now. Locked while one is made, renamed or removed, so
/// that the handler never removes a path that has just become the user's file.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static HANDLER: Once = Once::new();

/// Holds the list while a temporary changes state; see [`Pending::rename`].
pub struct ListLock(MutexGuard<'static, Vec<PathBuf>>);

/// Locks the list. A poisoned lock (a panic elsewhere) still holds a usable list.
pub fn lock() -> ListLock {
    ListLock(PENDING.lock().unwrap_or_else(|e| e.into_inner()))
}

/// A listed temporary: dropping it takes the path off the list (the owner has removed or renamed
/// the file by then).
pub struct Pending {
    path: PathBuf,
}

/// Makes a temporary with `make` and lists it for removal on interrupt until the returned guard
/// is dropped. The handler is installed before the temporary exists and the list stays locked
/// until it is listed, so a signal that finds the temporary on disk always finds it listed too
/// (installed afterwards, a signal in between took the default action and left the file).
pub fn make_listed<T: AsRef<Path>>(
    make: impl FnOnce() -> io::Result<T>,
) -> io::Result<(T, Pending)> {
    install_handler();
    let mut list = lock();
    let temporary = make()?;
    let path = temporary.as_ref().to_path_buf();
    list.0.push(path.clone());
    Ok((temporary, Pending { path }))
}

impl Drop for Pending {
    fn drop(&mut self) {
        let mut list = lock();
        if let Some(at) = list.0.iter().rposition(|p| *p == self.path) {
            list.0.swap_remove(at);
        }
    }
}

#[cfg(unix)]
fn install_handler() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    HANDLER.call_once(|| {
        // A signal ignored when the process started stays ignored: `nohup dutyctl …` must
        // survive its terminal closing, and a shell's background job its Ctrl+C.
        let handled: Vec<i32> = [SIGINT, SIGTERM, SIGHUP]
            .into_iter()
            .filter(|&signal| !ignored(signal))
            .collect();
        // Without a handler the signal still ends the process; only the cleanup is lost.
        let Ok(mut signals) = signal_hook::iterator::Signals::new(handled) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let list = lock();
                for path in list.0.iter() {
                    if path.is_dir() {
                        let _ = std::fs::remove_dir_all(path);
                    } else {
                        let _ = std::fs::remove_file(path);
                    }
                }
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        });
    });
}

/// Whether `signal` is ignored now (as `nohup` leaves SIGHUP for the program it starts).
#[cfg(unix)]
fn ignored(signal: i32) -> bool {
    let mut current: libc::sigaction = unsafe { std::mem::zeroed() };
    // SAFETY: with a null new action, sigaction only writes the current one into `current`.
    let read = unsafe { libc::sigaction(signal, std::ptr::null(), &mut current) };
    read == 0 && current.sa_sigaction == libc::SIG_IGN
}

#[cfg(not(unix))]
fn install_handler() {
    HANDLER.call_once(|| {});
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_listed_until_its_guard_is_dropped() {
        let path = PathBuf::from("/nonexistent/.x.dutyctl-tmp-test-listing");
        let (_, guard) = make_listed(|| Ok(path.clone())).unwrap();
        assert!(lock().0.contains(&path));
        drop(guard);
        assert!(!lock().0.contains(&path));
    }

    #[test]
    fn the_handler_stands_before_the_temporary_is_made() {
        let path = PathBuf::from("/nonexistent/.x.dutyctl-tmp-test-order");
        let (_, _guard) = make_listed(|| {
            assert!(HANDLER.is_completed(), "a signal now would leave the file");
            Ok(path.clone())
        })
        .unwrap();
    }
}
