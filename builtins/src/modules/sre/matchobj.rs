//! `re.Match`, `_sre.SRE_Scanner` (`Pattern.scanner`, behind `finditer`) and
//! `_sre.SRE_Template` (a compiled replacement string, from `_sre.template`).

use super::engine::Capture;
use super::pattern::{exec, prepare, Mode, PatternData};
use super::subject::Subject;
use super::{property, Classes};
use crate::modules::{add_classmethod, add_method, bind, native, this};
use pyvm_vm::{Args, ObjRef, Payload, PyResult, Value, Vm};
use std::cell::Cell;
use std::rc::Rc;

/// The state of a `re.Match`.
pub(crate) struct MatchData {
    string: Value,
    subject: Rc<Subject>,
    re: Value,
    pos: usize,
    endpos: usize,
    /// Group 0 and every group: `None` when the group did not take part.
    spans: Vec<Option<(usize, usize)>>,
    lastindex: isize,
    groupindex: Value,
    indexgroup: Value,
}

/// Builds a `re.Match` from a capture (`pattern_new_match`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn new_match(
    vm: &Vm,
    cl: &Rc<Classes>,
    re: &Value,
    pd: &PatternData,
    string: &Value,
    subj: &Rc<Subject>,
    cap: &Capture,
    pos: usize,
    endpos: usize,
) -> Value {
    let mut spans = Vec::with_capacity(pd.groups + 1);
    spans.push(Some((cap.start, cap.end)));
    for g in 1..=pd.groups {
        spans.push(cap.group(g));
    }
    let md = MatchData {
        string: string.clone(),
        subject: subj.clone(),
        re: re.clone(),
        pos,
        endpos,
        spans,
        lastindex: cap.lastindex,
        groupindex: pd.groupindex.clone(),
        indexgroup: pd.indexgroup.clone(),
    };
    Value::Obj(vm.alloc(&cl.match_, Payload::Native(Box::new(md))))
}

fn mdata<'a>(vm: &Vm, a: &Args<'a>, meth: &str) -> PyResult<&'a MatchData> {
    this::<MatchData>(vm, a, "re.Match", meth)
}

fn no_such_group(vm: &Vm) -> pyvm_vm::PyErr {
    vm.new_index_error("no such group")
}

/// `match_getindex`: a group number or name.
fn group_index(vm: &mut Vm, md: &MatchData, v: &Value) -> PyResult<usize> {
    let i = if vm.is_int(v) {
        vm.to_index(v)?
    } else if md.groupindex.is_none() {
        -1
    } else {
        let has = vm.contains(&md.groupindex, v)?;
        if has {
            let n = vm.getitem(&md.groupindex, v)?;
            if vm.is_int(&n) {
                vm.to_index(&n)?
            } else {
                -1
            }
        } else {
            -1
        }
    };
    usize::try_from(i)
        .ok()
        .filter(|&i| i < md.spans.len())
        .ok_or_else(|| no_such_group(vm))
}

fn group_value(vm: &Vm, md: &MatchData, g: usize, default: &Value) -> Value {
    match md.spans.get(g).copied().flatten() {
        Some((i, j)) => md.subject.slice(vm, &md.string, i, j),
        None => default.clone(),
    }
}

fn span_of(md: &MatchData, g: usize) -> (i64, i64) {
    match md.spans.get(g).copied().flatten() {
        Some((i, j)) => (i as i64, j as i64),
        None => (-1, -1),
    }
}

fn group_arg(vm: &mut Vm, md: &MatchData, a: &Args<'_>, name: &str) -> PyResult<usize> {
    let p = bind(vm, &rest(a), name, &["group"], 1, 0, 0)?;
    match &p[0] {
        Some(v) => group_index(vm, md, v),
        None => Ok(0),
    }
}

fn rest<'a>(a: &Args<'a>) -> Args<'a> {
    Args {
        pos: a.pos.get(1..).unwrap_or(&[]),
        kw: a.kw,
    }
}

fn default_arg(vm: &mut Vm, a: &Args<'_>, name: &str) -> PyResult<Value> {
    let p = bind(vm, &rest(a), name, &["default"], 0, 0, 0)?;
    Ok(p[0].clone().unwrap_or(Value::None))
}

