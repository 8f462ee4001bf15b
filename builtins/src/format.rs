//! `format(value, spec)` dispatch and `str.format`.

use crate::args::kerr;
use num_bigint::BigInt;
use pyvm_vm::kernels::format_spec;
use pyvm_vm::{Payload, PyResult, Value, Vm};
use std::rc::Rc;

/// `ascii()` applied to a repr: escape every non-ASCII character (`backslashreplace`).
pub(crate) fn ascii_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let cp = u32::from(c);
        if cp < 0x80 {
            out.push(c);
        } else if cp <= 0xff {
            out.push_str(&format!("\\x{cp:02x}"));
        } else if cp <= 0xffff {
            out.push_str(&format!("\\u{cp:04x}"));
        } else {
            out.push_str(&format!("\\U{cp:08x}"));
        }
    }
    out
}

/// `format(v, spec)`.
pub(crate) fn format_value(vm: &mut Vm, v: &Value, spec: &str) -> PyResult<String> {
    let cls = vm.type_of(v);
    let heap = cls.as_type().is_some_and(|t| t.heap);
    if !heap {
        match v {
            Value::Bool(b) => {
                if spec.is_empty() {
                    return Ok(if b.get() { "True" } else { "False" }.to_string());
                }
                return format_spec::format_int(&BigInt::from(i64::from(*b)), spec, "bool")
                    .map_err(|e| kerr(vm, e));
            }
            Value::Int(i) => {
                return format_spec::format_i64(*i, spec, "int").map_err(|e| kerr(vm, e))
            }
            Value::Float(f) => {
                return format_spec::format_float(f.get(), spec).map_err(|e| kerr(vm, e))
            }
            Value::Obj(o) => match &o.payload {
                Payload::BigInt(b) => {
                    return format_spec::format_int(b, spec, "int").map_err(|e| kerr(vm, e))
                }
                Payload::Str(s) => {
                    return format_spec::format_str(&s.s, spec).map_err(|e| kerr(vm, e))
                }
                _ => {}
            },
            _ => {}
        }
    }
    if let Some(f) = vm.lookup_type_attr(&cls, "__format__") {
        let spec_v = vm.new_str(spec);
        let r = vm.call(&f, &[v.clone(), spec_v])?;
        return match r.as_rc_str() {
            Some(s) => Ok(s.to_string()),
            None => Err(vm.new_type_error(&format!(
                "__format__ must return a str, not {}",
                vm.type_name(&r)
            ))),
        };
    }
    if !spec.is_empty() {
        return Err(vm.new_type_error(&format!(
            "unsupported format string passed to {}.__format__",
            vm.type_name(v)
        )));
    }
    vm.str_string(v)
}

struct Fmt<'a> {
    args: &'a [Value],
    kwargs: &'a [(Rc<str>, Value)],
    /// `format_map`'s mapping: named fields are looked up with `mapping[name]`.
    mapping: Option<Value>,
    auto: Option<usize>,
    manual: bool,
}

fn value_err(vm: &Vm, m: &str) -> pyvm_vm::PyErr {
    vm.new_value_error(m)
}

/// `fmt.format(*args, **kwargs)`.
pub(crate) fn str_format(
    vm: &mut Vm,
    fmt: &str,
    args: &[Value],
    kwargs: &[(Rc<str>, Value)],
) -> PyResult<String> {
    let mut st = Fmt {
        args,
        kwargs,
        mapping: None,
        auto: Some(0),
        manual: false,
    };
    render(vm, fmt, &mut st, 2)
}

/// `fmt.format_map(mapping)`.
pub(crate) fn str_format_map(vm: &mut Vm, fmt: &str, mapping: &Value) -> PyResult<String> {
    let mut st = Fmt {
        args: &[],
        kwargs: &[],
        mapping: Some(mapping.clone()),
        auto: Some(0),
        manual: false,
    };
    render(vm, fmt, &mut st, 2)
}

fn render(vm: &mut Vm, fmt: &str, st: &mut Fmt<'_>, depth: u32) -> PyResult<String> {
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '}' {
            if chars.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(value_err(vm, "Single '}' encountered in format string"));
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        if chars.get(i + 1) == Some(&'{') {
            out.push('{');
            i += 2;
            continue;
        }
        // A replacement field: find its end, honouring nested braces and [] in the name.
        let start = i + 1;
        let mut j = start;
        let mut nest = 1;
        let mut in_bracket = false;
        while j < chars.len() {
            let d = chars[j];
            if in_bracket {
                if d == ']' {
                    in_bracket = false;
                }
            } else if d == '[' {
                in_bracket = true;
            } else if d == '{' {
                nest += 1;
            } else if d == '}' {
                nest -= 1;
                if nest == 0 {
                    break;
                }
            }
            j += 1;
        }
        if j >= chars.len() {
            return Err(value_err(
                vm,
                if start >= chars.len() {
                    "Single '{' encountered in format string"
                } else {
                    "expected '}' before end of string"
                },
            ));
        }
        let field: String = chars[start..j].iter().collect();
        out.push_str(&render_field(vm, &field, st, depth)?);
        i = j + 1;
    }
    Ok(out)
}

