//! `re.Pattern`: `_sre.compile` and the pattern's methods (`match`, `search`, `findall`,
//! `split`, `sub`, …).

use super::engine::{self, Capture, Request};
use super::matchobj::{self, new_match};
use super::subject::Subject;
use super::{engine_err, property, Classes};
use crate::modules::{add_method, bind, native, this};
use pyvm_vm::object::IterState;
use pyvm_vm::proto::cmp::CompareOp;
use pyvm_vm::{Args, Payload, PyResult, Value, Vm};
use std::rc::Rc;

/// The state of a `re.Pattern`.
pub(crate) struct PatternData {
    pub pattern: Value,
    pub flags: i64,
    pub code: Rc<[u32]>,
    pub groups: usize,
    /// The `groupindex` dict (`None` when the pattern has no named groups).
    pub groupindex: Value,
    /// The `indexgroup` tuple (`None` when the pattern has no named groups).
    pub indexgroup: Value,
    /// `None` when the pattern object is `None` (matches either kind).
    pub is_bytes: Option<bool>,
}

const FLAG_NAMES: [(&str, i64); 9] = [
    ("re.TEMPLATE", 1),
    ("re.IGNORECASE", 2),
    ("re.LOCALE", 4),
    ("re.MULTILINE", 8),
    ("re.DOTALL", 16),
    ("re.UNICODE", 32),
    ("re.VERBOSE", 64),
    ("re.DEBUG", 128),
    ("re.ASCII", 256),
];

fn pat<'a>(vm: &Vm, a: &Args<'a>, meth: &str) -> PyResult<&'a PatternData> {
    this::<PatternData>(vm, a, "re.Pattern", meth)
}

fn rest<'a>(a: &Args<'a>) -> Args<'a> {
    Args {
        pos: a.pos.get(1..).unwrap_or(&[]),
        kw: a.kw,
    }
}

/// `_sre.compile(pattern, flags, code, groups, groupindex, indexgroup)`.
pub(crate) fn compile(vm: &mut Vm, cl: &Rc<Classes>, a: &Args<'_>) -> PyResult<Value> {
    let names = [
        "pattern",
        "flags",
        "code",
        "groups",
        "groupindex",
        "indexgroup",
    ];
    let p = bind(vm, a, "compile", &names, 0, 6, 0)?;
    let arg = |i: usize| p.get(i).cloned().flatten().unwrap_or_default();
    let (pattern, flags_v, code_v, groups_v, gi, ig) =
        (arg(0), arg(1), arg(2), arg(3), arg(4), arg(5));
    let kind_check = |vm: &Vm, v: &Value, want: &str, name: &str| -> PyResult<()> {
        let ok = match want {
            "list" => matches!(v.payload(), Some(Payload::List(_))),
            "dict" => matches!(v.payload(), Some(Payload::Dict(_))),
            _ => matches!(v.payload(), Some(Payload::Tuple(_))),
        };
        if ok {
            Ok(())
        } else {
            Err(vm.new_type_error(&format!(
                "compile() argument '{name}' must be {want}, not {}",
                vm.type_name(v)
            )))
        }
    };
    kind_check(vm, &code_v, "list", "code")?;
    kind_check(vm, &gi, "dict", "groupindex")?;
    kind_check(vm, &ig, "tuple", "indexgroup")?;
    let flags = vm.to_index(&flags_v)?;
    let items = vm.to_vec(&code_v)?;
    let mut code = Vec::with_capacity(items.len());
    for it in &items {
        let big = vm.as_bigint(it).ok_or_else(|| {
            vm.new_type_error(&format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(it)
            ))
        })?;
        if big.sign() == num_bigint::Sign::Minus {
            return Err(vm.new_overflow_error("can't convert negative int to unsigned"));
        }
        let w = u32::try_from(&big)
            .map_err(|_| vm.new_overflow_error("regular expression code size limit exceeded"))?;
        code.push(w);
    }
    let groups = vm.to_index(&groups_v)?;
    let groups = usize::try_from(groups)
        .ok()
        .filter(|&g| g <= code.len())
        .ok_or_else(|| vm.new_runtime_error("invalid SRE code"))?;
    let is_bytes = if pattern.is_none() {
        None
    } else {
        Some(Subject::read(vm, &pattern)?.is_bytes)
    };
    let named = vm.len(&gi)? > 0;
    let pd = PatternData {
        pattern,
        flags,
        code: code.into(),
        groups,
        groupindex: if named { gi } else { Value::None },
        indexgroup: if named && vm.len(&ig)? > 0 {
            ig
        } else {
            Value::None
        },
        is_bytes,
    };
    Ok(Value::Obj(
        vm.alloc(&cl.pattern, Payload::Native(Box::new(pd))),
    ))
}

