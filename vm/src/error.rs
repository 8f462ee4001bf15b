//! Errors: a raised Python exception (`PyErr`) and host-facing VM errors (`VmError`).

use crate::object::{ExceptionState, ObjRef, Payload};
use crate::value::Value;
use std::cell::RefCell;

/// A raised Python exception: one pointer to the exception instance.
#[derive(Clone)]
pub struct PyErr(pub ObjRef);

/// The result of anything that can raise.
pub type PyResult<T> = Result<T, PyErr>;

impl PyErr {
    /// The exception instance.
    #[inline]
    pub fn exc(&self) -> &ObjRef {
        &self.0
    }

    /// The exception instance as a value.
    pub fn value(&self) -> Value {
        Value::Obj(self.0.clone())
    }

    /// The mutable state (args, traceback, cause, context) of the exception.
    pub fn state(&self) -> Option<&RefCell<ExceptionState>> {
        match &self.0.payload {
            Payload::Exception(s) => Some(s),
            _ => None,
        }
    }
}

impl std::fmt::Debug for PyErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = self
            .0
            .class
            .as_ref()
            .and_then(|c| c.as_type().map(|t| t.name.borrow().to_string()));
        write!(f, "PyErr({})", name.unwrap_or_default())
    }
}

/// Errors the VM reports to its host (not Python exceptions).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VmError {
    /// A constant in a code object has a form the VM cannot represent.
    #[error("unsupported constant in code object {code}: {what}")]
    BadConstant { code: String, what: &'static str },
}
