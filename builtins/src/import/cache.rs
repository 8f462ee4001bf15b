//! Finding and validating the compiled file of a source module, as CPython's
//! `SourceFileLoader.get_code` decides — except that pyvm never compiles: where CPython would
//! fall back to compiling the source (no cache, stale cache, unusable cache) pyvm reports a
//! [`CacheError`] naming the file and the command that refreshes it. pyvm never writes a `.pyc`.

use pyvm_loader::{Code, Freshness, Header, LoadError, SourceInfo};
use std::path::Path;
use std::sync::Arc;
use std::time::UNIX_EPOCH;

/// The implementation tag in cache file names (`m.cpython-312.pyc`).
pub const CACHE_TAG: &str = "cpython-312";

/// Why a source module has no usable compiled code.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CacheError {
    /// There is no compiled file where CPython would have written one.
    #[error(
        "no compiled file for module '{module}': expected '{cache}' for the source '{source_path}'; \
         pyvm does not compile Python source, create it with: {}",
        refresh_command(dir, prefix.as_deref())
    )]
    Missing {
        /// The module's full name.
        module: String,
        /// The source file.
        source_path: String,
        /// Where the compiled file was looked for.
        cache: String,
        /// The directory holding the source.
        dir: String,
        /// The pycache prefix in force, if any.
        prefix: Option<String>,
    },
    /// The compiled file does not match the source any more.
    #[error(
        "stale compiled file for module '{module}': '{cache}' does not match the source '{source_path}' \
         ({}); pyvm does not compile Python source, refresh it with: {}",
        stale_reason(*why),
        refresh_command(dir, prefix.as_deref())
    )]
    Stale {
        /// The module's full name.
        module: String,
        /// The source file.
        source_path: String,
        /// The compiled file.
        cache: String,
        /// The directory holding the source.
        dir: String,
        /// The pycache prefix in force, if any.
        prefix: Option<String>,
        /// What differs.
        why: Freshness,
    },
    /// The compiled file exists but cannot be used (wrong version, corrupt, unreadable).
    #[error(
        "unusable compiled file for module '{module}': '{cache}': {problem}; \
         pyvm does not compile Python source, recreate it with: {}",
        refresh_command(dir, prefix.as_deref())
    )]
    Unusable {
        /// The module's full name.
        module: String,
        /// The compiled file.
        cache: String,
        /// The directory holding the source.
        dir: String,
        /// The pycache prefix in force, if any.
        prefix: Option<String>,
        /// The loader's or the file system's complaint.
        problem: String,
    },
    /// A sourceless `.pyc` (or a source file's own metadata) cannot be read or loaded.
    #[error("cannot load compiled module '{module}' from '{path}': {problem}")]
    BadFile {
        /// The module's full name.
        module: String,
        /// The file.
        path: String,
        /// What went wrong.
        problem: String,
    },
}

fn stale_reason(why: Freshness) -> &'static str {
    match why {
        Freshness::StaleMtime => "the source's modification time differs from the one recorded",
        Freshness::StaleSize => "the source's size differs from the one recorded",
        Freshness::StaleHash => "the source's hash differs from the one recorded",
        _ => "the source cannot be checked",
    }
}

/// The command that (re)creates the caches of the modules in `dir`.
pub fn refresh_command(dir: &str, prefix: Option<&str>) -> String {
    match prefix {
        Some(p) => format!("python3.12 -X pycache_prefix={p} -m compileall {dir}"),
        None => format!("python3.12 -m compileall {dir}"),
    }
}

/// `os.path.join` for POSIX paths as importlib's `_path_join` does it: empty parts are dropped
/// and trailing separators of each part removed.
pub fn path_join(parts: &[&str]) -> String {
    let kept: Vec<&str> = parts
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.trim_end_matches('/'))
        .collect();
    let mut out = kept.join("/");
    if out.is_empty() && parts.iter().any(|p| p.starts_with('/')) {
        out.push('/');
    }
    out
}