/// Reads the subject and clamps `pos` / `endpos` (`state_init`).
pub(crate) fn prepare(
    vm: &mut Vm,
    cl: &Classes,
    pd: &PatternData,
    string: &Value,
    pos: i64,
    endpos: i64,
) -> PyResult<(Rc<Subject>, usize, usize)> {
    let subj = cl.subjects.read(vm, string)?;
    match (subj.is_bytes, pd.is_bytes) {
        (true, Some(false)) => {
            return Err(vm.new_type_error("cannot use a string pattern on a bytes-like object"))
        }
        (false, Some(true)) => {
            return Err(vm.new_type_error("cannot use a bytes pattern on a string-like object"))
        }
        _ => {}
    }
    let len = subj.len();
    let clamp = |v: i64| usize::try_from(v.max(0)).unwrap_or(usize::MAX).min(len);
    Ok((subj, clamp(pos), clamp(endpos)))
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Match,
    Full,
    Search,
}

/// Runs the pattern once.
pub(crate) fn exec(
    vm: &mut Vm,
    pd: &PatternData,
    subj: &Subject,
    start: usize,
    end: usize,
    mode: Mode,
    must_advance: bool,
) -> PyResult<Option<Capture>> {
    let req = Request {
        code: &pd.code,
        text: &subj.text,
        start,
        end,
        groups: pd.groups,
        match_all: mode == Mode::Full,
        must_advance,
    };
    let mut poll = || vm.tick();
    let r = if mode == Mode::Search {
        engine::do_search(&req, &mut poll)
    } else {
        engine::do_match(&req, &mut poll)
    };
    r.map_err(|e| engine_err(vm, e))
}

/// `string`, `pos`, `endpos` arguments of `match`, `search`, `findall`, ….
fn string_pos(vm: &mut Vm, a: &Args<'_>, name: &str) -> PyResult<(Value, i64, i64)> {
    let p = bind(vm, &rest(a), name, &["string", "pos", "endpos"], 0, 1, 0)?;
    let s = p[0].clone().unwrap_or_default();
    let pos = match &p[1] {
        Some(v) => vm.to_index(v)?,
        None => 0,
    };
    let endpos = match &p[2] {
        Some(v) => vm.to_index(v)?,
        None => i64::MAX,
    };
    Ok((s, pos, endpos))
}

fn one_match(
    vm: &mut Vm,
    cl: &Rc<Classes>,
    a: &Args<'_>,
    name: &str,
    mode: Mode,
) -> PyResult<Value> {
    let pd = pat(vm, a, name)?;
    let (s, pos, endpos) = string_pos(vm, a, name)?;
    let (subj, start, end) = prepare(vm, cl, pd, &s, pos, endpos)?;
    match exec(vm, pd, &subj, start, end, mode, false)? {
        Some(cap) => Ok(new_match(
            vm, cl, &a.pos[0], pd, &s, &subj, &cap, start, end,
        )),
        None => Ok(Value::None),
    }
}

/// `state_getslice` for findall / split: group `g` of a capture, `empty` → `''` if unset.
fn group_value(vm: &Vm, subj: &Subject, s: &Value, cap: &Capture, g: usize, empty: bool) -> Value {
    match cap.group(g) {
        Some((i, j)) => subj.slice(vm, s, i, j),
        None if empty => subj.slice(vm, s, 0, 0),
        None => Value::None,
    }
}

fn findall(vm: &mut Vm, cl: &Classes, a: &Args<'_>) -> PyResult<Value> {
    let pd = pat(vm, a, "findall")?;
    let (s, pos, endpos) = string_pos(vm, a, "findall")?;
    let (subj, mut start, end) = prepare(vm, cl, pd, &s, pos, endpos)?;
    let mut out = Vec::new();
    let mut must_advance = false;
    while start <= end {
        let Some(cap) = exec(vm, pd, &subj, start, end, Mode::Search, must_advance)? else {
            break;
        };
        let item = match pd.groups {
            0 => subj.slice(vm, &s, cap.start, cap.end),
            1 => group_value(vm, &subj, &s, &cap, 1, true),
            n => {
                let items = (1..=n)
                    .map(|g| group_value(vm, &subj, &s, &cap, g, true))
                    .collect();
                vm.new_tuple(items)
            }
        };
        out.push(item);
        must_advance = cap.end == cap.start;
        start = cap.end;
    }
    Ok(vm.new_list(out))
}