fn match_repr(vm: &mut Vm, md: &MatchData) -> PyResult<Value> {
    let g0 = group_value(vm, md, 0, &Value::None);
    let r = vm.repr_string(&g0)?;
    let r: String = r.chars().take(50).collect();
    let (s, e) = span_of(md, 0);
    Ok(vm.new_string(format!("<re.Match object; span=({s}, {e}), match={r}>")))
}

/// `cls[...]` → `types.GenericAlias`.
pub(crate) fn add_class_getitem(vm: &mut Vm, cls: &ObjRef) {
    add_classmethod(vm, cls, "__class_getitem__", |vm, a| {
        let item = a.pos.get(1).cloned().unwrap_or_default();
        vm.new_generic_alias(a.pos[0].clone(), item)
    });
}

fn install_match(vm: &mut Vm, cls: &ObjRef) {
    add_method(vm, cls, "group", |vm, a| {
        let md = mdata(vm, &a, "group")?;
        if !a.kw.is_empty() {
            return Err(vm.new_type_error("group() takes no keyword arguments"));
        }
        let args = &a.pos[1..];
        match args {
            [] => Ok(group_value(vm, md, 0, &Value::None)),
            [g] => {
                let i = group_index(vm, md, g)?;
                Ok(group_value(vm, md, i, &Value::None))
            }
            many => {
                let mut out = Vec::with_capacity(many.len());
                for g in many {
                    let i = group_index(vm, md, g)?;
                    out.push(group_value(vm, md, i, &Value::None));
                }
                Ok(vm.new_tuple(out))
            }
        }
    });
    add_method(vm, cls, "__getitem__", |vm, a| {
        let md = mdata(vm, &a, "__getitem__")?;
        let g = a.pos.get(1).cloned().unwrap_or_default();
        let i = group_index(vm, md, &g)?;
        Ok(group_value(vm, md, i, &Value::None))
    });
    add_method(vm, cls, "groups", |vm, a| {
        let md = mdata(vm, &a, "groups")?;
        let d = default_arg(vm, &a, "groups")?;
        let out = (1..md.spans.len())
            .map(|g| group_value(vm, md, g, &d))
            .collect();
        Ok(vm.new_tuple(out))
    });
    add_method(vm, cls, "groupdict", |vm, a| {
        let md = mdata(vm, &a, "groupdict")?;
        let d = default_arg(vm, &a, "groupdict")?;
        let out = vm.new_dict_obj();
        if !md.groupindex.is_none() {
            let keys = vm.to_vec(&md.groupindex)?;
            for k in keys {
                let i = group_index(vm, md, &k)?;
                let v = group_value(vm, md, i, &d);
                vm.dict_set_item(&out, k, v)?;
            }
        }
        Ok(Value::Obj(out))
    });
    for (name, which) in [("start", 0u8), ("end", 1), ("span", 2)] {
        add_method(vm, cls, name, move |vm, a| {
            let md = mdata(vm, &a, name)?;
            let g = group_arg(vm, md, &a, name)?;
            let (s, e) = span_of(md, g);
            Ok(match which {
                0 => Value::Int(s),
                1 => Value::Int(e),
                _ => vm.new_tuple(vec![Value::Int(s), Value::Int(e)]),
            })
        });
    }
    add_method(vm, cls, "__repr__", |vm, a| {
        let md = mdata(vm, &a, "__repr__")?;
        match_repr(vm, md)
    });
    add_method(vm, cls, "__copy__", |vm, a| {
        mdata(vm, &a, "__copy__")?;
        Ok(a.pos[0].clone())
    });
    add_method(vm, cls, "__deepcopy__", |vm, a| {
        mdata(vm, &a, "__deepcopy__")?;
        Ok(a.pos[0].clone())
    });
    add_class_getitem(vm, cls);
    property(vm, cls, "regs", |vm, a| {
        let md = mdata(vm, &a, "regs")?;
        let out = (0..md.spans.len())
            .map(|g| {
                let (s, e) = span_of(md, g);
                vm.new_tuple(vec![Value::Int(s), Value::Int(e)])
            })
            .collect();
        Ok(vm.new_tuple(out))
    });
    property(vm, cls, "lastindex", |vm, a| {
        let md = mdata(vm, &a, "lastindex")?;
        Ok(if md.lastindex >= 0 {
            Value::Int(md.lastindex as i64)
        } else {
            Value::None
        })
    });
    property(vm, cls, "lastgroup", |vm, a| {
        let md = mdata(vm, &a, "lastgroup")?;
        let Ok(i) = usize::try_from(md.lastindex) else {
            return Ok(Value::None);
        };
        Ok(match md.indexgroup.payload() {
            Some(Payload::Tuple(t)) => t.get(i).cloned().unwrap_or(Value::None),
            _ => Value::None,
        })
    });
    property(vm, cls, "string", |vm, a| {
        Ok(mdata(vm, &a, "string")?.string.clone())
    });
    property(vm, cls, "re", |vm, a| Ok(mdata(vm, &a, "re")?.re.clone()));
    property(vm, cls, "pos", |vm, a| {
        Ok(Value::Int(mdata(vm, &a, "pos")?.pos as i64))
    });
    property(vm, cls, "endpos", |vm, a| {
        Ok(Value::Int(mdata(vm, &a, "endpos")?.endpos as i64))
    });
}