/// The current directory as a string (`""` if it cannot be read).
pub fn getcwd() -> String {
    std::env::current_dir()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `importlib.util.cache_from_source(path)` for CPython 3.12 without optimization: the
/// `__pycache__` file beside the source, or its mirror under `prefix`.
pub fn cache_from_source(path: &str, prefix: Option<&str>) -> String {
    let (head, tail) = match path.rsplit_once('/') {
        Some((h, t)) => (h, t),
        None => ("", path),
    };
    let (base, rest) = match tail.rsplit_once('.') {
        Some((b, r)) => (b, r),
        None => ("", tail),
    };
    let stem = if base.is_empty() { rest } else { base };
    let filename = format!("{stem}.{CACHE_TAG}.pyc");
    match prefix {
        Some(prefix) => {
            let head = if head.starts_with('/') || path.starts_with('/') {
                if head.is_empty() {
                    "/".to_string()
                } else {
                    head.to_string()
                }
            } else {
                path_join(&[&getcwd(), head])
            };
            path_join(&[prefix, head.trim_start_matches('/'), &filename])
        }
        None => path_join(&[head, "__pycache__", &filename]),
    }
}

/// Modification time (whole seconds, as `int(st_mtime)`) and size of a file.
fn stat(path: &str) -> std::io::Result<(u64, u64)> {
    let md = std::fs::metadata(path)?;
    let mtime = match md.modified()?.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs(),
        // Before the epoch: int() truncates towards zero; keep the low 32 bits as CPython does.
        Err(e) => {
            let d = e.duration();
            let secs = d.as_secs() as i64;
            (-secs) as u64
        }
    };
    Ok((mtime, md.len()))
}

/// Loads the compiled code for the source module at `source` (an absolute path).
pub fn load_for_source(
    module: &str,
    source: &str,
    prefix: Option<&str>,
) -> Result<(Arc<Code>, String), CacheError> {
    let cache = cache_from_source(source, prefix);
    let dir = match source.rsplit_once('/') {
        Some(("", _)) => "/".to_string(),
        Some((d, _)) => d.to_string(),
        None => ".".to_string(),
    };
    let prefix_s = prefix.map(str::to_string);
    let bytes = match std::fs::read(&cache) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(CacheError::Missing {
                module: module.into(),
                source_path: source.into(),
                cache,
                dir,
                prefix: prefix_s,
            })
        }
        Err(e) => {
            return Err(CacheError::Unusable {
                module: module.into(),
                cache,
                dir,
                prefix: prefix_s,
                problem: e.to_string(),
            })
        }
    };
    let unusable = |problem: String, cache: String, dir: String| CacheError::Unusable {
        module: module.into(),
        cache,
        dir,
        prefix: prefix.map(str::to_string),
        problem,
    };
    let header = match Header::parse(&bytes) {
        Ok(h) => h,
        Err(e) => return Err(unusable(e.to_string(), cache, dir)),
    };
    let (mtime, size) = match stat(source) {
        Ok(s) => s,
        Err(e) => {
            return Err(CacheError::BadFile {
                module: module.into(),
                path: source.into(),
                problem: e.to_string(),
            })
        }
    };
    let needs_bytes = matches!(
        header.validation,
        pyvm_loader::Validation::Hash { checked: true, .. }
    );
    let src_bytes = if needs_bytes {
        match std::fs::read(source) {
            Ok(b) => Some(b),
            Err(e) => {
                return Err(CacheError::BadFile {
                    module: module.into(),
                    path: source.into(),
                    problem: e.to_string(),
                })
            }
        }
    } else {
        None
    };
    let info = SourceInfo {
        mtime,
        size,
        bytes: src_bytes.as_deref(),
    };
    let fresh = header.freshness(&info);
    if !fresh.is_usable() {
        return Err(CacheError::Stale {
            module: module.into(),
            source_path: source.into(),
            cache,
            dir,
            prefix: prefix_s,
            why: fresh,
        });
    }
    match pyvm_loader::load_pyc(&bytes) {
        Ok(pyc) => Ok((fix_filename(&pyc.code, source), cache)),
        Err(e) => Err(unusable(e.to_string(), cache, dir)),
    }
}

