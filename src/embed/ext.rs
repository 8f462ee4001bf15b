//! [`VmExt`]: conveniences for host functions that receive the VM (`Fn(&mut Vm, …)`).

use super::convert::{FromPy, IntoArgs, IntoKwargs, IntoPy, PyValue};
use super::error::Error;
use super::host::IntoPyErr;
use pyvm_vm::{PyErr, Vm};

/// Typed calls and conversions on a raw [`Vm`], for host functions that call back into Python.
///
/// Errors are live Python exceptions ([`PyErr`]): returning them from a host function (whose
/// result type is `Result<T, PyErr>`) re-raises the original exception, traceback and all.
pub trait VmExt {
    /// Calls `f(*args)` and converts the result.
    fn call_py<R: FromPy>(&mut self, f: &PyValue, args: impl IntoArgs) -> Result<R, PyErr>;
    /// Calls `f(*args, **kwargs)` and converts the result.
    fn call_py_kw<R: FromPy>(
        &mut self,
        f: &PyValue,
        args: impl IntoArgs,
        kwargs: impl IntoKwargs,
    ) -> Result<R, PyErr>;
    /// Converts a Rust value to Python.
    fn to_py<T: IntoPy>(&mut self, v: T) -> Result<PyValue, PyErr>;
    /// Converts a Python value to Rust (`TypeError` / `OverflowError` on failure).
    fn extract<T: FromPy>(&mut self, v: &PyValue) -> Result<T, PyErr>;
}

fn lift<T>(vm: &mut Vm, r: Result<T, Error>) -> Result<T, PyErr> {
    r.map_err(|e| e.into_py_err(vm))
}

impl VmExt for Vm {
    fn call_py<R: FromPy>(&mut self, f: &PyValue, args: impl IntoArgs) -> Result<R, PyErr> {
        let a = args.into_args(self);
        let a = lift(self, a)?;
        let v = self.call(f.raw(), &a)?;
        let r = R::from_py(self, &v);
        lift(self, r)
    }

    fn call_py_kw<R: FromPy>(
        &mut self,
        f: &PyValue,
        args: impl IntoArgs,
        kwargs: impl IntoKwargs,
    ) -> Result<R, PyErr> {
        let a = args.into_args(self);
        let a = lift(self, a)?;
        let kw = kwargs.into_kwargs(self);
        let kw = lift(self, kw)?;
        let v = self.call_kw(f.raw(), &a, &kw)?;
        let r = R::from_py(self, &v);
        lift(self, r)
    }

    fn to_py<T: IntoPy>(&mut self, v: T) -> Result<PyValue, PyErr> {
        let r = v.into_py(self).map(PyValue::from_raw);
        lift(self, r)
    }

    fn extract<T: FromPy>(&mut self, v: &PyValue) -> Result<T, PyErr> {
        let r = T::from_py(self, v.raw());
        lift(self, r)
    }
}
