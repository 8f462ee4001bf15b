//! Host functions: Rust closures callable from Python, with typed arguments.
//!
//! Any `Fn(A1, …, An) -> R` (n ≤ 6) whose arguments implement [`FromPy`] and whose result
//! implements [`IntoPy`] — or is a `Result<T, E>` with `E` a [`PyException`], an [`Error`] or a
//! raw [`PyErr`] — is a [`HostFn`]. So is `Fn(&mut Vm, A1, …, An) -> R`, for functions that call
//! back into Python through the VM (see [`VmExt`](super::VmExt)).
//!
//! The closure may capture host state (`Rc<RefCell<…>>`, channels, …). Every call is wrapped in
//! `catch_unwind`: a panic inside it becomes a Python `RuntimeError` instead of unwinding
//! through the VM.

use super::convert::{type_name, FromPy, IntoPy};
use super::error::{Error, PyException};
use pyvm_vm::{Args, PyErr, Value, Vm};
use std::marker::PhantomData;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;

/// Marker for closures that take only converted arguments (`Fn(A, B) -> R`).
pub struct Plain<T>(PhantomData<T>);

/// Marker for closures that also get the VM (`Fn(&mut Vm, A, B) -> R`).
pub struct WithVm<T>(PhantomData<T>);

/// A Rust function callable from Python. Implemented for closures; `Marker` only tells the
/// implementations apart (you never name it).
pub trait HostFn<Marker>: 'static {
    /// Checks and converts the arguments, calls the function, converts the result.
    fn invoke(&self, vm: &mut Vm, name: &str, args: Args<'_>) -> Result<Value, PyErr>;
}

/// What a host function may return: any [`IntoPy`] value, or a `Result` of one whose error
/// converts into a Python exception.
pub trait IntoHostResult {
    /// Converts into the Python result (or the exception to raise).
    fn into_host_result(self, vm: &mut Vm) -> Result<Value, PyErr>;
}

/// An error a host function can raise into Python.
pub trait IntoPyErr {
    /// The exception instance to raise.
    fn into_py_err(self, vm: &mut Vm) -> PyErr;
}

impl IntoPyErr for PyErr {
    fn into_py_err(self, _vm: &mut Vm) -> PyErr {
        self
    }
}

impl IntoPyErr for PyException {
    fn into_py_err(self, vm: &mut Vm) -> PyErr {
        raise(vm, &self)
    }
}

impl IntoPyErr for Error {
    fn into_py_err(self, vm: &mut Vm) -> PyErr {
        raise(vm, &PyException::from(self))
    }
}

impl<T: IntoPy> IntoHostResult for T {
    fn into_host_result(self, vm: &mut Vm) -> Result<Value, PyErr> {
        self.into_py(vm).map_err(|e| e.into_py_err(vm))
    }
}

impl<T: IntoPy, E: IntoPyErr> IntoHostResult for Result<T, E> {
    fn into_host_result(self, vm: &mut Vm) -> Result<Value, PyErr> {
        match self {
            Ok(v) => v.into_host_result(vm),
            Err(e) => Err(e.into_py_err(vm)),
        }
    }
}

/// Builds the exception instance for `e`: its class is the builtin exception class of that
/// name; an unknown name becomes a `RuntimeError` whose message starts with the name.
pub(crate) fn raise(vm: &mut Vm, e: &PyException) -> PyErr {
    let base = vm.types().exc.base_exception.clone();
    let cls = vm
        .get_builtin(e.type_name())
        .and_then(|v| vm.as_class(&v))
        .filter(|c| vm.is_subclass(c, &base));
    match cls {
        Some(cls) => {
            if e.message().is_empty() {
                vm.new_exception(&cls, vec![])
            } else if e.type_name() == "KeyError" {
                let k = vm.new_str(e.message());
                vm.new_exception(&cls, vec![k])
            } else {
                vm.new_exception_msg(&cls, e.message())
            }
        }
        None => vm.new_runtime_error(&format!("{}: {}", e.type_name(), e.message())),
    }
}

/// Checks the argument count (no keywords, `min..=max` positionals).
fn check_args(vm: &Vm, name: &str, args: &Args<'_>, min: usize, max: usize) -> Result<(), PyErr> {
    if !args.kw.is_empty() {
        return Err(vm.new_type_error(&format!("{name}() takes no keyword arguments")));
    }
    let given = args.pos.len();
    if given >= min && given <= max {
        return Ok(());
    }
    let msg = if min == max {
        match max {
            0 => format!("{name}() takes no arguments ({given} given)"),
            1 => format!("{name}() takes exactly one argument ({given} given)"),
            n => format!("{name}() takes exactly {n} arguments ({given} given)"),
        }
    } else if given < min {
        format!(
            "{name}() takes at least {min} argument{} ({given} given)",
            if min == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "{name}() takes at most {max} argument{} ({given} given)",
            if max == 1 { "" } else { "s" }
        )
    };
    Err(vm.new_type_error(&msg))
}

