//! The path-based finder: where on `sys.path` (or a package's `__path__`) a module lives.
//!
//! Mirrors CPython 3.12's `PathFinder` with its two path hooks: `zipimporter` for entries that
//! name a zip archive (or a directory inside one) and `FileFinder` for directories. A directory
//! finder tries, in order, `NAME/__init__.py`, `NAME/__init__.pyc` (a regular package), then
//! `NAME.py` (source, whose compiled cache is used) and `NAME.pyc` (sourceless). A directory
//! `NAME` without `__init__` is a namespace portion, used only when no entry has the module.

use super::cache::{getcwd, is_dir, is_file, path_join};
use super::zip::Archive;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Where a module's code comes from.
#[derive(Debug, Clone)]
pub enum Loc {
    /// A `.py` file: its `__pycache__` (or prefix) cache holds the code.
    Source {
        /// The source path (the module's `__file__`).
        path: String,
    },
    /// A `.pyc` file standing where the source would be.
    Sourceless {
        /// The `.pyc` path (the module's `__file__`).
        path: String,
    },
    /// A member of a zip archive.
    Zip {
        /// The archive (as written on the path entry).
        archive: String,
        /// The member name inside the archive.
        member: String,
    },
}

/// A module found on the path.
#[derive(Debug, Clone)]
pub struct FileSpec {
    /// Where the code is.
    pub loc: Loc,
    /// `__file__` / `spec.origin`.
    pub origin: String,
    /// `__path__` for a package.
    pub search: Option<Vec<String>>,
}

/// The result of a path search.
#[derive(Debug)]
pub enum Finding {
    /// A module or regular package.
    File(FileSpec),
    /// A namespace package made of these directories.
    Namespace(Vec<String>),
    /// Nothing on the path.
    NotFound,
}

/// A parsed archive together with its bytes.
pub struct ZipData {
    /// The whole file.
    pub bytes: Vec<u8>,
    /// Its table of contents.
    pub archive: Archive,
}

/// Remembers parsed zip archives (`zipimport._zip_directory_cache`).
#[derive(Default)]
pub struct ZipCache {
    map: RefCell<HashMap<String, Option<Rc<ZipData>>>>,
}

impl ZipCache {
    /// The archive at `path`, parsed once.
    pub fn get(&self, path: &str) -> Option<Rc<ZipData>> {
        if let Some(v) = self.map.borrow().get(path) {
            return v.clone();
        }
        let loaded = std::fs::read(path).ok().and_then(|bytes| {
            Archive::parse(&bytes)
                .ok()
                .map(|archive| Rc::new(ZipData { bytes, archive }))
        });
        self.map
            .borrow_mut()
            .insert(path.to_string(), loaded.clone());
        loaded
    }

    /// Forgets every archive (`importlib.invalidate_caches`).
    pub fn clear(&self) {
        self.map.borrow_mut().clear();
    }
}

/// Splits a path entry into a zip archive and a prefix inside it, as `zipimporter` does: walk
/// up while the path does not exist; the first existing component must be a regular file.
fn zip_entry(entry: &str) -> Option<(String, String)> {
    let mut path = entry.to_string();
    let mut rest: Vec<String> = Vec::new();
    loop {
        match std::fs::metadata(&path) {
            Ok(md) if md.is_file() => break,
            Ok(_) => return None,
            Err(_) => {
                let (dir, base) = match path.rsplit_once('/') {
                    Some(("", b)) => ("/".to_string(), b.to_string()),
                    Some((d, b)) => (d.to_string(), b.to_string()),
                    None => return None,
                };
                if dir == path {
                    return None;
                }
                rest.push(base);
                path = dir;
            }
        }
    }
    rest.reverse();
    let mut prefix = rest.join("/");
    if !prefix.is_empty() {
        prefix.push('/');
    }
    Some((path, prefix))
}

