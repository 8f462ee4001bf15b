//! `.pyc` magic numbers: which CPython release wrote a file.
//!
//! The first four bytes of a `.pyc` are a 16-bit little-endian number followed by `\r\n`. Every
//! CPython release bumps the number when its bytecode changes; the table below holds, for each 3.x
//! minor version, the range its development series used and the number(s) its final releases use,
//! as recorded in the history comment of CPython's import machinery.

/// The magic number of CPython 3.12 (all 3.12.x final releases).
pub const MAGIC_312: u16 = 3531;

/// The version string pyvm's bytecode corresponds to.
pub const VERSION_312: &str = "3.12";

/// The four magic bytes that start a CPython 3.12 `.pyc`.
pub const MAGIC_BYTES_312: [u8; 4] = magic_bytes(MAGIC_312);

/// The four header bytes for a magic number: the number in little-endian order, then `\r\n`.
pub const fn magic_bytes(magic: u16) -> [u8; 4] {
    let le = magic.to_le_bytes();
    [le[0], le[1], b'\r', b'\n']
}

/// Each CPython 3.x minor version: its name, the first number of its development series, and the
/// numbers its final (non pre-release) versions use. Sorted by number; ranges do not overlap.
const RELEASES: &[(&str, u16, &[u16])] = &[
    ("3.0", 3000, &[3131]),
    ("3.1", 3141, &[3151]),
    ("3.2", 3160, &[3180]),
    ("3.3", 3190, &[3230]),
    ("3.4", 3250, &[3310]),
    // 3.5.0 and 3.5.1 use 3350; 3.5.2 and later use 3351.
    ("3.5", 3320, &[3350, 3351]),
    ("3.6", 3360, &[3379]),
    ("3.7", 3390, &[3394]),
    ("3.8", 3400, &[3413]),
    ("3.9", 3420, &[3425]),
    ("3.10", 3430, &[3439]),
    ("3.11", 3450, &[3495]),
    ("3.12", 3500, &[3531]),
    ("3.13", 3550, &[3571]),
    ("3.14", 3600, &[3627]),
];

/// What a magic number says about the CPython that wrote the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum MagicVersion {
    /// The number used by the final releases of this `major.minor` version.
    Release(&'static str),
    /// A number used only during this version's alpha/beta/rc series.
    PreRelease(&'static str),
    /// Not a number any known CPython 3 version used.
    Unknown,
}

impl MagicVersion {
    /// The `major.minor` version, if known.
    pub fn version(self) -> Option<&'static str> {
        match self {
            MagicVersion::Release(v) | MagicVersion::PreRelease(v) => Some(v),
            MagicVersion::Unknown => None,
        }
    }
}

impl std::fmt::Display for MagicVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MagicVersion::Release(v) => write!(f, "CPython {v}"),
            MagicVersion::PreRelease(v) => write!(f, "a CPython {v} pre-release"),
            MagicVersion::Unknown => f.write_str("an unknown Python version"),
        }
    }
}

/// Which CPython 3 version a magic number belongs to (e.g. for `pyvm inspect`).
///
/// ```
/// use pyvm_loader::magic::{version_of_magic, MagicVersion};
/// assert_eq!(version_of_magic(3495), MagicVersion::Release("3.11"));
/// assert_eq!(version_of_magic(3520), MagicVersion::PreRelease("3.12"));
/// assert_eq!(version_of_magic(42), MagicVersion::Unknown);
/// ```
pub fn version_of_magic(magic: u16) -> MagicVersion {
    for &(version, first, finals) in RELEASES {
        if finals.contains(&magic) {
            return MagicVersion::Release(version);
        }
        let last = finals.iter().copied().max().unwrap_or(first);
        if (first..last).contains(&magic) {
            return MagicVersion::PreRelease(version);
        }
    }
    MagicVersion::Unknown
}

/// The magic number in the first four bytes of a file, if they have the `\r\n` a magic needs.
pub fn magic_of(first4: [u8; 4]) -> Option<u16> {
    if first4[2..] == *b"\r\n" {
        Some(u16::from_le_bytes([first4[0], first4[1]]))
    } else {
        None
    }
}
