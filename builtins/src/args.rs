//! Argument checking with CPython's messages.

use pyvm_vm::kernels::errors::plural;
use pyvm_vm::kernels::KernelError;
use pyvm_vm::{Args, Payload, PyErr, PyResult, Value, Vm};

/// `name() takes no keyword arguments`.
pub(crate) fn no_kw(vm: &Vm, a: &Args<'_>, name: &str) -> PyResult<()> {
    if a.kw.is_empty() {
        Ok(())
    } else {
        Err(vm.new_type_error(&format!("{name}() takes no keyword arguments")))
    }
}

/// A function of exactly one positional argument (`len`, `abs`, ...).
pub(crate) fn one(vm: &Vm, a: &Args<'_>, name: &str) -> PyResult<Value> {
    no_kw(vm, a, name)?;
    match a.pos {
        [v] => Ok(v.clone()),
        _ => Err(vm.new_type_error(&format!(
            "{name}() takes exactly one argument ({} given)",
            a.pos.len()
        ))),
    }
}

/// Between `min` and `max` positional arguments (`getattr expected at least 2 arguments, got 1`).
pub(crate) fn range(vm: &Vm, a: &Args<'_>, name: &str, min: usize, max: usize) -> PyResult<()> {
    let n = a.pos.len();
    if n < min {
        return Err(vm.new_type_error(&format!(
            "{name} expected at least {min} argument{}, got {n}",
            plural(min)
        )));
    }
    if n > max {
        return Err(vm.new_type_error(&format!(
            "{name} expected at most {max} argument{}, got {n}",
            plural(max)
        )));
    }
    Ok(())
}

/// The arguments of a method after `self`, checked against `min..=max`.
pub(crate) fn method<'a>(
    vm: &Vm,
    a: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    let rest = a.pos.get(1..).unwrap_or(&[]);
    let n = rest.len();
    if !a.kw.is_empty() {
        return Err(vm.new_type_error(&format!("{name}() takes no keyword arguments")));
    }
    if max == 0 && n > 0 {
        return Err(vm.new_type_error(&format!("{name}() takes no arguments ({n} given)")));
    }
    if min == 1 && max == 1 && n != 1 {
        return Err(vm.new_type_error(&format!("{name}() takes exactly one argument ({n} given)")));
    }
    check_bounds(vm, name, n, min, max)?;
    Ok(rest)
}

/// `NAME expected at least/at most N argument(s), got n`: the bounds check shared by the
/// argument parsers whose other messages differ.
fn check_bounds(vm: &Vm, name: &str, n: usize, min: usize, max: usize) -> PyResult<()> {
    if n < min {
        return Err(vm.new_type_error(&format!(
            "{name} expected at least {min} argument{}, got {n}",
            plural(min)
        )));
    }
    if n > max {
        return Err(vm.new_type_error(&format!(
            "{name} expected at most {max} argument{}, got {n}",
            plural(max)
        )));
    }
    Ok(())
}

/// `self` of a method call.
pub(crate) fn this(vm: &Vm, a: &Args<'_>) -> PyResult<Value> {
    a.pos
        .first()
        .cloned()
        .ok_or_else(|| vm.new_type_error("descriptor needs an argument"))
}

/// The text of a `str` value, held without borrowing the object (a copy of a short text kept
/// inside the object, a reference count otherwise: no allocation either way).
fn str_text(v: &Value) -> Option<pyvm_vm::object::StrText> {
    match v.payload() {
        Some(Payload::Str(s)) => Some(s.s.clone()),
        _ => None,
    }
}

/// `self` of a `str` method.
pub(crate) fn this_str(vm: &Vm, a: &Args<'_>, name: &str) -> PyResult<pyvm_vm::object::StrText> {
    let v = this(vm, a)?;
    str_text(&v).ok_or_else(|| {
        vm.new_type_error(&format!(
            "descriptor '{name}' for 'str' objects doesn't apply to a '{}' object",
            vm.type_name(&v)
        ))
    })
}

/// `self` of a `str` method, borrowed from the arguments (no reference count, no copy).
pub(crate) fn this_str_data<'a>(
    vm: &Vm,
    a: &Args<'a>,
    name: &str,
) -> PyResult<&'a pyvm_vm::object::StrData> {
    let v: &'a Value = a
        .pos
        .first()
        .ok_or_else(|| vm.new_type_error("descriptor needs an argument"))?;
    match v.payload() {
        Some(Payload::Str(s)) => Ok(s),
        _ => Err(vm.new_type_error(&format!(
            "descriptor '{name}' for 'str' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ))),
    }
}

/// A `str` argument (`must be str, not int`).
pub(crate) fn str_arg(vm: &Vm, v: &Value, what: &str) -> PyResult<pyvm_vm::object::StrText> {
    str_text(v).ok_or_else(|| {
        vm.new_type_error(&format!("{what} must be str, not {}", arg_type_name(vm, v)))
    })
}

/// The type name in argument-conversion errors: `None` for `None` (CPython's
/// `_PyArg_BadArgument`), the type's name otherwise.
pub(crate) fn arg_type_name(vm: &Vm, v: &Value) -> String {
    if v.is_none() {
        "None".to_string()
    } else {
        vm.type_name(v).to_string()
    }
}

/// Convert a kernel error into the Python exception.
pub(crate) fn kerr(vm: &Vm, e: KernelError) -> PyErr {
    vm.kernel_err(e)
}

/// A keyword argument by name, or the positional one at `idx`.
pub(crate) fn pos_or_kw<'a>(a: &Args<'a>, idx: usize, name: &str) -> Option<&'a Value> {
    a.pos.get(idx).or_else(|| a.kwarg(name))
}

