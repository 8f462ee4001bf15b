//! The error type of every kernel, and the one place where CPython's messages are spelled.

use std::fmt;

/// The Python exception class a kernel error maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ExcKind {
    ValueError,
    OverflowError,
    TypeError,
    ZeroDivisionError,
    KeyError,
    IndexError,
    MemoryError,
}

impl ExcKind {
    /// The Python class name, e.g. `"ValueError"`.
    pub fn name(self) -> &'static str {
        match self {
            ExcKind::ValueError => "ValueError",
            ExcKind::OverflowError => "OverflowError",
            ExcKind::TypeError => "TypeError",
            ExcKind::ZeroDivisionError => "ZeroDivisionError",
            ExcKind::KeyError => "KeyError",
            ExcKind::IndexError => "IndexError",
            ExcKind::MemoryError => "MemoryError",
        }
    }
}

impl fmt::Display for ExcKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A Python exception raised by a kernel: its class and CPython's exact message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}: {message}")]
pub struct KernelError {
    pub kind: ExcKind,
    pub message: String,
}

impl KernelError {
    pub fn new(kind: ExcKind, message: impl Into<String>) -> Self {
        KernelError {
            kind,
            message: message.into(),
        }
    }
    pub fn value(message: impl Into<String>) -> Self {
        Self::new(ExcKind::ValueError, message)
    }
    pub fn overflow(message: impl Into<String>) -> Self {
        Self::new(ExcKind::OverflowError, message)
    }
    pub fn type_error(message: impl Into<String>) -> Self {
        Self::new(ExcKind::TypeError, message)
    }
    pub fn zero_division(message: impl Into<String>) -> Self {
        Self::new(ExcKind::ZeroDivisionError, message)
    }
}

/// Shorthand for kernel results.
pub type KResult<T> = Result<T, KernelError>;

/// Checks that `bytes` more bytes of output could be allocated, before a loop builds them: a
/// width or count from Python code (`'%*d' % (10**12, 1)`, `format(x, '1000000000000')`) that
/// the allocator refuses is a `MemoryError`, as in CPython, not an abort of the process. Small
/// sizes are not probed.
pub fn probe_alloc(bytes: usize) -> KResult<()> {
    reserve_output(&mut String::new(), bytes)
}

/// Makes room for `bytes` more bytes in `out` before a loop pushes them (sizes under 1 MiB are
/// left to the loop): past this thread's heap limit, or refused by the allocator, it is a
/// `MemoryError`. On the output itself, a huge width is allocated once, not probed and then
/// grown by doubling to twice its size.
pub fn reserve_output(out: &mut String, bytes: usize) -> KResult<()> {
    if bytes < (1 << 20) {
        return Ok(());
    }
    if crate::limits::heap_would_trip(bytes) {
        return Err(KernelError::new(ExcKind::MemoryError, ""));
    }
    out.try_reserve(bytes)
        .map_err(|_| KernelError::new(ExcKind::MemoryError, ""))
}

/// CPython's messages, built here and nowhere else.
pub mod msg {
    use super::KernelError;

    pub fn pop_from_empty_set() -> KernelError {
        KernelError::new(super::ExcKind::KeyError, "pop from an empty set")
    }
    pub fn float_parse(repr: &str) -> KernelError {
        KernelError::value(format!("could not convert string to float: {repr}"))
    }
    pub fn int_parse(base: u32, repr: &str) -> KernelError {
        KernelError::value(format!(
            "invalid literal for int() with base {base}: {}",
            truncate_chars(repr, 200)
        ))
    }
    pub fn int_base_range() -> KernelError {
        KernelError::value("int() base must be >= 2 and <= 36, or 0")
    }
    pub fn int_str_digits_parse(limit: usize, digits: usize) -> KernelError {
        KernelError::value(format!(
            "Exceeds the limit ({limit} digits) for integer string conversion: value has \
             {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
        ))
    }
    pub fn int_str_digits_format(limit: usize) -> KernelError {
        KernelError::value(format!(
            "Exceeds the limit ({limit} digits) for integer string conversion; use \
             sys.set_int_max_str_digits() to increase the limit"
        ))
    }
    pub fn float_to_int_inf() -> KernelError {
        KernelError::overflow("cannot convert float infinity to integer")
    }
    pub fn float_to_int_nan() -> KernelError {
        KernelError::value("cannot convert float NaN to integer")
    }
    pub fn ratio_inf() -> KernelError {
        KernelError::overflow("cannot convert Infinity to integer ratio")
    }
    pub fn ratio_nan() -> KernelError {
        KernelError::value("cannot convert NaN to integer ratio")
    }
    pub fn round_too_large() -> KernelError {
        KernelError::overflow("rounded value too large to represent")
    }
    pub fn fromhex_invalid() -> KernelError {
        KernelError::value("invalid hexadecimal floating-point string")
    }
    pub fn fromhex_overflow() -> KernelError {
        KernelError::overflow("hexadecimal value too large to represent as a float")
    }
    pub fn int_too_big_to_convert() -> KernelError {
        KernelError::overflow("int too big to convert")
    }
    pub fn negative_to_unsigned() -> KernelError {
        KernelError::overflow("can't convert negative int to unsigned")
    }
    pub fn byteorder() -> KernelError {
        KernelError::value("byteorder must be either 'little' or 'big'")
    }
    pub fn int_too_large_for_float() -> KernelError {
        KernelError::overflow("int too large to convert to float")
    }

    /// `%.200R`-style truncation: at most `n` characters.
    pub fn truncate_chars(s: &str, n: usize) -> &str {
        match s.char_indices().nth(n) {
            Some((i, _)) => &s[..i],
            None => s,
        }
    }
}

/// Names quoted and joined the way CPython's argument errors list them: `'a'`, `'a' and 'b'`,
/// `'a', 'b', and 'c'`.
pub fn quoted_name_list<S: AsRef<str>>(names: &[S]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{}'", n.as_ref())).collect();
    match q.as_slice() {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

/// `"s"` unless `n` is one (`1 argument`, `2 arguments`).
pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// CPython's message for arguments left unbound: `f() missing 2 required positional arguments:
/// 'a' and 'b'`. `kind` is `"positional"` or `"keyword-only"`.
pub fn missing_arguments<S: AsRef<str>>(qualname: &str, kind: &str, names: &[S]) -> String {
    format!(
        "{qualname}() missing {} required {kind} argument{}: {}",
        names.len(),
        plural(names.len()),
        quoted_name_list(names)
    )
}
