//! The 16-byte `.pyc` header and source freshness checks.
//!
//! Layout: 4 magic bytes, a 4-byte little-endian flags word, then 8 bytes whose meaning depends on
//! the flags: source modification time and size (both `u32`, little-endian) when bit 0 is clear,
//! or the SipHash of the source when bit 0 is set (bit 1 then says whether importers check it).

use crate::error::LoadError;
use crate::hash::source_hash;
use crate::magic::{magic_bytes, magic_of, version_of_magic, MagicVersion, MAGIC_312};

/// Size of a `.pyc` header in bytes.
pub const HEADER_LEN: usize = 16;

/// Flags bit: the header holds a source hash instead of a timestamp.
pub const FLAG_HASH_BASED: u32 = 0b01;
/// Flags bit: importers should check the source hash.
pub const FLAG_CHECK_SOURCE: u32 = 0b10;

/// How a `.pyc` records which source it was compiled from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validation {
    /// Timestamp-based: the source's modification time and size, each truncated to 32 bits.
    Timestamp {
        /// Source mtime in seconds, modulo 2^32.
        mtime: u32,
        /// Source size in bytes, modulo 2^32.
        size: u32,
    },
    /// Hash-based (PEP 552): [`source_hash`] of the source.
    Hash {
        /// The 8-byte source hash.
        hash: [u8; 8],
        /// Whether importers are asked to compare the hash (flags `0b11`) or to trust the file (`0b01`).
        checked: bool,
    },
}

/// A validated CPython 3.12 `.pyc` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// The magic number (always [`MAGIC_312`] for a header that [`Header::parse`] accepted).
    pub magic: u16,
    /// The flags word as stored (bit 1 without bit 0 is kept, as CPython does, and means timestamp mode).
    pub flags: u32,
    /// Timestamp or hash data.
    pub validation: Validation,
}

/// What the source file looks like now, for [`Header::freshness`].
#[derive(Debug, Clone, Copy)]
pub struct SourceInfo<'a> {
    /// Modification time in whole seconds since the epoch.
    pub mtime: u64,
    /// Size in bytes.
    pub size: u64,
    /// The source bytes; needed only for checked hash-based files (`None` means unavailable).
    pub bytes: Option<&'a [u8]>,
}

/// Whether a `.pyc` may be used in place of compiling its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Freshness {
    /// The `.pyc` matches the source.
    Fresh,
    /// The `.pyc` is hash-based and unchecked: CPython uses it without looking at the source.
    Trusted,
    /// The recorded modification time differs.
    StaleMtime,
    /// The recorded source size differs.
    StaleSize,
    /// The recorded source hash differs.
    StaleHash,
    /// The header is checked-hash based but the source bytes were not supplied.
    NeedsSource,
}

impl Freshness {
    /// `true` for [`Freshness::Fresh`] and [`Freshness::Trusted`].
    pub fn is_usable(self) -> bool {
        matches!(self, Freshness::Fresh | Freshness::Trusted)
    }
}

impl Header {
    /// A timestamp-based header for CPython 3.12.
    pub fn timestamp(mtime: u32, size: u32) -> Header {
        Header {
            magic: MAGIC_312,
            flags: 0,
            validation: Validation::Timestamp { mtime, size },
        }
    }

    /// A hash-based header for CPython 3.12, for the given source.
    pub fn hashed(source: &[u8], checked: bool) -> Header {
        Header {
            magic: MAGIC_312,
            flags: if checked {
                FLAG_HASH_BASED | FLAG_CHECK_SOURCE
            } else {
                FLAG_HASH_BASED
            },
            validation: Validation::Hash {
                hash: source_hash(source),
                checked,
            },
        }
    }