/// Reject keyword arguments other than `allowed`.
pub(crate) fn only_kw(vm: &Vm, a: &Args<'_>, fname: &str, allowed: &[&str]) -> PyResult<()> {
    for (k, _) in a.kw {
        if !allowed.contains(&&**k) {
            return Err(vm.new_type_error(&format!(
                "'{k}' is an invalid keyword argument for {fname}()"
            )));
        }
    }
    Ok(())
}

/// Python truthiness of an optional argument (absent = `default`).
pub(crate) fn flag(vm: &mut Vm, v: Option<&Value>, default: bool) -> PyResult<bool> {
    match v {
        Some(v) => vm.is_true(v),
        None => Ok(default),
    }
}

/// An index argument (`__index__`), as i64.
pub(crate) fn index(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    vm.to_index(v)
}

/// The arguments after `self` of method `ty.name`, checked against `min..=max` positional
/// arguments with the message CPython's calling convention gives: `ty.name() takes no
/// arguments (1 given)` (no-argument methods), `ty.name() takes exactly one argument (0 given)`
/// (one-argument methods), `name expected at least 1 argument, got 0` (the rest).
#[inline]
pub(crate) fn meth<'a>(
    vm: &Vm,
    a: &Args<'a>,
    ty: &str,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    let rest = a.pos.get(1..).unwrap_or(&[]);
    if a.kw.is_empty() && (min..=max).contains(&rest.len()) {
        return Ok(rest);
    }
    meth_error(vm, a, ty, name, min, max)
}

/// The error [`meth`] raises (every check below fails for a count in `min..=max` without
/// keywords).
#[cold]
#[inline(never)]
fn meth_error<'a>(
    vm: &Vm,
    a: &Args<'a>,
    ty: &str,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    let rest = a.pos.get(1..).unwrap_or(&[]);
    let n = rest.len();
    let simple = max == 0 || (min == 1 && max == 1);
    // The type name is only needed for an error message: built lazily (this runs on every
    // call of a builtin method).
    let ty = || {
        a.pos
            .first()
            .map_or_else(|| ty.to_string(), |v| bound_type_name(vm, v))
    };
    if !a.kw.is_empty() {
        return Err(vm.new_type_error(&if simple {
            format!("{}.{name}() takes no keyword arguments", ty())
        } else {
            format!("{name}() takes no keyword arguments")
        }));
    }
    if max == 0 && n > 0 {
        return Err(vm.new_type_error(&format!("{}.{name}() takes no arguments ({n} given)", ty())));
    }
    if min == 1 && max == 1 && n != 1 {
        return Err(vm.new_type_error(&format!(
            "{}.{name}() takes exactly one argument ({n} given)",
            ty()
        )));
    }
    if min == max && n != min {
        return Err(vm.new_type_error(&format!(
            "{name} expected {min} argument{}, got {n}",
            plural(min)
        )));
    }
    check_bounds(vm, name, n, min, max)?;
    Ok(rest)
}

/// Old-style (`PyArg_ParseTuple`) argument counts: `count() takes at least 1 argument (0 given)`.
pub(crate) fn tuple_args<'a>(
    vm: &Vm,
    a: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    let rest = a.pos.get(1..).unwrap_or(&[]);
    let n = rest.len();
    if !a.kw.is_empty() {
        return Err(vm.new_type_error(&format!("{name}() takes no keyword arguments")));
    }
    if n < min {
        let how = if min == max { "exactly" } else { "at least" };
        return Err(vm.new_type_error(&format!(
            "{name}() takes {how} {min} argument{} ({n} given)",
            plural(min)
        )));
    }
    if n > max {
        let how = if min == max { "exactly" } else { "at most" };
        return Err(vm.new_type_error(&format!(
            "{name}() takes {how} {max} argument{} ({n} given)",
            plural(max)
        )));
    }
    Ok(rest)
}

