//! Directory programs (`tests/programs/DIR/main.py` with modules and packages beside it):
//! discovery, cache freshness set-up and expected output, shared by `tests/golden.rs` and
//! `tests/imports.rs`.
//!
//! - `DIR/fixture.conf` (see `tools/README.md`) may say `runner = imports`: such a program
//!   needs special set-up and is run by `tests/imports.rs` only.
//! - git does not keep file times, so the timestamp-based caches CPython wrote would look stale
//!   after a checkout. [`sync_caches`] sets each source's modification time to the one its
//!   cache records (for `pycache = stale` programs: ten seconds later, so they are stale).
//! - The fixture generator runs programs with the repository mounted at `/repo`; absolute paths
//!   in the recorded output are rewritten to the real checkout by [`expected`].
//! - `main.pyvm.{out,err,code}`, when present, is a hand-written expectation that replaces
//!   CPython's recording where pyvm deliberately differs (a stale cache: CPython recompiles,
//!   pyvm refuses).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

/// Where the fixture generator mounted the repository.
pub const FIXTURE_ROOT: &str = "/repo/";

/// One `key = value` setting of `DIR/fixture.conf`.
pub fn conf_value(prog_dir: &Path, key: &str) -> Option<String> {
    let text = std::fs::read_to_string(prog_dir.join("fixture.conf")).ok()?;
    text.lines().find_map(|line| {
        let line = line.split('#').next().unwrap_or("").trim();
        let (k, v) = line.split_once('=')?;
        (k.trim() == key).then(|| v.trim().to_string())
    })
}

/// Names (`DIR/main`) of the directory programs under `programs`, with their caches synced.
/// `runner` selects programs whose `fixture.conf` names that runner (`None`: the golden runner,
/// i.e. programs without a `runner` setting).
pub fn programs(programs: &Path, runner: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(programs) else {
        return out;
    };
    for e in rd.filter_map(Result::ok) {
        let p = e.path();
        if !p.is_dir() || !p.join("main.pyc").is_file() || !p.join("main.out").is_file() {
            continue;
        }
        if conf_value(&p, "runner").as_deref() != runner {
            continue;
        }
        sync_caches(&p);
        if let Some(n) = p.file_name() {
            out.push(format!("{}/main", n.to_string_lossy()));
        }
    }
    out.sort();
    out
}

/// Every compiled cache of a directory program with the source it belongs to.
fn caches(prog_dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    let prefix_root = prog_dir
        .join("_pycache_prefix")
        .join(FIXTURE_ROOT.trim_matches('/'));
    let repo = prog_dir
        .ancestors()
        .nth(3)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut stack = vec![prog_dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.filter_map(Result::ok) {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let Some(stem) = name.strip_suffix(".cpython-312.pyc") else {
                continue;
            };
            let src = if d.file_name().is_some_and(|n| n == "__pycache__") {
                d.parent().map(|s| s.join(format!("{stem}.py")))
            } else {
                // A pycache-prefix mirror: strip the prefix and the fixture root.
                d.strip_prefix(&prefix_root)
                    .ok()
                    .map(|rel| repo.join(rel).join(format!("{stem}.py")))
            };
            if let Some(src) = src {
                out.push((p, src));
            }
        }
    }
    out
}

/// Sets source modification times from the timestamp-based caches (see the module docs).
pub fn sync_caches(prog_dir: &Path) {
    let stale = conf_value(prog_dir, "pycache").as_deref() == Some("stale");
    for (cache, src) in caches(prog_dir) {
        let Ok(bytes) = std::fs::read(&cache) else {
            continue;
        };
        let Some(h) = bytes.get(4..16) else { continue };
        let flags = u32::from_le_bytes([h[0], h[1], h[2], h[3]]);
        if flags & 1 != 0 {
            continue; // hash-based: times do not matter
        }
        let mtime = u64::from(u32::from_le_bytes([h[4], h[5], h[6], h[7]]));
        let size = u64::from(u32::from_le_bytes([h[8], h[9], h[10], h[11]]));
        let Ok(md) = std::fs::metadata(&src) else {
            continue;
        };
        if md.len() != size {
            continue;
        }
        let want = UNIX_EPOCH + Duration::from_secs(if stale { mtime + 10 } else { mtime });
        let have = md.modified().ok().map(|t| {
            t.duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0)
        });
        if have == Some(mtime) && !stale {
            continue;
        }
        if let Ok(f) = std::fs::File::options().append(true).open(&src) {
            let _ = f.set_modified(want);
        }
    }
}

/// The expected bytes of `tests/programs/{name}.{ext}` (see the module docs).
pub fn expected(root: &Path, name: &str, ext: &str) -> Vec<u8> {
    let dir = root.join("tests/programs");
    let own = dir.join(format!("{name}.pyvm.{ext}"));
    let path = if own.is_file() {
        own
    } else {
        dir.join(format!("{name}.{ext}"))
    };
    let bytes = std::fs::read(path).unwrap_or_default();
    if !name.contains('/') {
        return bytes;
    }
    let real = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let text = String::from_utf8_lossy(&bytes);
    text.replace(FIXTURE_ROOT, &format!("{}/", real.display()))
        .into_bytes()
}
