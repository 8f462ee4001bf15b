//! Errors of the embedding API: [`Error`] (what the host gets back) and [`PyException`] (a
//! Python exception as plain data, in both directions).

use std::fmt;

/// The result type of the embedding API.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong when the host loads or runs guest code.
///
/// `Error` is `Send + Sync`: it holds only plain data, so it can be sent back from a VM's
/// thread to the thread that coordinates it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The `.pyc` could not be read or decoded (bad magic, truncated marshal data, I/O, …).
    #[error("cannot load code: {0}")]
    Load(#[from] pyvm_loader::LoadError),

    /// The code object failed the bytecode verifier.
    #[error("code rejected by the bytecode verifier: {0}")]
    Verify(#[from] pyvm_loader::verify::VerifyError),

    /// A Python exception escaped from guest code.
    #[error("{0}")]
    Exception(PyException),

    /// The instruction budget (fuel) ran out; the guest could not catch this.
    #[error("execution stopped: the instruction budget is exhausted")]
    FuelExhausted,

    /// The host raised the interrupt flag; the guest could not catch this.
    #[error("execution stopped: interrupted by the host")]
    Interrupted,

    /// A Python value could not be converted to the Rust type asked for.
    #[error("cannot convert {found} to {expected}")]
    Conversion {
        /// What the Rust side wanted (a Python type description, e.g. `int` or `list`).
        expected: String,
        /// The Python type that was found (e.g. `str`).
        found: String,
    },

    /// A Python `int` does not fit the Rust integer type asked for.
    #[error("int {value} out of range for {target}")]
    OutOfRange {
        /// The Rust type (`i32`, `u64`, …).
        target: &'static str,
        /// The Python value (decimal, possibly truncated).
        value: String,
    },

    /// A serde conversion (feature `serde`) failed.
    #[error("serde conversion failed: {message}")]
    Serde {
        /// What serde reported.
        message: String,
    },

    /// A module has no attribute (global) of that name.
    #[error("module '{module}' has no attribute '{name}'")]
    MissingGlobal {
        /// The module's `__name__`.
        module: String,
        /// The attribute looked for.
        name: String,
    },

    /// The interpreter's configuration cannot be honoured.
    #[error("invalid interpreter configuration: {reason}")]
    Config {
        /// What is wrong.
        reason: &'static str,
    },

    /// A panic escaped the VM itself (a bug in pyvm, not in a host function): the
    /// interpreter is poisoned and every later call fails with this error.
    #[error("the interpreter is unusable after an internal panic: {message}")]
    Poisoned {
        /// The panic message.
        message: String,
    },
}

impl Error {
    /// The Python exception, if this error is one.
    pub fn as_exception(&self) -> Option<&PyException> {
        match self {
            Error::Exception(e) => Some(e),
            _ => None,
        }
    }

    /// Is this the guest being stopped by a limit (fuel or interrupt)?
    pub fn is_abort(&self) -> bool {
        matches!(self, Error::FuelExhausted | Error::Interrupted)
    }
}

/// A Python exception as plain data.
///
/// Going out (guest → host) it carries the exception's class name, the names of its base
/// classes, `str(exc)`, and the traceback formatted exactly as CPython prints it. Going in
/// (host → guest), a host function returns `Err(PyException::value_error("..."))` and the
/// guest sees a `ValueError` it can catch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyException {
    type_name: String,
    mro: Vec<String>,
    message: String,
    traceback: String,
    exit_status: Option<i32>,
}

macro_rules! ctor {
    ($($fname:ident => $ty:literal),* $(,)?) => {
        $(
            #[doc = concat!("A `", $ty, "` with this message.")]
            pub fn $fname(message: impl Into<String>) -> Self {
                Self::new($ty, message)
            }
        )*
    };
}

impl PyException {
    /// An exception of the builtin class `type_name` (e.g. `"ValueError"`). When raised into
    /// the guest, a name that is not a builtin exception class becomes a `RuntimeError` whose
    /// message starts with the name.
    pub fn new(type_name: impl Into<String>, message: impl Into<String>) -> Self {
        let type_name = type_name.into();
        PyException {
            mro: vec![type_name.clone()],
            type_name,
            message: message.into(),
            traceback: String::new(),
            exit_status: None,
        }
    }

    ctor! {
        value_error => "ValueError",
        type_error => "TypeError",
        runtime_error => "RuntimeError",
        key_error => "KeyError",
        index_error => "IndexError",
        lookup_error => "LookupError",
        attribute_error => "AttributeError",
        overflow_error => "OverflowError",
        zero_division_error => "ZeroDivisionError",
        permission_error => "PermissionError",
        os_error => "OSError",
        not_implemented_error => "NotImplementedError",
        memory_error => "MemoryError",
    }

    pub(crate) fn from_parts(
        type_name: String,
        mro: Vec<String>,
        message: String,
        traceback: String,
        exit_status: Option<i32>,
    ) -> Self {
        PyException {
            type_name,
            mro,
            message,
            traceback,
            exit_status,
        }
    }

    /// The exception's class name (`type(exc).__name__`), e.g. `ZeroDivisionError`.
    pub fn type_name(&self) -> &str {
        &self.type_name
    }

    /// `str(exc)`: the message (empty for `raise ValueError`).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The traceback exactly as CPython prints an uncaught exception (`Traceback (most recent
    /// call last):` … `ZeroDivisionError: division by zero`, with chained exceptions). Empty for
    /// exceptions created by the host.
    pub fn traceback(&self) -> &str {
        &self.traceback
    }

    /// Is the exception an instance of the class called `class_name` (its own class or any base,
    /// compared by `__name__`)? `e.is_instance_of("LookupError")` is true for a `KeyError`.
    pub fn is_instance_of(&self, class_name: &str) -> bool {
        self.mro.iter().any(|n| n == class_name)
    }

    /// For a `SystemExit` raised by the guest: the exit status CPython would use (`code` `None`
    /// → 0, an int → itself, anything else → 1). `None` for other exceptions.
    pub fn exit_status(&self) -> Option<i32> {
        self.exit_status
    }
}

impl fmt::Display for PyException {
    /// The last line of the traceback: `TypeName: message` (or just `TypeName`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            f.write_str(&self.type_name)
        } else {
            write!(f, "{}: {}", self.type_name, self.message)
        }
    }
}

impl std::error::Error for PyException {}

impl From<PyException> for Error {
    fn from(e: PyException) -> Self {
        Error::Exception(e)
    }
}

impl From<Error> for PyException {
    /// How a host function's `?` on an embedding error looks to the guest: conversions become
    /// `TypeError` / `OverflowError`, exceptions keep their class and message.
    fn from(e: Error) -> Self {
        match e {
            Error::Exception(e) => e,
            Error::Conversion { expected, found } => {
                PyException::type_error(format!("expected {expected}, got {found}"))
            }
            Error::OutOfRange { target, .. } => {
                PyException::overflow_error(format!("Python int too large to convert to {target}"))
            }
            Error::MissingGlobal { module, name } => {
                PyException::attribute_error(format!("module '{module}' has no attribute '{name}'"))
            }
            Error::Serde { message } => PyException::value_error(message),
            other => PyException::runtime_error(other.to_string()),
        }
    }
}