/// Keyword-capable argument binding: fills `names.len()` slots from the positional arguments
/// after `self` and then from keywords, with CPython's messages for duplicates, unknown
/// keywords and too many arguments. `required` leading slots must be present.
pub(crate) fn bind<'a>(
    vm: &Vm,
    a: &Args<'a>,
    fname: &str,
    names: &[&str],
    required: usize,
) -> PyResult<Vec<Option<&'a Value>>> {
    let rest = a.pos.get(1..).unwrap_or(&[]);
    if rest.len() > names.len() {
        return Err(vm.new_type_error(&format!(
            "{fname}() takes at most {} argument{} ({} given)",
            names.len(),
            plural(names.len()),
            rest.len()
        )));
    }
    let mut out: Vec<Option<&'a Value>> = vec![None; names.len()];
    for (slot, v) in out.iter_mut().zip(rest.iter()) {
        *slot = Some(v);
    }
    for (k, v) in a.kw {
        match names.iter().position(|n| *n == &**k) {
            Some(i) => {
                if out[i].is_some() {
                    return Err(vm.new_type_error(&format!(
                        "argument for {fname}() given by name ('{k}') and position ({})",
                        i + 1
                    )));
                }
                out[i] = Some(v);
            }
            None => {
                return Err(vm.new_type_error(&format!(
                    "'{k}' is an invalid keyword argument for {fname}()"
                )))
            }
        }
    }
    for (i, slot) in out.iter().enumerate().take(required) {
        if slot.is_none() {
            return Err(vm.new_type_error(&format!(
                "{fname}() missing required argument '{}' (pos {})",
                names[i],
                i + 1
            )));
        }
    }
    Ok(out)
}

/// Reject keyword arguments other than `allowed`, with the message of functions parsed by
/// `PyArg_ParseTupleAndKeywords` (`'x' is an invalid keyword argument for print()`).
pub(crate) fn only_kw_invalid(
    vm: &Vm,
    a: &Args<'_>,
    fname: &str,
    allowed: &[&str],
) -> PyResult<()> {
    for (k, _) in a.kw {
        if !allowed.contains(&&**k) {
            return Err(vm.new_type_error(&format!(
                "'{k}' is an invalid keyword argument for {fname}()"
            )));
        }
    }
    Ok(())
}

/// The arguments after `self` of a slot wrapper (`int.__add__`, `list.__getitem__`):
/// `expected 1 argument, got 0` / `expected at least 1 argument, got 0`.
pub(crate) fn slot<'a>(vm: &Vm, a: &Args<'a>, min: usize, max: usize) -> PyResult<&'a [Value]> {
    let rest = a.pos.get(1..).unwrap_or(&[]);
    let n = rest.len();
    if !a.kw.is_empty() {
        return Err(vm.new_type_error("wrapper takes no keyword arguments"));
    }
    if min == max && n != min {
        return Err(vm.new_type_error(&format!("expected {min} argument{}, got {n}", plural(min))));
    }
    if n < min {
        return Err(vm.new_type_error(&format!(
            "expected at least {min} argument{}, got {n}",
            plural(min)
        )));
    }
    if n > max {
        return Err(vm.new_type_error(&format!(
            "expected at most {max} argument{}, got {n}",
            plural(max)
        )));
    }
    Ok(rest)
}

/// The largest result (in bytes or code points) a padding / repeating method builds before
/// raising `MemoryError` instead of trying to allocate it.
pub(crate) const MAX_RESULT: i64 = 1 << 31;

/// `MemoryError` when a result of `n` units would be unreasonably large.
pub(crate) fn check_size(vm: &Vm, n: i64) -> PyResult<()> {
    if n > MAX_RESULT {
        return Err(vm.new_exception(&vm.types().exc.memory_error.clone(), vec![]));
    }
    // Under a host's memory limit, a result that cannot fit is refused before it is built (the
    // limit is otherwise only checked at the next safe point, after the allocation).
    vm.check_alloc(usize::try_from(n).unwrap_or(0))
}

/// A C `int` argument: `OverflowError` outside the 32-bit range.
pub(crate) fn c_int(vm: &Vm, n: i64) -> PyResult<i64> {
    if i32::try_from(n).is_err() {
        return Err(vm.new_overflow_error(if n > 0 {
            "Python int too large to convert to C int"
        } else {
            "Python int too small to convert to C int"
        }));
    }
    Ok(n)
}

/// The type name CPython shows for a builtin method bound to `v` (`bool.bit_length()`):
/// the qualified name of `v` itself when it is a class, else of its type.
pub(crate) fn bound_type_name(vm: &Vm, v: &Value) -> String {
    let cls = match v.payload() {
        Some(Payload::Type(_)) => v.as_obj().cloned(),
        _ => None,
    }
    .unwrap_or_else(|| vm.type_of(v));
    match cls.as_type() {
        Some(td) => td.qualname.borrow().to_string(),
        None => vm.type_name(v).to_string(),
    }
}