fn split(vm: &mut Vm, cl: &Classes, a: &Args<'_>) -> PyResult<Value> {
    let pd = pat(vm, a, "split")?;
    let p = bind(vm, &rest(a), "split", &["string", "maxsplit"], 0, 1, 0)?;
    let s = p[0].clone().unwrap_or_default();
    let maxsplit = match &p[1] {
        Some(v) => vm.to_index(v)?,
        None => 0,
    };
    let (subj, mut start, end) = prepare(vm, cl, pd, &s, 0, i64::MAX)?;
    let mut out = Vec::new();
    let mut n = 0i64;
    let mut last = start;
    let mut must_advance = false;
    while maxsplit == 0 || n < maxsplit {
        let Some(cap) = exec(vm, pd, &subj, start, end, Mode::Search, must_advance)? else {
            break;
        };
        out.push(subj.slice(vm, &s, last, cap.start));
        for g in 1..=pd.groups {
            out.push(group_value(vm, &subj, &s, &cap, g, false));
        }
        n += 1;
        must_advance = cap.end == cap.start;
        start = cap.end;
        last = cap.end;
    }
    out.push(subj.slice(vm, &s, last, end));
    Ok(vm.new_list(out))
}

enum Filter {
    Literal(Value),
    Template(Value),
    Callable(Value),
}

fn is_callable(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    match vm.get_builtin("callable") {
        Some(f) => {
            let r = vm.call(&f, std::slice::from_ref(v))?;
            vm.is_true(&r)
        }
        None => Ok(false),
    }
}

fn subx(vm: &mut Vm, cl: &Rc<Classes>, a: &Args<'_>, name: &str, subn: bool) -> PyResult<Value> {
    let pd = pat(vm, a, name)?;
    let p = bind(vm, &rest(a), name, &["repl", "string", "count"], 0, 2, 0)?;
    let repl = p[0].clone().unwrap_or_default();
    let s = p[1].clone().unwrap_or_default();
    let count = match &p[2] {
        Some(v) => vm.to_index(v)?,
        None => 0,
    };
    let filter = if is_callable(vm, &repl)? {
        Filter::Callable(repl)
    } else {
        let literal = match Subject::read(vm, &repl) {
            Ok(t) => !t.text.contains(&u32::from(b'\\')),
            Err(_) => false,
        };
        if literal {
            Filter::Literal(repl)
        } else {
            let t = matchobj::compile_template(vm, cl, &a.pos[0], &repl)?;
            match matchobj::template_literal_only(&t) {
                Some(lit) => Filter::Literal(lit),
                None => Filter::Template(t),
            }
        }
    };
    let (subj, mut start, end) = prepare(vm, cl, pd, &s, 0, i64::MAX)?;
    let mut parts: Vec<Value> = Vec::new();
    let mut n = 0i64;
    let mut i = 0usize;
    let mut must_advance = false;
    while count == 0 || n < count {
        let Some(cap) = exec(vm, pd, &subj, start, end, Mode::Search, must_advance)? else {
            break;
        };
        if i < cap.start {
            parts.push(subj.slice(vm, &s, i, cap.start));
        }
        let item = match &filter {
            Filter::Literal(v) => v.clone(),
            Filter::Template(t) => {
                let m = new_match(vm, cl, &a.pos[0], pd, &s, &subj, &cap, 0, end);
                matchobj::expand_template(vm, t, &m)?
            }
            Filter::Callable(f) => {
                let m = new_match(vm, cl, &a.pos[0], pd, &s, &subj, &cap, 0, end);
                vm.call(f, &[m])?
            }
        };
        if !item.is_none() {
            parts.push(item);
        }
        i = cap.end;
        n += 1;
        must_advance = cap.end == cap.start;
        start = cap.end;
    }
    if i < end {
        parts.push(subj.slice(vm, &s, i, end));
    }
    let joiner = subj.slice(vm, &s, 0, 0);
    let result = if parts.is_empty() {
        joiner
    } else {
        let list = vm.new_list(parts);
        vm.call_method(&joiner, "join", &[list])?
    };
    if subn {
        Ok(vm.new_tuple(vec![result, Value::Int(n)]))
    } else {
        Ok(result)
    }
}

fn pattern_repr(vm: &mut Vm, pd: &PatternData) -> PyResult<Value> {
    let mut flags = pd.flags;
    if pd.is_bytes == Some(false) && flags & (4 | 32 | 256) == 32 {
        flags &= !32;
    }
    let mut items: Vec<String> = Vec::new();
    for (n, v) in FLAG_NAMES {
        if flags & v != 0 {
            items.push(n.to_string());
            flags &= !v;
        }
    }
    if flags != 0 {
        items.push(format!("0x{flags:x}"));
    }
    let r = vm.repr_string(&pd.pattern)?;
    let r: String = r.chars().take(200).collect();
    let text = if items.is_empty() {
        format!("re.compile({r})")
    } else {
        format!("re.compile({r}, {})", items.join("|"))
    };
    Ok(vm.new_string(text))
}

