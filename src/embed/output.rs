//! Where the guest's `print`, `sys.stdout` and `sys.stderr` (and tracebacks the VM prints) go.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

/// A closure receiving output bytes.
pub type WriteFn = Box<dyn FnMut(&[u8])>;

/// A destination for the guest's standard output or standard error.
#[non_exhaustive]
pub enum Output {
    /// The process's own stream (stdout buffered, stderr unbuffered).
    Inherit,
    /// Thrown away.
    Discard,
    /// Appended to a shared in-memory buffer the host reads.
    Buffer(OutputBuffer),
    /// Handed to a closure, chunk by chunk, as the guest writes.
    Callback(WriteFn),
}

impl Output {
    /// A closure destination.
    pub fn callback(f: impl FnMut(&[u8]) + 'static) -> Self {
        Output::Callback(Box::new(f))
    }

    pub(crate) fn into_sink(self, is_err: bool) -> Box<dyn Write> {
        match self {
            Output::Inherit if is_err => Box::new(std::io::stderr()),
            Output::Inherit => Box::new(std::io::BufWriter::with_capacity(
                1 << 16,
                std::io::stdout(),
            )),
            Output::Discard => Box::new(std::io::sink()),
            Output::Buffer(b) => Box::new(b),
            Output::Callback(f) => Box::new(CallbackWriter(f)),
        }
    }
}

impl From<OutputBuffer> for Output {
    fn from(b: OutputBuffer) -> Self {
        Output::Buffer(b)
    }
}

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Output::Inherit => "Output::Inherit",
            Output::Discard => "Output::Discard",
            Output::Buffer(_) => "Output::Buffer",
            Output::Callback(_) => "Output::Callback",
        })
    }
}

/// A growable byte buffer shared between the host and an interpreter's output. Clones share
/// the same bytes.
#[derive(Clone, Default)]
pub struct OutputBuffer(Rc<RefCell<Vec<u8>>>);

impl OutputBuffer {
    /// An empty buffer.
    pub fn new() -> Self {
        Self::default()
    }

    /// A copy of everything written so far.
    pub fn contents(&self) -> Vec<u8> {
        self.0.borrow().clone()
    }

    /// Everything written so far, as text (invalid UTF-8 replaced).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.borrow()).into_owned()
    }

    /// Takes everything written so far, leaving the buffer empty.
    pub fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.borrow_mut())
    }

    /// Number of bytes written so far.
    pub fn len(&self) -> usize {
        self.0.borrow().len()
    }

    /// Has nothing been written?
    pub fn is_empty(&self) -> bool {
        self.0.borrow().is_empty()
    }

    /// Empties the buffer.
    pub fn clear(&self) {
        self.0.borrow_mut().clear();
    }
}

impl std::fmt::Debug for OutputBuffer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "OutputBuffer({} bytes)", self.len())
    }
}

impl Write for OutputBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct CallbackWriter(WriteFn);

impl Write for CallbackWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        (self.0)(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