    /// Validates and decodes the first 16 bytes of `bytes`.
    ///
    /// The magic is checked first: a file from another CPython version is reported as such
    /// ([`LoadError::WrongVersion`]), anything else as [`LoadError::NotPyc`]. A file shorter than four
    /// bytes is [`LoadError::TruncatedHeader`].
    pub fn parse(bytes: &[u8]) -> Result<Header, LoadError> {
        let first4: [u8; 4] = match bytes.get(..4).and_then(|s| s.try_into().ok()) {
            Some(m) => m,
            None => return Err(LoadError::TruncatedHeader { len: bytes.len() }),
        };
        let magic = check_magic(first4)?;
        let rest: &[u8; 12] = match bytes.get(4..HEADER_LEN).and_then(|s| s.try_into().ok()) {
            Some(r) => r,
            None => return Err(LoadError::TruncatedHeader { len: bytes.len() }),
        };
        let flags = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]);
        if flags & !(FLAG_HASH_BASED | FLAG_CHECK_SOURCE) != 0 {
            return Err(LoadError::BadFlags { flags });
        }
        let validation = if flags & FLAG_HASH_BASED != 0 {
            let mut hash = [0u8; 8];
            hash.copy_from_slice(&rest[4..12]);
            Validation::Hash {
                hash,
                checked: flags & FLAG_CHECK_SOURCE != 0,
            }
        } else {
            Validation::Timestamp {
                mtime: u32::from_le_bytes([rest[4], rest[5], rest[6], rest[7]]),
                size: u32::from_le_bytes([rest[8], rest[9], rest[10], rest[11]]),
            }
        };
        Ok(Header {
            magic,
            flags,
            validation,
        })
    }

    /// The 16 header bytes.
    pub fn to_bytes(&self) -> [u8; HEADER_LEN] {
        let mut out = [0u8; HEADER_LEN];
        out[..4].copy_from_slice(&magic_bytes(self.magic));
        out[4..8].copy_from_slice(&self.flags.to_le_bytes());
        match self.validation {
            Validation::Timestamp { mtime, size } => {
                out[8..12].copy_from_slice(&mtime.to_le_bytes());
                out[12..16].copy_from_slice(&size.to_le_bytes());
            }
            Validation::Hash { hash, .. } => out[8..16].copy_from_slice(&hash),
        }
        out
    }

    /// Decides, as CPython's source loader does, whether this `.pyc` is up to date with `source`.
    ///
    /// Timestamp mode compares mtime and size modulo 2^32; checked-hash mode compares
    /// [`source_hash`] of the bytes; unchecked-hash mode trusts the file.
    pub fn freshness(&self, source: &SourceInfo<'_>) -> Freshness {
        match self.validation {
            Validation::Timestamp { mtime, size } => {
                if u64::from(mtime) != source.mtime & 0xffff_ffff {
                    Freshness::StaleMtime
                } else if u64::from(size) != source.size & 0xffff_ffff {
                    Freshness::StaleSize
                } else {
                    Freshness::Fresh
                }
            }
            Validation::Hash { checked: false, .. } => Freshness::Trusted,
            Validation::Hash {
                hash,
                checked: true,
            } => match source.bytes {
                None => Freshness::NeedsSource,
                Some(b) if source_hash(b) == hash => Freshness::Fresh,
                Some(_) => Freshness::StaleHash,
            },
        }
    }
}

/// Checks four magic bytes: `Ok` with the number for CPython 3.12, otherwise the error to report.
pub fn check_magic(first4: [u8; 4]) -> Result<u16, LoadError> {
    let Some(magic) = magic_of(first4) else {
        return Err(LoadError::NotPyc { magic: first4 });
    };
    if magic == MAGIC_312 {
        return Ok(magic);
    }
    match version_of_magic(magic) {
        MagicVersion::Release(version) => Err(LoadError::WrongVersion {
            magic,
            version,
            prerelease: false,
        }),
        MagicVersion::PreRelease(version) => Err(LoadError::WrongVersion {
            magic,
            version,
            prerelease: true,
        }),
        _ => Err(LoadError::NotPyc { magic: first4 }),
    }
}
