//! Native replacements for the few standard-library functions that need a compiler.
//!
//! pyvm never compiles Python source, so a pure-Python module function that builds code with
//! `eval`/`exec` at run time cannot work. After such a module (found on `sys.path`) has run,
//! the importer replaces those functions with the native ones behind the same names.

use pyvm_vm::{ObjRef, PyResult, Vm};

/// (module, native module, names): `module.NAME = native_module.NAME` once `module` has run.
const PATCHES: &[(&str, &str, &[&str])] = &[
    // `collections.namedtuple` evals a generated `lambda` for `__new__`.
    ("collections", "_collections", &["namedtuple"]),
];

/// Applies the replacements that concern `name` to its freshly run `module`.
pub(crate) fn apply(vm: &mut Vm, name: &str, module: &ObjRef) -> PyResult<()> {
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
    PATCHES
        .iter()
        .filter(|(t, _, _)| *t == name)
        .flat_map(|(_, _, n)| n.iter().copied())
        .collect::<Vec<_>>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namedtuple_is_patched() {
        assert_eq!(patched_names("collections"), ["namedtuple"]);
        assert!(patched_names("functools").is_empty());
    }
}
