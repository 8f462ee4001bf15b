//! `sys.stdout`'s buffering, and what a failed write does, as CPython's text layer does it.
//!
//! CPython's `sys.stdout` is a `TextIOWrapper` that keeps written text pending until more than
//! 8,192 bytes have gathered (its chunk size), or until a newline when it is line buffered (a
//! terminal), and passes each write straight through when unbuffered (`PYTHONUNBUFFERED`,
//! `python -u`). What a Python program sees of that:
//!
//! - A write that pushes the pending bytes to the stream and fails raises the error
//!   (`BrokenPipeError: [Errno 32] Broken pipe` once the reading end of a pipe is closed), and
//!   those bytes are gone.
//! - An explicit flush that fails (`sys.stdout.flush()`, `print(..., flush=True)`) raises and
//!   keeps the bytes pending.
//! - Bytes still pending when the program ends are flushed then; if that fails, the error is
//!   reported as "Exception ignored in: <stdout>" and the exit status becomes 120 (the `pyvm`
//!   command does that with [`Vm::finish_stdout`]).
//!
//! The VM also flushes stdout by itself before it writes to stderr (tracebacks, warnings), so
//! that the two streams interleave as a reader expects; such a flush never raises and keeps
//! the bytes pending when it fails, which is where CPython would still have them.

use crate::error::PyErr;
use crate::error::PyResult;
use crate::vm::{Sink, Vm};
use std::io::Write;

/// Bytes of pending text past which a block-buffered stdout writes them out (CPython's
/// `TextIOWrapper` chunk size).
const CHUNK: usize = 8192;

/// How stdout's text reaches its sink.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
#[non_exhaustive]
pub enum StdoutBuffering {
    /// Written out when more than 8 KiB are pending, or on a flush (a pipe or a file).
    #[default]
    Block,
    /// Written out at each write that contains a newline (a terminal).
    Line,
    /// Each write goes straight to the sink (`PYTHONUNBUFFERED`; a host's own sink).
    Unbuffered,
}

/// stdout's sink, its buffering and the text not yet written to it.
pub(crate) struct Stdout {
    sink: Sink,
    /// The sink is the process's stdout (flushed through at each write), not a host's.
    own_sink: bool,
    mode: StdoutBuffering,
    pending: Vec<u8>,
}

impl Stdout {
    /// The process's stdout, block buffered.
    pub(crate) fn process() -> Stdout {
        Stdout {
            sink: Box::new(std::io::stdout()),
            own_sink: true,
            mode: StdoutBuffering::Block,
            pending: Vec::new(),
        }
    }

    /// Writes `b` to the sink, and through the sink's own buffer when it is the process's
    /// stdout (std's line buffer would otherwise keep a partial line). A host's sink buffers as
    /// it likes until the next flush.
    fn send(sink: &mut Sink, own_sink: bool, b: &[u8]) -> std::io::Result<()> {
        sink.write_all(b)?;
        if own_sink {
            sink.flush()?;
        }
        Ok(())
    }

    /// Writes out the pending bytes and flushes the sink; on failure the bytes stay pending.
    fn flush_pending(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            self.sink.write_all(&self.pending)?;
            self.pending.clear();
        }
        self.sink.flush()
    }

    /// Takes `b` in, writing out what the buffering says is due.
    fn write(&mut self, b: &[u8]) -> std::io::Result<()> {
        match self.mode {
            StdoutBuffering::Unbuffered if self.pending.is_empty() => {
                Self::send(&mut self.sink, self.own_sink, b)
            }
            StdoutBuffering::Line if b.contains(&b'\n') || b.contains(&b'\r') => {
                self.pending.extend_from_slice(b);
                self.flush_pending()
            }
            _ => {
                self.pending.extend_from_slice(b);
                if self.pending.len() > CHUNK || self.mode == StdoutBuffering::Unbuffered {
                    // The text layer hands its pending bytes on and forgets them: if the
                    // write fails, they are lost.
                    let r = Self::send(&mut self.sink, self.own_sink, &self.pending);
                    self.pending.clear();
                    r
                } else {
                    Ok(())
                }
            }
        }
    }
}

impl Vm {
    /// Replaces the stdout sink (flushing what is pending to the old one). The new sink gets
    /// every write as it happens ([`StdoutBuffering::Unbuffered`]): a host's sink does its own
    /// buffering. [`Vm::set_stdout_buffering`] changes that.
    pub fn set_stdout(&mut self, sink: Sink) {
        let _ = self.stdout.flush_pending();
        self.stdout = Stdout {
            sink,
            own_sink: false,
            mode: StdoutBuffering::Unbuffered,
            pending: Vec::new(),
        };
    }

    /// Sets how stdout is buffered (see [`StdoutBuffering`]); pending text is flushed first.
    pub fn set_stdout_buffering(&mut self, mode: StdoutBuffering) {
        let _ = self.stdout.flush_pending();
        self.stdout.mode = mode;
    }

    /// Writes text to stdout (`sys.stdout.write`, `print`). A write that has to go out to the
    /// sink and fails raises the `OSError` (`BrokenPipeError` for a closed pipe).
    pub fn write_stdout(&mut self, s: &str) -> PyResult<()> {
        self.write_stdout_bytes(s.as_bytes())
    }

    /// Writes bytes to stdout (`sys.stdout.buffer`), in order with the text written.
    pub fn write_stdout_bytes(&mut self, b: &[u8]) -> PyResult<()> {
        match self.stdout.write(b) {
            Ok(()) => Ok(()),
            Err(e) => Err(self.os_error_from_io(&e, None)),
        }
    }

    /// Flushes stdout on the program's request (`sys.stdout.flush()`, `print(flush=True)`):
    /// a failure raises, and the text stays pending.
    pub fn flush_stdout_checked(&mut self) -> PyResult<()> {
        match self.stdout.flush_pending() {
            Ok(()) => Ok(()),
            Err(e) => Err(self.os_error_from_io(&e, None)),
        }
    }

    /// Flushes stdout where the VM does so by itself (before writing to stderr, at teardown):
    /// never raises; text that could not be written stays pending.
    pub fn flush_stdout(&mut self) {
        let _ = self.stdout.flush_pending();
        let _ = self.err.flush();
    }

    /// The final flush of stdout when the program has ended: the error if the text still
    /// pending could not be written (the `pyvm` command reports it as CPython does, "Exception
    /// ignored in" `sys.stdout`, and exits with status 120).
    pub fn finish_stdout(&mut self) -> Option<PyErr> {
        let r = self.stdout.flush_pending();
        let _ = self.err.flush();
        match r {
            Ok(()) => None,
            Err(e) => {
                // Reported once: the process is about to end.
                self.stdout.pending.clear();
                Some(self.os_error_from_io(&e, None))
            }
        }
    }
}