// ----- templates -------------------------------------------------------------------------------

/// The state of an `_sre.SRE_Template`: `literal, (group, literal)*`.
pub(crate) struct TemplateData {
    literal: Value,
    items: Vec<(usize, Option<Value>)>,
}

/// `_sre.template(pattern, template)`.
pub(crate) fn new_template(vm: &mut Vm, cl: &Rc<Classes>, t: &Value) -> PyResult<Value> {
    let Some(Payload::List(l)) = t.payload() else {
        return Err(vm.new_type_error(&format!(
            "template() argument 2 must be list, not {}",
            vm.type_name(t)
        )));
    };
    let items: Vec<Value> = l.borrow().to_vec();
    if items.len() % 2 == 0 {
        return Err(vm.new_type_error("invalid template"));
    }
    let literal = items[0].clone();
    let mut out = Vec::with_capacity(items.len() / 2);
    for pair in items[1..].chunks(2) {
        let [g, lit] = pair else { break };
        let i = vm.to_index(g)?;
        let i = usize::try_from(i).map_err(|_| vm.new_type_error("invalid template"))?;
        let empty = match lit.payload() {
            Some(Payload::Str(s)) => s.s.is_empty(),
            Some(Payload::Bytes(b)) => b.is_empty(),
            _ => false,
        };
        out.push((i, if empty { None } else { Some(lit.clone()) }));
    }
    let td = TemplateData {
        literal,
        items: out,
    };
    Ok(Value::Obj(
        vm.alloc(&cl.template, Payload::Native(Box::new(td))),
    ))
}

/// `re._compile_template(pattern, repl)`, checked to give a template.
pub(crate) fn compile_template(
    vm: &mut Vm,
    cl: &Rc<Classes>,
    pattern: &Value,
    repl: &Value,
) -> PyResult<Value> {
    let re = vm.import_module("re")?;
    let f = vm.getattr_str(&re, "_compile_template")?;
    let r = vm.call(&f, &[pattern.clone(), repl.clone()])?;
    if native::<TemplateData>(&r).is_none() || !ObjRef::ptr_eq(&vm.type_of(&r), &cl.template) {
        return Err(vm.new_runtime_error(&format!(
            "the result of compiling a replacement string is {}",
            vm.type_name(&r)
        )));
    }
    Ok(r)
}

/// The literal of a template with no group references.
pub(crate) fn template_literal_only(t: &Value) -> Option<Value> {
    let td = native::<TemplateData>(t)?;
    if td.items.is_empty() {
        Some(td.literal.clone())
    } else {
        None
    }
}

