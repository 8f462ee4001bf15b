//! `str` searching: find/rfind/index/rindex/count/startswith/endswith, with code point indices.

use crate::args;
use pyvm_vm::object::StrData;
use pyvm_vm::{Args, Payload, PyResult, Value, Vm, B64};

fn def(vm: &mut Vm, name: &str, f: impl Fn(&mut Vm, Args<'_>) -> PyResult<Value> + 'static) {
    let ty = vm.types().str.clone();
    vm.add_method(&ty, name, f);
}

/// Resolve optional start/end (None allowed) against a length, Python slice style.
fn bounds(
    vm: &mut Vm,
    start: Option<&Value>,
    end: Option<&Value>,
    len: usize,
) -> PyResult<(usize, usize, bool)> {
    let len_i = len as i64;
    let conv = |vm: &mut Vm, v: Option<&Value>, default: i64| -> PyResult<i64> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let t = vm.type_of(v);
                if !vm.is_int(v) && vm.lookup_type_attr(&t, "__index__").is_none() {
                    return Err(vm.new_type_error(
                        "slice indices must be integers or None or have an __index__ method",
                    ));
                }
                vm.to_index(v)
            }
        }
    };
    let mut s = conv(vm, start, 0)?;
    let mut e = conv(vm, end, len_i)?;
    if s < 0 {
        s = (s + len_i).max(0);
    }
    if e < 0 {
        e = (e + len_i).max(0);
    }
    let e = e.min(len_i);
    // `start > len` is allowed to be reported (find returns -1 even for the empty string).
    let valid = s <= len_i;
    let s = s.min(len_i);
    Ok((s as usize, e.max(s) as usize, valid && s <= e))
}

/// Byte offset of the `n`th character.
fn byte_at(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)
}

/// The bytes of `s` between characters `st` and `en` (`st <= en <= len`), found without a
/// walk when the text is ASCII.
fn char_range(s: &StrData, st: usize, en: usize) -> &str {
    let text: &str = &s.s;
    if s.is_ascii() {
        text.get(st..en).unwrap_or("")
    } else {
        let b = byte_at(text, st);
        let rest = &text[b..];
        &rest[..byte_at(rest, en - st)]
    }
}

fn char_index(s: &str, byte: usize) -> usize {
    s[..byte].chars().count()
}

fn find_impl(vm: &mut Vm, a: &Args<'_>, name: &str, rev: bool) -> PyResult<Option<usize>> {
    let s = args::this_str_data(vm, a, name)?;
    let rest = args::meth(vm, a, "str", name, 1, 3)?;
    let (st, en, valid) = bounds(vm, rest.get(1), rest.get(2), s.char_len())?;
    let Some(sub) = rest[0].as_str() else {
        return Err(vm.new_type_error(&format!("must be str, not {}", vm.type_name(&rest[0]))));
    };
    if !valid {
        return Ok(None);
    }
    let hay = char_range(s, st, en);
    let found = match (sub.as_bytes(), rev) {
        // A one-byte needle is searched for as a char (a byte scan).
        (&[b], false) if b.is_ascii() => hay.find(char::from(b)),
        (&[b], true) if b.is_ascii() => hay.rfind(char::from(b)),
        (_, false) => hay.find(sub),
        (_, true) => hay.rfind(sub),
    };
    Ok(found.map(|b| st + if s.is_ascii() { b } else { char_index(hay, b) }))
}

pub(crate) fn install(vm: &mut Vm) {
    for (name, rev) in [("find", false), ("rfind", true)] {
        def(vm, name, move |vm, a| {
            let r = find_impl(vm, &a, name, rev)?;
            Ok(Value::Int(r.map_or(-1, |i| i as i64)))
        });
    }
    for (name, rev) in [("index", false), ("rindex", true)] {
        def(vm, name, move |vm, a| match find_impl(vm, &a, name, rev)? {
            Some(i) => Ok(Value::Int(i as i64)),
            None => Err(vm.new_value_error("substring not found")),
        });
    }
    def(vm, "count", |vm, a| {
        let s = args::this_str_data(vm, &a, "count")?;
        let rest = args::meth(vm, &a, "str", "count", 1, 3)?;
        let (st, en, valid) = bounds(vm, rest.get(1), rest.get(2), s.char_len())?;
        let sub = match rest[0].as_rc_str() {
            Some(x) => x,
            None => {
                return Err(
                    vm.new_type_error(&format!("must be str, not {}", vm.type_name(&rest[0])))
                )
            }
        };
        if !valid {
            return Ok(Value::Int(0));
        }
        let hay = char_range(s, st, en);
        let n = match sub.as_bytes() {
            [] => hay.chars().count() + 1,
            // One ASCII byte: its occurrences are the matches (no UTF-8 sequence contains it).
            &[b] if b.is_ascii() => hay.bytes().filter(|&c| c == b).count(),
            _ => hay.matches(&*sub).count(),
        };
        Ok(Value::Int(n as i64))
    });
    for name in ["startswith", "endswith"] {
        def(vm, name, move |vm, a| {
            let s = args::this_str_data(vm, &a, name)?;
            let rest = args::meth(vm, &a, "str", name, 1, 3)?;
            let (st, en, valid) = bounds(vm, rest.get(1), rest.get(2), s.char_len())?;
            let (cands, is_tuple): (&[Value], bool) = match rest[0].payload() {
                Some(Payload::Tuple(t)) => (&t[..], true),
                _ => (&rest[..1], false),
            };
            let hay = char_range(s, st, en.max(st));
            for c in cands {
                let Some(p) = c.as_str() else {
                    return Err(vm.new_type_error(&if is_tuple {
                        format!(
                            "tuple for {name} must only contain str, not {}",
                            vm.type_name(c)
                        )
                    } else {
                        format!(
                            "{name} first arg must be str or a tuple of str, not {}",
                            vm.type_name(c)
                        )
                    }));
                };
                if !valid {
                    continue;
                }
                let hit = if name == "startswith" {
                    hay.starts_with(p)
                } else {
                    hay.ends_with(p)
                };
                if hit {
                    return Ok(Value::Bool(B64::TRUE));
                }
            }
            Ok(Value::Bool(B64::FALSE))
        });
    }
}