/// Loads a `.pyc` file that stands where its source would be.
pub fn load_sourceless(module: &str, path: &str) -> Result<Arc<Code>, CacheError> {
    let bad = |e: LoadError| CacheError::BadFile {
        module: module.into(),
        path: path.into(),
        problem: e.to_string(),
    };
    match std::fs::read(path) {
        Ok(bytes) => pyvm_loader::load_pyc(&bytes).map(|p| p.code).map_err(bad),
        Err(e) => Err(CacheError::BadFile {
            module: module.into(),
            path: path.into(),
            problem: e.to_string(),
        }),
    }
}

/// `_imp._fix_co_filename`: a module loaded from a cache reports its source's current path,
/// wherever it was compiled. Nested code objects that shared the old name follow it.
pub fn fix_filename(code: &Arc<Code>, source: &str) -> Arc<Code> {
    if code.filename.as_str() == Some(source) {
        return code.clone();
    }
    let old = code.filename.clone();
    let new = pyvm_loader::PyStr::Utf8(Arc::from(source));
    rename(code, &old, &new)
}

fn rename(code: &Arc<Code>, old: &pyvm_loader::PyStr, new: &pyvm_loader::PyStr) -> Arc<Code> {
    let mut c = (**code).clone();
    if &c.filename == old {
        c.filename = new.clone();
    }
    if c.consts
        .iter()
        .any(|o| matches!(o, pyvm_loader::Obj::Code(_)))
    {
        let consts: Vec<pyvm_loader::Obj> = c
            .consts
            .iter()
            .map(|o| match o {
                pyvm_loader::Obj::Code(inner) => pyvm_loader::Obj::Code(rename(inner, old, new)),
                other => other.clone(),
            })
            .collect();
        c.consts = Arc::from(consts);
    }
    Arc::new(c)
}

/// Whether `path` is an existing regular file (following symbolic links).
pub fn is_file(path: &str) -> bool {
    Path::new(path).is_file()
}

/// Whether `path` is an existing directory (following symbolic links).
pub fn is_dir(path: &str) -> bool {
    Path::new(path).is_dir()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_paths() {
        assert_eq!(
            cache_from_source("/a/b/m.py", None),
            "/a/b/__pycache__/m.cpython-312.pyc"
        );
        assert_eq!(
            cache_from_source("/a/b/m.py", Some("/p")),
            "/p/a/b/m.cpython-312.pyc"
        );
        assert_eq!(
            cache_from_source("/m.py", Some("/p")),
            "/p/m.cpython-312.pyc"
        );
        assert_eq!(
            cache_from_source("/a/pkg/__init__.py", None),
            "/a/pkg/__pycache__/__init__.cpython-312.pyc"
        );
        assert_eq!(
            cache_from_source("/a/.hidden", None),
            "/a/__pycache__/hidden.cpython-312.pyc"
        );
    }

    #[test]
    fn joins() {
        assert_eq!(path_join(&["/a/", "b", "", "c"]), "/a/b/c");
        assert_eq!(path_join(&["", "x"]), "x");
    }

    #[test]
    fn messages() {
        let e = CacheError::Missing {
            module: "m".into(),
            source_path: "/d/m.py".into(),
            cache: "/d/__pycache__/m.cpython-312.pyc".into(),
            dir: "/d".into(),
            prefix: None,
        };
        assert_eq!(
            e.to_string(),
            "no compiled file for module 'm': expected '/d/__pycache__/m.cpython-312.pyc' for the source \
             '/d/m.py'; pyvm does not compile Python source, create it with: python3.12 -m compileall /d"
        );
        assert_eq!(
            refresh_command("/d", Some("/c")),
            "python3.12 -X pycache_prefix=/c -m compileall /d"
        );
    }
}
