//! The served folder: which documents it lists, how a path from the page is resolved inside
//! it (never outside), and where the edited register of a notice is saved.

use super::ServeError;
use crate::cmd::output::write_safely;
use serde::Serialize;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Extensions of the documents `import` reads, listed on the page. Registers (.yaml/.json) are
/// listed too unless they are the saved register of a notice beside them.
const DOCUMENT_EXTENSIONS: &[&str] = &[
    "txt", "text", "docx", "xlsx", "xlsm", "xls", "ods", "csv", "html", "htm", "yaml", "yml",
    "json", "pdf",
];

/// How deep sub-folders are listed, and how many documents at most: a folder of a year's
/// notices is small, and a mistaken `serve ~` must not walk the whole home folder.
const LIST_DEPTH: usize = 4;
const LIST_LIMIT: usize = 5_000;

#[derive(Debug)]
pub struct Folder {
    root: PathBuf,
    canonical: PathBuf,
}

/// One document of the folder as the page lists it.
#[derive(Debug, Serialize)]
pub struct Listed {
    /// Relative to the folder, `/`-separated.
    pub path: String,
    /// Whether an edited register is saved beside it.
    pub saved: bool,
}

/// Why a path from the page was not served; each names the path as the page gave it.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("{0}: refused: outside the served folder")]
    Outside(String),
    #[error("{0}: no such document in the served folder")]
    NotFound(String),
    #[error("{0}: {1}")]
    Io(String, String),
}

