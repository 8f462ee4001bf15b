//! "Did you mean: …?" hints for uncaught `NameError` / `AttributeError` (CPython 3.12 rules:
//! Levenshtein distance with case-flip cost 1, move cost 2, at most a third of the characters).

use crate::object::Payload;
use crate::value::Value;
use crate::Vm;

const MAX_CANDIDATES: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

/// Top-level names of the standard library likely to be referenced without an import.
const STDLIB: &[&str] = &[
    "abc",
    "argparse",
    "array",
    "ast",
    "asyncio",
    "base64",
    "binascii",
    "bisect",
    "builtins",
    "calendar",
    "cmath",
    "codecs",
    "collections",
    "contextlib",
    "copy",
    "csv",
    "dataclasses",
    "datetime",
    "decimal",
    "difflib",
    "dis",
    "enum",
    "errno",
    "fractions",
    "functools",
    "gc",
    "getopt",
    "glob",
    "hashlib",
    "heapq",
    "hmac",
    "html",
    "http",
    "importlib",
    "inspect",
    "io",
    "itertools",
    "json",
    "keyword",
    "locale",
    "logging",
    "math",
    "operator",
    "os",
    "pathlib",
    "pickle",
    "platform",
    "pprint",
    "queue",
    "random",
    "re",
    "secrets",
    "select",
    "shlex",
    "shutil",
    "signal",
    "socket",
    "sqlite3",
    "statistics",
    "string",
    "struct",
    "subprocess",
    "sys",
    "tempfile",
    "textwrap",
    "threading",
    "time",
    "timeit",
    "token",
    "tokenize",
    "traceback",
    "types",
    "typing",
    "unicodedata",
    "unittest",
    "urllib",
    "uuid",
    "warnings",
    "weakref",
    "zipfile",
    "zlib",
];

fn sub_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

fn distance(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    let (mut a, mut b) = (a, b);
    while let (Some(x), Some(y)) = (a.first(), b.first()) {
        if x != y {
            break;
        }
        a = &a[1..];
        b = &b[1..];
    }
    while let (Some(x), Some(y)) = (a.last(), b.last()) {
        if x != y {
            break;
        }
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut buffer: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &code) in b.iter().enumerate() {
        let mut dist = bi * MOVE_COST;
        result = dist;
        let mut minimum = usize::MAX;
        for (ai, &ac) in a.iter().enumerate() {
            let substitute = dist + sub_cost(code, ac);
            dist = buffer[ai];
            let insert_delete = result.min(dist) + MOVE_COST;
            result = insert_delete.min(substitute);
            buffer[ai] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

/// The best candidate for `name` among `dir`, like CPython's `calculate_suggestions`.
pub fn best_match(dir: &[String], name: &str) -> Option<String> {
    if dir.len() >= MAX_CANDIDATES {
        return None;
    }
    let mut best: Option<&String> = None;
    let mut best_d = usize::MAX;
    for item in dir {
        if item == name {
            continue;
        }
        let max_d = ((name.len() + item.len() + 3) * MOVE_COST / 6).min(best_d.saturating_sub(1));
        let d = distance(name.as_bytes(), item.as_bytes(), max_d);
        if d > max_d {
            continue;
        }
        if best.is_none() || d < best_d {
            best = Some(item);
            best_d = d;
        }
    }
    best.cloned()
}

fn keys(vm: &Vm, d: &Value) -> Vec<String> {
    vm.dict_items(d)
        .into_iter()
        .filter_map(|(k, _)| k.as_str().map(String::from))
        .collect()
}

impl Vm {
    /// The ". Did you mean: …?" trailer for an exception, if any.
    pub(crate) fn suggestion_for(&mut self, exc: &Value) -> Option<String> {
        let Some(Payload::Exception(st)) = exc.payload() else {
            return None;
        };
        let dict = exc.as_obj()?.dict_obj()?;
        let name = self.dict_get_str(&dict, "name")?;
        let name_s = name.as_str()?.to_string();
        let cls = self.type_of(exc);
        if self.is_subclass(&cls, &self.t.exc.attribute_error.clone()) {
            let obj = self.dict_get_str(&dict, "obj")?;
            let dir = self.dir_of(&obj).ok()?;
            let items: Vec<String> = self
                .to_vec(&dir)
                .ok()?
                .iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect();
            let s = best_match(&items, &name_s)?;
            return Some(format!(
                ". Did you mean: {}?",
                crate::proto::repr::repr_str(&s)
            ));
        }
        if !self.is_subclass(&cls, &self.t.exc.name_error.clone()) {
            return None;
        }
        let entry = st.borrow().traceback.first().cloned()?;
        let code = entry.code.clone();
        let varnames: Vec<String> = code
            .raw
            .varnames()
            .iter()
            .map(|n| n.to_str_lossy().into_owned())
            .collect();
        let mut suggestion = None;
        if varnames.iter().any(|v| v == "self") {
            if let Some(selfv) = &entry.self_value {
                if let Ok(Some(_)) = self.lookup_attr(selfv, &name_s) {
                    suggestion = Some(format!("self.{name_s}"));
                }
            }
        }
        if suggestion.is_none() {
            suggestion = best_match(&varnames, &name_s);
        }
        if suggestion.is_none() {
            if let Some(g) = &entry.globals {
                suggestion = best_match(&keys(self, &Value::Obj(g.clone())), &name_s);
            }
        }
        if suggestion.is_none() {
            let b = Value::Obj(self.builtins.clone());
            let ks: Vec<String> = keys(self, &b)
                .into_iter()
                .filter(|k| !k.starts_with("__pyvm"))
                .collect();
            suggestion = best_match(&ks, &name_s);
        }
        let stdlib = STDLIB.contains(&name_s.as_str());
        let q = crate::proto::repr::repr_str;
        match (suggestion, stdlib) {
            (Some(s), false) => Some(format!(". Did you mean: {}?", q(&s))),
            (None, true) => Some(format!(". Did you forget to import {}?", q(&name_s))),
            (Some(s), true) => Some(format!(
                ". Did you mean: {}? Or did you forget to import {}?",
                q(&s),
                q(&name_s)
            )),
            (None, false) => None,
        }
    }
}