/// Fills template `t` from match `m` (`expand_template`).
pub(crate) fn expand_template(vm: &mut Vm, t: &Value, m: &Value) -> PyResult<Value> {
    let (Some(td), Some(md)) = (native::<TemplateData>(t), native::<MatchData>(m)) else {
        return Err(vm.new_type_error("invalid template"));
    };
    if td.items.is_empty() {
        return Ok(td.literal.clone());
    }
    let mut parts = vec![td.literal.clone()];
    for (g, lit) in &td.items {
        if *g >= md.spans.len() {
            return Err(no_such_group(vm));
        }
        let v = group_value(vm, md, *g, &Value::None);
        if !v.is_none() {
            parts.push(v);
        }
        if let Some(l) = lit {
            parts.push(l.clone());
        }
    }
    let joiner = if matches!(td.literal.payload(), Some(Payload::Str(_))) {
        vm.new_str("")
    } else {
        vm.new_bytes(Vec::new())
    };
    let list = vm.new_list(parts);
    vm.call_method(&joiner, "join", &[list])
}

// ----- scanner ---------------------------------------------------------------------------------

/// The state of an `_sre.SRE_Scanner`.
struct ScannerData {
    pattern: Value,
    string: Value,
    subject: Rc<Subject>,
    pos: usize,
    endpos: usize,
    /// Where the next attempt starts and whether it must advance; `None` once exhausted.
    next: Cell<Option<(usize, bool)>>,
}

pub(crate) fn new_scanner(
    vm: &mut Vm,
    cl: &Rc<Classes>,
    pattern: &Value,
    pd: &PatternData,
    string: &Value,
    pos: i64,
    endpos: i64,
) -> PyResult<Value> {
    let (subject, start, end) = prepare(vm, cl, pd, string, pos, endpos)?;
    let sd = ScannerData {
        pattern: pattern.clone(),
        string: string.clone(),
        subject,
        pos: start,
        endpos: end,
        next: Cell::new(Some((start, false))),
    };
    Ok(Value::Obj(
        vm.alloc(&cl.scanner, Payload::Native(Box::new(sd))),
    ))
}

fn scan(vm: &mut Vm, cl: &Rc<Classes>, a: &Args<'_>, name: &str, mode: Mode) -> PyResult<Value> {
    let sd = this::<ScannerData>(vm, a, "_sre.SRE_Scanner", name)?;
    crate::modules::none(vm, &rest(a), name)?;
    let Some(pd) = native::<PatternData>(&sd.pattern) else {
        return Err(vm.new_type_error("scanner without a pattern"));
    };
    let Some((start, must_advance)) = sd.next.get() else {
        return Ok(Value::None);
    };
    let cap = exec(vm, pd, &sd.subject, start, sd.endpos, mode, must_advance)?;
    match cap {
        None => {
            sd.next.set(None);
            Ok(Value::None)
        }
        Some(cap) => {
            sd.next.set(Some((cap.end, cap.end == cap.start)));
            Ok(new_match(
                vm,
                cl,
                &sd.pattern,
                pd,
                &sd.string,
                &sd.subject,
                &cap,
                sd.pos,
                sd.endpos,
            ))
        }
    }
}

pub(crate) fn install(vm: &mut Vm, cl: &Rc<Classes>) {
    install_match(vm, &cl.match_.clone());
    let c = cl.clone();
    add_method(vm, &cl.match_.clone(), "expand", move |vm, a| {
        mdata(vm, &a, "expand")?;
        let t = crate::modules::one(vm, &rest(&a), "expand")?;
        let re = native::<MatchData>(&a.pos[0])
            .map(|m| m.re.clone())
            .unwrap_or_default();
        let tv = compile_template(vm, &c, &re, &t)?;
        expand_template(vm, &tv, &a.pos[0])
    });
    let sc = cl.scanner.clone();
    let c = cl.clone();
    add_method(vm, &sc, "match", move |vm, a| {
        scan(vm, &c, &a, "match", Mode::Match)
    });
    let c = cl.clone();
    add_method(vm, &sc, "search", move |vm, a| {
        scan(vm, &c, &a, "search", Mode::Search)
    });
    property(vm, &sc, "pattern", |vm, a| {
        Ok(this::<ScannerData>(vm, &a, "_sre.SRE_Scanner", "pattern")?
            .pattern
            .clone())
    });
}
