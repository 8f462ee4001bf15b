//! [`Capabilities`]: what a guest may reach outside the VM.

/// What the guest may reach outside the VM. Everything is off by default
/// ([`Capabilities::none`]): the right setting for untrusted code.
///
/// | capability | off (sandbox) | on |
/// | --- | --- | --- |
/// | `filesystem` | `open()` raises `PermissionError`; `io`, `marshal`, `importlib` cannot be imported; `os` imports but its file-system functions (`getcwd`, `stat`, `listdir`, …) raise `PermissionError`; tracebacks show no source lines (the file names come from the `.pyc`) | as in the builtins crate |
/// | `environment` | `os.environ` is empty | `os.environ` is the host's environment |
/// | `stdin` | `input()` raises `PermissionError` and `sys.stdin` reads end of file, unless the host supplies input ([`Builder::stdin`](super::Builder::stdin)) | `sys.stdin` and `input()` read the process's stdin (or the host's input) |
/// | `all_native_modules` | only computation modules (`math`, `itertools`, `collections`, …), host modules and `.pyc` modules on the host's module paths can be imported | every native module |
///
/// Independently of these, imports from files only ever search the host's module paths: the
/// guest's changes to `sys.path` are undone before every import unless `all_native_modules` and
/// `filesystem` are both on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Capabilities {
    pub(crate) filesystem: bool,
    pub(crate) environment: bool,
    pub(crate) stdin: bool,
    pub(crate) all_native_modules: bool,
}

impl Capabilities {
    /// Nothing outside the VM (the default).
    pub const fn none() -> Self {
        Capabilities {
            filesystem: false,
            environment: false,
            stdin: false,
            all_native_modules: false,
        }
    }

    /// Everything: the guest is trusted like a normal CPython program.
    pub const fn all() -> Self {
        Capabilities {
            filesystem: true,
            environment: true,
            stdin: true,
            all_native_modules: true,
        }
    }

    /// Allows or refuses files (`open`, `io`, `os`, `pathlib`, …).
    pub const fn filesystem(mut self, on: bool) -> Self {
        self.filesystem = on;
        self
    }

    /// Allows or refuses the environment (`os.environ`).
    pub const fn environment(mut self, on: bool) -> Self {
        self.environment = on;
        self
    }

    /// Allows or refuses reading the process's stdin (`input`).
    pub const fn stdin(mut self, on: bool) -> Self {
        self.stdin = on;
        self
    }

    /// Allows importing every native module, not only the computation ones.
    pub const fn all_native_modules(mut self, on: bool) -> Self {
        self.all_native_modules = on;
        self
    }

    /// Is `filesystem` on?
    pub const fn has_filesystem(&self) -> bool {
        self.filesystem
    }

    /// Is `environment` on?
    pub const fn has_environment(&self) -> bool {
        self.environment
    }

    /// Is `stdin` on?
    pub const fn has_stdin(&self) -> bool {
        self.stdin
    }

    /// Is `all_native_modules` on?
    pub const fn has_all_native_modules(&self) -> bool {
        self.all_native_modules
    }

    /// Is the guest fully trusted (every capability on)?
    pub const fn is_trusted(&self) -> bool {
        self.filesystem && self.environment && self.stdin && self.all_native_modules
    }
}

/// Native modules that only compute (no files, no environment, no process control).
pub(crate) const SAFE_MODULES: &[&str] = &[
    "sys",
    "builtins",
    "math",
    "cmath",
    "itertools",
    "functools",
    "_functools",
    "collections",
    "_collections",
    "_collections_abc",
    "operator",
    "_operator",
    "heapq",
    "_heapq",
    "bisect",
    "_bisect",
    "random",
    "_random",
    "string",
    "_string",
    "re",
    "_sre",
    "json",
    "_json",
    "struct",
    "_struct",
    "copy",
    "types",
    "typing",
    "enum",
    "dataclasses",
    "abc",
    "_abc",
    "keyword",
    "numbers",
    "decimal",
    "_decimal",
    "fractions",
    "statistics",
    "textwrap",
    "array",
    "time",
    "datetime",
    "_datetime",
    "errno",
    "gc",
    "weakref",
    "_weakref",
    "_weakrefset",
    "warnings",
    "_warnings",
    "contextlib",
    "reprlib",
    "unicodedata",
    "binascii",
    "base64",
    "hashlib",
    "_md5",
    "_sha1",
    "_sha256",
    "_sha512",
    "_sha3",
    "_blake2",
    "hmac",
    "zlib",
    "pprint",
    "colorsys",
    "graphlib",
    "atexit",
    "_thread",
    "__future__",
    "_codecs",
    "codecs",
    "locale",
    "_locale",
    "typing_extensions",
    "dis",
    "opcode",
    "_opcode",
    // Native accelerators the standard library's pure-Python modules sit on.
    "_tokenize",
    "_typing",
    "_sha2",
    "_contextvars",
    "contextvars",
    "_ast",
    "ast",
    "copyreg",
    "_py_abc",
    "_pydecimal",
    "sre_compile",
    "sre_parse",
    "sre_constants",
];

/// Modules that reach files (allowed with `filesystem`).
pub(crate) const FILE_MODULES: &[&str] = &[
    "io",
    "_io",
    "importlib",
    "pathlib",
    "shutil",
    "tempfile",
    "glob",
    "fnmatch",
    "fileinput",
    "zipfile",
    "tarfile",
    "linecache",
    "tokenize",
    "marshal",
    "zipimport",
    "pkgutil",
];

/// `os` and the modules over it: importable everywhere, because a sandbox's `posix` is
/// *confined* (the builtins crate asks the filter about the [`POSIX_FILES`] and
/// [`POSIX_ENVIRON`] gates when it builds `posix`: refused, `environ` is empty and the
/// file-system functions raise `PermissionError`). Many computation modules (`contextlib`,
/// `typing`, `dataclasses`, `ast`, `random`) import `os` at start-up.
pub(crate) const OS_MODULES: &[&str] = &[
    "os",
    "posix",
    "nt",
    "posixpath",
    "ntpath",
    "genericpath",
    "stat",
    "_stat",
];

/// The pseudo-module the confined `posix` asks about for file-system access.
const POSIX_FILES: &str = "posix:files";
/// The pseudo-module the confined `posix` asks about for the host's environment variables.
const POSIX_ENVIRON: &str = "posix:environ";

impl Capabilities {
    /// May the native module `name` be imported?
    pub(crate) fn allows_native(&self, name: &str) -> bool {
        if self.all_native_modules {
            return true;
        }
        match name {
            POSIX_FILES => return self.filesystem,
            POSIX_ENVIRON => return self.environment,
            _ => {}
        }
        let top = name.split('.').next().unwrap_or(name);
        if SAFE_MODULES.contains(&top) || OS_MODULES.contains(&top) {
            return true;
        }
        if FILE_MODULES.contains(&top) {
            return self.filesystem;
        }
        false
    }
}
