//! What the guest's `sys.stdin` and `input()` read.

use std::io::BufRead;

/// A source for the guest's standard input.
#[non_exhaustive]
pub enum Input {
    /// Nothing: the guest reads end of file at once (the default for an embedded interpreter,
    /// so a guest never waits on the host's terminal).
    Empty,
    /// The process's own stdin (what `pyvm run` gives).
    Inherit,
    /// These bytes, then end of file.
    Bytes(Vec<u8>),
    /// Any buffered reader the host supplies (a pipe, a file, a socket).
    Reader(Box<dyn BufRead>),
}

impl Input {
    /// `text` as the guest's stdin (UTF-8).
    pub fn text(text: impl Into<String>) -> Self {
        Input::Bytes(text.into().into_bytes())
    }

    pub(crate) fn into_source(self) -> Box<dyn BufRead> {
        match self {
            Input::Empty => Box::new(std::io::empty()),
            Input::Inherit => Box::new(std::io::BufReader::new(std::io::stdin())),
            Input::Bytes(b) => Box::new(std::io::Cursor::new(b)),
            Input::Reader(r) => r,
        }
    }
}

impl From<&str> for Input {
    fn from(text: &str) -> Self {
        Input::text(text)
    }
}

impl From<String> for Input {
    fn from(text: String) -> Self {
        Input::text(text)
    }
}

impl From<Vec<u8>> for Input {
    fn from(bytes: Vec<u8>) -> Self {
        Input::Bytes(bytes)
    }
}

impl std::fmt::Debug for Input {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Input::Empty => f.write_str("Input::Empty"),
            Input::Inherit => f.write_str("Input::Inherit"),
            Input::Bytes(b) => write!(f, "Input::Bytes({} bytes)", b.len()),
            Input::Reader(_) => f.write_str("Input::Reader"),
        }
    }
}