fn render_field(vm: &mut Vm, field: &str, st: &mut Fmt<'_>, depth: u32) -> PyResult<String> {
    // Split name / conversion / spec.
    let chars: Vec<char> = field.chars().collect();
    let mut k = 0;
    let mut in_bracket = false;
    while k < chars.len() {
        let d = chars[k];
        if in_bracket {
            if d == ']' {
                in_bracket = false;
            }
        } else if d == '[' {
            in_bracket = true;
        } else if d == '!' || d == ':' {
            break;
        }
        k += 1;
    }
    let name: String = chars[..k].iter().collect();
    let mut conv = None;
    let mut spec = String::new();
    if k < chars.len() && chars[k] == '!' {
        match chars.get(k + 1) {
            Some(&c) => conv = Some(c),
            None => {
                return Err(value_err(
                    vm,
                    "end of string while looking for conversion specifier",
                ))
            }
        }
        k += 2;
        if k < chars.len() && chars[k] != ':' {
            return Err(value_err(vm, "expected ':' after conversion specifier"));
        }
    }
    if k < chars.len() && chars[k] == ':' {
        spec = chars[k + 1..].iter().collect();
    }
    let obj = resolve(vm, &name, st)?;
    let obj_s;
    let target = match conv {
        None => obj,
        Some('s') => {
            obj_s = vm.str_string(&obj)?;
            vm.new_string(obj_s)
        }
        Some('r') => {
            obj_s = vm.repr_string(&obj)?;
            vm.new_string(obj_s)
        }
        Some('a') => {
            obj_s = ascii_escape(&vm.repr_string(&obj)?);
            vm.new_string(obj_s)
        }
        Some(c) => return Err(value_err(vm, &format!("Unknown conversion specifier {c}"))),
    };
    let spec = if spec.contains('{') {
        if depth == 0 {
            return Err(value_err(vm, "Max string recursion exceeded"));
        }
        render(vm, &spec, st, depth - 1)?
    } else {
        spec
    };
    format_value(vm, &target, &spec)
}

fn resolve(vm: &mut Vm, name: &str, st: &mut Fmt<'_>) -> PyResult<Value> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let first = &name[..first_end];
    let mut obj = if first.is_empty() {
        if st.manual {
            return Err(value_err(
                vm,
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        let idx = st.auto.unwrap_or(0);
        st.auto = Some(idx + 1);
        positional(vm, st, idx)?
    } else if let Ok(idx) = first.parse::<usize>() {
        if st.auto.is_some_and(|n| n > 0) {
            return Err(value_err(
                vm,
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
        st.manual = true;
        positional(vm, st, idx)?
    } else {
        if let Some(m) = st.mapping.clone() {
            let key = vm.new_str(first);
            vm.getitem(&m, &key)?
        } else {
            match st.kwargs.iter().find(|(k, _)| &**k == first) {
                Some((_, v)) => v.clone(),
                None => {
                    let key = vm.new_str(first);
                    return Err(vm.new_key_error(key));
                }
            }
        }
    };
    let mut rest = &name[first_end..];
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            let attr = &r[..end];
            if attr.is_empty() {
                return Err(value_err(vm, "Empty attribute in format string"));
            }
            obj = vm.getattr_str(&obj, attr)?;
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let Some(end) = r.find(']') else {
                return Err(value_err(vm, "Missing ']' in format string"));
            };
            let key_s = &r[..end];
            if key_s.is_empty() {
                return Err(value_err(vm, "Empty attribute in format string"));
            }
            let key = match key_s.parse::<i64>() {
                Ok(i) if !key_s.starts_with(['-', '+']) => Value::Int(i),
                _ => vm.new_str(key_s),
            };
            obj = vm.getitem(&obj, &key)?;
            rest = &r[end + 1..];
            if !rest.is_empty() && !rest.starts_with(['.', '[']) {
                return Err(value_err(
                    vm,
                    "Only '.' or '[' may follow ']' in format field specifier",
                ));
            }
        } else {
            break;
        }
    }
    Ok(obj)
}

fn positional(vm: &Vm, st: &Fmt<'_>, idx: usize) -> PyResult<Value> {
    st.args.get(idx).cloned().ok_or_else(|| {
        vm.new_index_error(&format!(
            "Replacement index {idx} out of range for positional args tuple"
        ))
    })
}