/// Converts positional argument `i` (or supplies the default of a missing optional one).
fn arg<T: FromPy>(vm: &mut Vm, name: &str, args: &Args<'_>, i: usize) -> Result<T, PyErr> {
    let Some(v) = args.pos.get(i) else {
        return T::from_missing()
            .ok_or_else(|| vm.new_type_error(&format!("{name}() missing argument {}", i + 1)));
    };
    T::from_py(vm, v).map_err(|e| match e {
        Error::Conversion { .. } => {
            let found = type_name(vm, v);
            vm.new_type_error(&format!(
                "{name}() argument {} must be {}, not {found}",
                i + 1,
                T::expected()
            ))
        }
        Error::OutOfRange { target, value } => {
            let msg = if value.starts_with('-') && target.starts_with('u') {
                "can't convert negative int to unsigned".to_string()
            } else {
                format!("Python int too large to convert to {target}")
            };
            vm.new_overflow_error(&msg)
        }
        other => other.into_py_err(vm),
    })
}

/// How many leading arguments are required (the rest accept absence, like `Option<T>`).
fn required(optional: &[bool]) -> usize {
    optional.iter().rposition(|o| !o).map_or(0, |i| i + 1)
}

macro_rules! host_fn {
    ($($A:ident $i:tt),*) => {
        impl<F, R, $($A),*> HostFn<Plain<(R, $($A,)*)>> for F
        where
            F: Fn($($A),*) -> R + 'static,
            R: IntoHostResult,
            $($A: FromPy,)*
        {
            #[allow(non_snake_case, unused_variables)]
            fn invoke(&self, vm: &mut Vm, name: &str, args: Args<'_>) -> Result<Value, PyErr> {
                let optional: &[bool] = &[$($A::from_missing().is_some()),*];
                check_args(vm, name, &args, required(optional), optional.len())?;
                $(let $A = arg::<$A>(vm, name, &args, $i)?;)*
                (self)($($A),*).into_host_result(vm)
            }
        }

        impl<F, R, $($A),*> HostFn<WithVm<(R, $($A,)*)>> for F
        where
            F: Fn(&mut Vm, $($A),*) -> R + 'static,
            R: IntoHostResult,
            $($A: FromPy,)*
        {
            #[allow(non_snake_case, unused_variables)]
            fn invoke(&self, vm: &mut Vm, name: &str, args: Args<'_>) -> Result<Value, PyErr> {
                let optional: &[bool] = &[$($A::from_missing().is_some()),*];
                check_args(vm, name, &args, required(optional), optional.len())?;
                $(let $A = arg::<$A>(vm, name, &args, $i)?;)*
                (self)(vm, $($A),*).into_host_result(vm)
            }
        }
    };
}

host_fn!();
host_fn!(A 0);
host_fn!(A 0, B 1);
host_fn!(A 0, B 1, C 2);
host_fn!(A 0, B 1, C 2, D 3);
host_fn!(A 0, B 1, C 2, D 3, E 4);
host_fn!(A 0, B 1, C 2, D 3, E 4, F2 5);

/// The text of a panic payload.
pub(crate) fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "(non-string panic payload)".to_string()
    }
}

/// Wraps a host function as a Python builtin function object called `name`.
pub(crate) fn make_function<M, F: HostFn<M>>(vm: &mut Vm, name: &str, f: F) -> Value {
    let fname: Rc<str> = Rc::from(name);
    vm.new_native_function(name, move |vm, args| {
        match catch_unwind(AssertUnwindSafe(|| f.invoke(vm, &fname, args))) {
            Ok(r) => r,
            Err(p) => {
                let msg = panic_message(p.as_ref());
                Err(vm.new_runtime_error(&format!("host function {fname}() panicked: {msg}")))
            }
        }
    })
}

/// A native module defined by the host: functions and values under a module name, importable
/// by guest code (`import name`) once registered with
/// [`Interpreter::register_module`](super::Interpreter::register_module).
///
/// ```
/// use pyvm::embed::HostModule;
///
/// let m = HostModule::new("host")
///     .function("add", |a: i64, b: i64| a + b)
///     .value("VERSION", "1.2.3");
/// # let _ = m;
/// ```
pub struct HostModule {
    pub(crate) name: String,
    pub(crate) items: Vec<(String, Item)>,
}

type Builder = Box<dyn FnOnce(&mut Vm, &str) -> Result<Value, Error>>;

pub(crate) struct Item(pub(crate) Builder);

impl HostModule {
    /// An empty module called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        HostModule {
            name: name.into(),
            items: Vec::new(),
        }
    }

    /// Adds a function.
    pub fn function<M, F: HostFn<M>>(mut self, name: &str, f: F) -> Self {
        self.items.push((
            name.to_string(),
            Item(Box::new(move |vm, n| Ok(make_function(vm, n, f)))),
        ));
        self
    }

    /// Adds a value (converted when the module is registered).
    pub fn value<T: IntoPy + 'static>(mut self, name: &str, v: T) -> Self {
        self.items
            .push((name.to_string(), Item(Box::new(move |vm, _| v.into_py(vm)))));
        self
    }

    /// The module's name.
    pub fn name(&self) -> &str {
        &self.name
    }
}
