//! [`Program`]: loaded, verified guest code, shareable between threads.

use super::error::Result;
use pyvm_loader::Code;
use std::path::Path;
use std::sync::Arc;

/// A compiled module (`.pyc`) ready to run: the header was validated, the marshal data decoded
/// and every code object checked by the bytecode verifier.
///
/// `Program` is `Send + Sync` and cheap to clone (an `Arc`): load once, run in many
/// interpreters on many threads.
#[derive(Clone, Debug)]
pub struct Program {
    code: Arc<Code>,
    file: Arc<str>,
}

impl Program {
    /// Loads a `.pyc` from memory. `__file__` will be the code object's `co_filename`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Program> {
        let pyc = pyvm_loader::load_pyc(bytes)?;
        let file: Arc<str> = Arc::from(pyc.code.filename.to_str_lossy().as_ref());
        Program::from_code(pyc.code, file)
    }

    /// Reads and loads a `.pyc` file. `__file__` will be `path`.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Program> {
        let path = path.as_ref();
        let pyc = pyvm_loader::load_pyc_file(path)?;
        Program::from_code(pyc.code, Arc::from(path.to_string_lossy().as_ref()))
    }

    /// Wraps a code object the loader produced (verifying it).
    pub fn from_code(code: Arc<Code>, file: impl Into<Arc<str>>) -> Result<Program> {
        pyvm_loader::verify::verify_tree(&code)?;
        Ok(Program {
            code,
            file: file.into(),
        })
    }

    /// Replaces the file name the module sees as `__file__`.
    pub fn with_file(mut self, file: impl Into<Arc<str>>) -> Program {
        self.file = file.into();
        self
    }

    /// The module code object.
    pub fn code(&self) -> &Arc<Code> {
        &self.code
    }

    /// The file name (`__file__`).
    pub fn file(&self) -> &str {
        &self.file
    }
}
