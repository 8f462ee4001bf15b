//! Native replacements for the few standard-library functions that need a compiler.
//!
//! pyvm never compiles Python source, so a pure-Python module function that builds code with
//! `eval`/`exec` at run time cannot work. After such a module (found on `sys.path`) has run,
//! the importer replaces those functions with the native ones behind the same names.
//! `tokenize.open` is replaced too: it wraps a binary file in a `TextIOWrapper`, which pyvm's
//! `io` cannot do, so the native one reopens the file in text mode with the detected encoding.

use pyvm_vm::{ObjRef, PyResult, Value, Vm};
use std::rc::Rc;

/// (module, native module, names): `module.NAME = native_module.NAME` once `module` has run.
const PATCHES: &[(&str, &str, &[&str])] = &[
    // `collections.namedtuple` evals a generated `lambda` for `__new__`.
    ("collections", "_collections", &["namedtuple"]),
];

/// (module, names) replaced by functions built here.
const BUILT: &[(&str, &[&str])] = &[
    ("tokenize", &["open"]),
    ("traceback", &["_extract_caret_anchors_from_line_segment"]),
];

/// `traceback._extract_caret_anchors_from_line_segment(segment)`: CPython parses the segment
/// with `ast.parse`, which pyvm lacks; the VM's own anchor finder (the one its tracebacks use)
/// gives the same `_Anchors(left_end_offset, right_start_offset, primary_char, secondary_char)`.
fn traceback_anchors(vm: &mut Vm, module: &ObjRef) {
    let m = Value::Obj(module.clone());
    let name = "_extract_caret_anchors_from_line_segment";
    let f = vm.new_native_function(name, move |vm, a| {
        let [segment] = a.pos else {
            return Err(vm.new_type_error(&format!(
                "_extract_caret_anchors_from_line_segment() takes 1 positional argument but {} were given",
                a.pos.len()
            )));
        };
        let Some(text) = segment.as_str() else {
            return Ok(Value::None);
        };
        let chars: Vec<char> = text.chars().collect();
        let Some(an) = pyvm_vm::traceback::caret_anchors(&chars) else {
            return Ok(Value::None);
        };
        let cls = vm.getattr_str(&m, "_Anchors")?;
        let to_int = |n: usize| Value::Int(i64::try_from(n).unwrap_or(i64::MAX));
        let args = [
            to_int(an.left),
            to_int(an.right),
            vm.new_string(an.primary.to_string()),
            vm.new_string(an.secondary.to_string()),
        ];
        vm.call(&cls, &args)
    });
    vm.set_module_attr(module, name, f);
}

/// `tokenize.open(filename)`: the encoding comes from `tokenize.detect_encoding` (cookie or
/// BOM, as in CPython), then the file is opened in text mode with it.
fn tokenize_open(vm: &mut Vm, module: &ObjRef) {
    let m = Value::Obj(module.clone());
    let f = vm.new_native_function("open", move |vm, a| {
        let [filename] = a.pos else {
            return Err(vm.new_type_error(&format!(
                "open() takes 1 positional argument but {} were given",
                a.pos.len()
            )));
        };
        let open = vm
            .get_builtin("open")
            .ok_or_else(|| vm.new_name_error("name 'open' is not defined"))?;
        let rb = vm.new_str("rb");
        let buffer = vm.call(&open, &[filename.clone(), rb])?;
        let detected = (|| {
            let detect = vm.getattr_str(&m, "detect_encoding")?;
            let readline = vm.getattr_str(&buffer, "readline")?;
            let r = vm.call(&detect, &[readline])?;
            let items = vm.to_vec(&r)?;
            items
                .first()
                .cloned()
                .ok_or_else(|| vm.new_value_error("detect_encoding() returned an empty tuple"))
        })();
        vm.call_method(&buffer, "close", &[])?;
        let encoding = detected?;
        let r = vm.new_str("r");
        let kw = [(Rc::from("encoding"), encoding)];
        vm.call_kw(&open, &[filename.clone(), r], &kw)
    });
    vm.set_module_attr(module, "open", f);
}

/// Applies the replacements that concern `name` to its freshly run `module`.
pub(crate) fn apply(vm: &mut Vm, name: &str, module: &ObjRef) -> PyResult<()> {
    match name {
        "tokenize" => tokenize_open(vm, module),
        "traceback" => traceback_anchors(vm, module),
        _ => {}
    }
    for (target, native, names) in PATCHES {
        if *target != name {
            continue;
        }
        let src = vm.import_module(native)?;
        for n in *names {
            if let Some(v) = vm.lookup_attr(&src, n)? {
                vm.set_module_attr(module, n, v);
            }
        }
    }
    Ok(())
}

/// Whether the module `name` has replacements (for the docs' table and tests).
pub fn patched_names(name: &str) -> Vec<&'static str> {
    let built = BUILT.iter().filter(|(t, _)| *t == name);
    PATCHES
        .iter()
        .filter(|(t, _, _)| *t == name)
        .flat_map(|(_, _, n)| n.iter().copied())
        .chain(built.flat_map(|(_, n)| n.iter().copied()))
        .collect::<Vec<_>>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namedtuple_is_patched() {
        assert_eq!(patched_names("collections"), ["namedtuple"]);
        assert!(patched_names("functools").is_empty());
        assert_eq!(patched_names("tokenize"), ["open"]);
        assert_eq!(
            patched_names("traceback"),
            ["_extract_caret_anchors_from_line_segment"]
        );
    }
}