fn pattern_eq(vm: &mut Vm, a: &Args<'_>, negate: bool) -> PyResult<Value> {
    let x = pat(vm, a, "__eq__")?;
    let Some(y) = a.pos.get(1).and_then(|v| native::<PatternData>(v)) else {
        return Ok(vm.not_implemented());
    };
    let same = if a.pos.get(1).is_some_and(|v| v.is(&a.pos[0])) {
        true
    } else {
        x.flags == y.flags && x.is_bytes == y.is_bytes && x.code == y.code && {
            let r = vm.compare(&x.pattern, &y.pattern, CompareOp::Eq)?;
            vm.is_true(&r)?
        }
    };
    Ok(Value::bool(same != negate))
}

pub(crate) fn install(vm: &mut Vm, cl: &Rc<Classes>) {
    let cls = cl.pattern.clone();
    for (name, mode) in [
        ("match", Mode::Match),
        ("fullmatch", Mode::Full),
        ("search", Mode::Search),
    ] {
        let c = cl.clone();
        add_method(vm, &cls, name, move |vm, a| {
            one_match(vm, &c, &a, name, mode)
        });
    }
    let c = cl.clone();
    add_method(vm, &cls, "findall", move |vm, a| findall(vm, &c, &a));
    let c = cl.clone();
    add_method(vm, &cls, "split", move |vm, a| split(vm, &c, &a));
    let c = cl.clone();
    add_method(vm, &cls, "sub", move |vm, a| subx(vm, &c, &a, "sub", false));
    let c = cl.clone();
    add_method(vm, &cls, "subn", move |vm, a| {
        subx(vm, &c, &a, "subn", true)
    });
    let c = cl.clone();
    add_method(vm, &cls, "scanner", move |vm, a| {
        let pd = pat(vm, &a, "scanner")?;
        let (s, pos, endpos) = string_pos(vm, &a, "scanner")?;
        matchobj::new_scanner(vm, &c, &a.pos[0], pd, &s, pos, endpos)
    });
    let c = cl.clone();
    add_method(vm, &cls, "finditer", move |vm, a| {
        let pd = pat(vm, &a, "finditer")?;
        let (s, pos, endpos) = string_pos(vm, &a, "finditer")?;
        let sc = matchobj::new_scanner(vm, &c, &a.pos[0], pd, &s, pos, endpos)?;
        let search = vm.getattr_str(&sc, "search")?;
        let it = vm.types().callable_iterator.clone();
        Ok(vm.new_iterator(
            &it,
            IterState::Callable(Box::new(pyvm_vm::object::CallableIter {
                func: search,
                sentinel: Value::None,
            })),
        ))
    });
    add_method(vm, &cls, "__repr__", |vm, a| {
        let pd = pat(vm, &a, "__repr__")?;
        pattern_repr(vm, pd)
    });
    add_method(vm, &cls, "__eq__", |vm, a| pattern_eq(vm, &a, false));
    add_method(vm, &cls, "__ne__", |vm, a| pattern_eq(vm, &a, true));
    add_method(vm, &cls, "__hash__", |vm, a| {
        let pd = pat(vm, &a, "__hash__")?;
        let mut h = vm.hash(&pd.pattern)?;
        let mut x: u64 = 0xcbf2_9ce4_8422_2325;
        for w in pd.code.iter() {
            x = (x ^ u64::from(*w)).wrapping_mul(0x100_0000_01b3);
        }
        h ^= x as i64;
        if h == -1 {
            h = -2;
        }
        Ok(Value::Int(h))
    });
    add_method(vm, &cls, "__copy__", |vm, a| {
        pat(vm, &a, "__copy__")?;
        Ok(a.pos[0].clone())
    });
    add_method(vm, &cls, "__deepcopy__", |vm, a| {
        pat(vm, &a, "__deepcopy__")?;
        Ok(a.pos[0].clone())
    });
    super::matchobj::add_class_getitem(vm, &cls);
    property(vm, &cls, "pattern", |vm, a| {
        Ok(pat(vm, &a, "pattern")?.pattern.clone())
    });
    property(vm, &cls, "flags", |vm, a| {
        Ok(Value::Int(pat(vm, &a, "flags")?.flags))
    });
    property(vm, &cls, "groups", |vm, a| {
        Ok(Value::Int(pat(vm, &a, "groups")?.groups as i64))
    });
    property(vm, &cls, "groupindex", |vm, a| {
        let gi = pat(vm, &a, "groupindex")?.groupindex.clone();
        if gi.is_none() {
            return Ok(vm.new_dict());
        }
        Ok(vm.new_mappingproxy(gi))
    });
}