impl Folder {
    pub fn open(root: &Path) -> Result<Folder, ServeError> {
        let fail = |message: String| ServeError::Folder(root.display().to_string(), message);
        let canonical = root.canonicalize().map_err(|e| fail(io_message(&e)))?;
        if !canonical.is_dir() {
            return Err(fail("not a folder".into()));
        }
        Ok(Folder {
            root: root.to_path_buf(),
            canonical,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The documents of the folder and its sub-folders, sorted by path; hidden files (and the
    /// temporary files of a save in progress) left out.
    pub fn list(&self) -> Vec<Listed> {
        let mut found = Vec::new();
        self.walk(&self.canonical, 0, &mut found);
        found.sort();
        // Documents that share a name before the extension save apart (see saved_register_path).
        let mut names: std::collections::HashMap<PathBuf, usize> = Default::default();
        for path in found.iter().filter(|p| !is_register_name(p)) {
            *names.entry(path.with_extension("")).or_default() += 1;
        }
        let save_of = |path: &Path| register_path(path, names[&path.with_extension("")] > 1);
        // A notice's saved register is opened through its notice, not listed on its own.
        let saves: std::collections::HashSet<PathBuf> = found
            .iter()
            .filter(|p| !is_register_name(p))
            .map(|p| save_of(p))
            .collect();
        found
            .iter()
            .filter(|p| !saves.contains(*p))
            .map(|p| Listed {
                path: relative_name(p.strip_prefix(&self.canonical).unwrap_or(p)),
                saved: !is_register_name(p) && save_of(p).is_file(),
            })
            .collect()
    }

    fn walk(&self, dir: &Path, depth: usize, found: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            if found.len() >= LIST_LIMIT {
                return;
            }
            let path = entry.path();
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            // Links are followed only where they stay inside the folder.
            let Ok(real) = path.canonicalize() else {
                continue;
            };
            if !real.starts_with(&self.canonical) {
                continue;
            }
            if real.is_dir() {
                if depth + 1 < LIST_DEPTH {
                    self.walk(&path, depth + 1, found);
                }
            } else if has_document_extension(&path) {
                found.push(path);
            }
        }
    }

    /// A document named by the page: a relative path of plain names inside the folder, that
    /// exists and, links resolved, is still inside it.
    pub fn resolve(&self, requested: &str) -> Result<PathBuf, FolderError> {
        let relative = Path::new(requested);
        let plain = !requested.is_empty()
            && relative
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
        if !plain {
            return Err(FolderError::Outside(requested.to_string()));
        }
        let real = self
            .canonical
            .join(relative)
            .canonicalize()
            .map_err(|_| FolderError::NotFound(requested.to_string()))?;
        if !real.starts_with(&self.canonical) {
            return Err(FolderError::Outside(requested.to_string()));
        }
        if !real.is_file() {
            return Err(FolderError::NotFound(requested.to_string()));
        }
        Ok(real)
    }

    /// The saved register of a document (`NAME.yaml` beside `NAME.txt`), when there is one.
    pub fn saved_register(&self, document: &Path) -> Option<PathBuf> {
        if is_register_name(document) {
            return None;
        }
        Some(saved_register_path(document)).filter(|p| p.is_file())
    }

    /// Writes the register of `document` beside it, safely (temporary file, then rename). A
    /// register document is itself replaced. Returns the path written, relative to the folder.
    pub fn save(&self, document: &Path, yaml: &[u8]) -> Result<String, FolderError> {
        let target = if is_register_name(document) && has_extension(document, &["yaml", "yml"]) {
            document.to_path_buf()
        } else {
            saved_register_path(document)
        };
        let name = relative_name(target.strip_prefix(&self.canonical).unwrap_or(&target));
        // A link standing at the register's name would have the save written wherever it
        // points: only inside the folder.
        if let Ok(real) = target.canonicalize()
            && !real.starts_with(&self.canonical)
        {
            return Err(FolderError::Outside(name));
        }
        write_safely(&target, yaml).map_err(|e| FolderError::Io(name.clone(), io_message(&e)))?;
        Ok(name)
    }
}

fn relative_name(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.contains(&e.to_ascii_lowercase().as_str()))
}

fn has_document_extension(path: &Path) -> bool {
    has_extension(path, DOCUMENT_EXTENSIONS)
}

fn is_register_name(path: &Path) -> bool {
    has_extension(path, &["yaml", "yml", "json"])
}

/// `NAME.yaml` beside `NAME.ext`, as `import -o FOLDER` names registers (`a.b.txt` → `a.b.yaml`);
/// `NAME.ext.yaml` where another document of the folder has the same name (`表.docx` and
/// `表.xlsx`), so that their edits do not overwrite each other.
fn saved_register_path(document: &Path) -> PathBuf {
    register_path(document, has_twin(document))
}

fn register_path(document: &Path, twin: bool) -> PathBuf {
    if twin {
        let mut name = document.as_os_str().to_owned();
        name.push(".yaml");
        PathBuf::from(name)
    } else {
        document.with_extension("yaml")
    }
}

/// Whether a document beside this one has the same name before its extension.
fn has_twin(document: &Path) -> bool {
    let (Some(dir), Some(stem)) = (document.parent(), document.file_stem()) else {
        return false;
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|entry| {
        let path = entry.path();
        path != document
            && path.file_stem() == Some(stem)
            && has_document_extension(&path)
            && !is_register_name(&path)
    })
}

fn io_message(error: &io::Error) -> String {
    let text = error.to_string();
    let text = text.split(" (os error").next().unwrap_or(&text).to_string();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_with(files: &[&str]) -> (tempfile::TempDir, Folder) {
        let dir = tempfile::tempdir().unwrap();
        for file in files {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "一、总体要求").unwrap();
        }
        let folder = Folder::open(dir.path()).unwrap();
        (dir, folder)
    }

    #[test]
    fn a_notice_and_its_saved_register_are_listed_once() {
        let (_dir, folder) = folder_with(&[
            "2024/通知.txt",
            "2024/通知.yaml",
            "旧表.yaml",
            "图.png",
            ".隐藏.txt",
        ]);
        let listed: Vec<(String, bool)> = folder
            .list()
            .into_iter()
            .map(|l| (l.path, l.saved))
            .collect();
        assert_eq!(
            listed,
            [
                ("2024/通知.txt".to_string(), true),
                ("旧表.yaml".to_string(), false)
            ]
        );
    }

    #[test]
    fn documents_of_one_name_save_apart() {
        let (dir, folder) = folder_with(&["表.docx", "表.xlsx", "表.xlsx.yaml", "通知.txt"]);
        let docx = dir.path().join("表.docx");
        let saved = folder.save(&docx, b"dutyctl: 1\n").unwrap();
        assert_eq!(saved, "表.docx.yaml");
        assert_eq!(
            folder.saved_register(&dir.path().join("通知.txt")),
            None,
            "a notice without a twin saves as NAME.yaml, not yet written"
        );
        let listed: Vec<(String, bool)> = folder
            .list()
            .into_iter()
            .map(|l| (l.path, l.saved))
            .collect();
        assert_eq!(
            listed,
            [
                ("表.docx".to_string(), true),
                ("表.xlsx".to_string(), true),
                ("通知.txt".to_string(), false)
            ]
        );
    }

    #[test]
    fn paths_that_leave_the_folder_are_refused() {
        let (_dir, folder) = folder_with(&["a.txt"]);
        assert!(folder.resolve("a.txt").is_ok());
        for bad in ["../a.txt", "/etc/passwd", "", "x/../../a.txt", "./a.txt"] {
            assert!(
                matches!(folder.resolve(bad), Err(FolderError::Outside(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            folder.resolve("b.txt"),
            Err(FolderError::NotFound(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_folder_is_refused() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "x").unwrap();
        let (dir, folder) = folder_with(&[]);
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), dir.path().join("s.txt"))
            .unwrap();
        assert!(matches!(
            folder.resolve("s.txt"),
            Err(FolderError::Outside(_))
        ));
        assert!(folder.list().is_empty());
    }
}