/// `_path_abspath` of a directory entry (`''` and `'.'` are the current directory).
fn abspath(entry: &str) -> String {
    if entry.is_empty() || entry == "." {
        getcwd()
    } else if entry.starts_with('/') {
        entry.to_string()
    } else {
        path_join(&[&getcwd(), entry])
    }
}

/// Searches `entries` for the module `fullname` (only its last component is looked up).
pub fn find(fullname: &str, entries: &[String], zips: &ZipCache) -> Finding {
    let tail = fullname.rsplit_once('.').map_or(fullname, |(_, t)| t);
    // FileFinder matches names against directory listings: a name with a separator (or a
    // NUL) can never match, and must not reach the file system as a path.
    if tail.is_empty() || tail.contains(['/', '\0']) {
        return Finding::NotFound;
    }
    let mut namespace = Vec::new();
    for entry in entries {
        let found = if is_dir(&abspath(entry)) {
            find_in_dir(&abspath(entry), tail)
        } else if let Some((archive, prefix)) = zip_entry(entry) {
            match zips.get(&archive) {
                Some(z) => find_in_zip(&z.archive, &archive, &prefix, tail),
                None => DirResult::Nothing,
            }
        } else {
            DirResult::Nothing
        };
        match found {
            DirResult::Found(spec) => return Finding::File(spec),
            DirResult::Portion(p) => namespace.push(p),
            DirResult::Nothing => {}
        }
    }
    if namespace.is_empty() {
        Finding::NotFound
    } else {
        Finding::Namespace(namespace)
    }
}

enum DirResult {
    Found(FileSpec),
    Portion(String),
    Nothing,
}

fn find_in_dir(dir: &str, tail: &str) -> DirResult {
    let base = path_join(&[dir, tail]);
    let mut portion = None;
    if is_dir(&base) {
        let init_py = path_join(&[&base, "__init__.py"]);
        if is_file(&init_py) {
            return DirResult::Found(FileSpec {
                loc: Loc::Source {
                    path: init_py.clone(),
                },
                origin: init_py,
                search: Some(vec![base]),
            });
        }
        let init_pyc = path_join(&[&base, "__init__.pyc"]);
        if is_file(&init_pyc) {
            return DirResult::Found(FileSpec {
                loc: Loc::Sourceless {
                    path: init_pyc.clone(),
                },
                origin: init_pyc,
                search: Some(vec![base]),
            });
        }
        portion = Some(base);
    }
    let py = path_join(&[dir, &format!("{tail}.py")]);
    if is_file(&py) {
        return DirResult::Found(FileSpec {
            loc: Loc::Source { path: py.clone() },
            origin: py,
            search: None,
        });
    }
    let pyc = path_join(&[dir, &format!("{tail}.pyc")]);
    if is_file(&pyc) {
        return DirResult::Found(FileSpec {
            loc: Loc::Sourceless { path: pyc.clone() },
            origin: pyc,
            search: None,
        });
    }
    match portion {
        Some(p) => DirResult::Portion(p),
        None => DirResult::Nothing,
    }
}

fn find_in_zip(z: &Archive, archive: &str, prefix: &str, tail: &str) -> DirResult {
    let path = format!("{prefix}{tail}");
    let order: [(&str, bool); 4] = [
        ("/__init__.pyc", true),
        ("/__init__.py", true),
        (".pyc", false),
        (".py", false),
    ];
    for (suffix, package) in order {
        let member = format!("{path}{suffix}");
        if z.entry(&member).is_some() {
            let origin = path_join(&[archive, &member]);
            let search = package.then(|| vec![path_join(&[archive, &path])]);
            return DirResult::Found(FileSpec {
                loc: Loc::Zip {
                    archive: archive.to_string(),
                    member,
                },
                origin,
                search,
            });
        }
    }
    if z.entry(&format!("{path}/")).is_some() {
        return DirResult::Portion(format!("{archive}/{path}"));
    }
    DirResult::Nothing
}
