//! Reading modules out of zip archives on `sys.path`, as CPython's `zipimport` does.
//!
//! Only the central directory and the local headers are parsed. Members are either stored or
//! deflated (method 8, inflated with `miniz_oxide`); the inflated size must be the one the
//! central directory records, and is capped at [`MAX_MEMBER`], so a lying header cannot make
//! pyvm allocate more than that. Every length read from the file is checked against the file's
//! size before it is used.

use std::collections::HashMap;
use std::path::Path;

/// End-of-central-directory record signature.
const EOCD_SIG: u32 = 0x0605_4b50;
/// Central directory file header signature.
const CDIR_SIG: u32 = 0x0201_4b50;
/// Local file header signature.
const LOCAL_SIG: u32 = 0x0403_4b50;
/// Size of the end-of-central-directory record without its comment.
const EOCD_LEN: usize = 22;
/// Largest zip comment, which bounds the search for the end record.
const MAX_COMMENT: usize = 0xffff;
/// Largest inflated member pyvm accepts (a compiled module is far smaller).
pub const MAX_MEMBER: u64 = 256 << 20;
/// The zip compression method number of deflate.
const DEFLATED: u16 = 8;

/// Why an archive or one of its entries cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ZipError {
    /// No end-of-central-directory record: not a zip file.
    #[error("not a Zip file")]
    NotZip,
    /// A record points outside the file or is cut short.
    #[error("bad zip file: {what} is truncated or out of bounds")]
    Truncated {
        /// The record being read.
        what: &'static str,
    },
    /// A record does not start with its signature.
    #[error("bad zip file: bad {what} signature")]
    BadSignature {
        /// The record being read.
        what: &'static str,
    },
    /// The entry is compressed with a method pyvm cannot undo.
    #[error(
        "entry '{name}' is compressed with method {method}; pyvm reads only stored and deflated zip entries"
    )]
    Compressed {
        /// Entry name inside the archive.
        name: String,
        /// The zip compression method number (8 is deflate).
        method: u16,
    },
    /// The deflated data of an entry is corrupt or cut short.
    #[error("entry '{name}' cannot be inflated: {reason}")]
    Inflate {
        /// Entry name inside the archive.
        name: String,
        /// What the inflater reported.
        reason: String,
    },
    /// The entry's data does not have the size the central directory records.
    #[error("entry '{name}' does not have the size recorded in the archive ({recorded} bytes)")]
    SizeMismatch {
        /// Entry name inside the archive.
        name: String,
        /// The uncompressed size in the central directory.
        recorded: u64,
    },
    /// The central directory records an uncompressed size above [`MAX_MEMBER`].
    #[error("entry '{name}' is too large ({size} bytes; pyvm reads members up to {max} bytes)")]
    TooLarge {
        /// Entry name inside the archive.
        name: String,
        /// The uncompressed size in the central directory.
        size: u64,
        /// The cap, [`MAX_MEMBER`].
        max: u64,
    },
}

/// One member of an archive.
#[derive(Debug, Clone)]
pub struct Entry {
    method: u16,
    compressed_size: u64,
    size: u64,
    local_offset: u64,
    /// DOS date and time of the entry, as stored.
    pub dos_time: u16,
    /// DOS date, as stored.
    pub dos_date: u16,
}

/// The table of contents of a zip archive, keyed by member name (with `/` separators).
#[derive(Debug, Clone)]
pub struct Archive {
    entries: HashMap<String, Entry>,
    dirs: std::collections::HashSet<String>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    b.get(at..at.checked_add(2)?)
        .map(|s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at.checked_add(4)?)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

impl Archive {
    /// Parses the central directory of `data` (the whole archive).
    pub fn parse(data: &[u8]) -> Result<Archive, ZipError> {
        if data.len() < EOCD_LEN {
            return Err(ZipError::NotZip);
        }
        let lowest = data.len().saturating_sub(EOCD_LEN + MAX_COMMENT);
        let mut pos = data.len() - EOCD_LEN;
        let eocd = loop {
            if u32_at(data, pos) == Some(EOCD_SIG) {
                break pos;
            }
            if pos == lowest {
                return Err(ZipError::NotZip);
            }
            pos -= 1;
        };
        let trunc = |what| ZipError::Truncated { what };
        let count = u16_at(data, eocd + 10).ok_or(trunc("end record"))?;
        let cd_size = u32_at(data, eocd + 12).ok_or(trunc("end record"))? as usize;
        let cd_offset = u32_at(data, eocd + 16).ok_or(trunc("end record"))? as usize;
        // Data prepended to the archive (a self-extractor stub) shifts every offset.
        let shift = eocd
            .checked_sub(cd_offset.saturating_add(cd_size))
            .ok_or(trunc("central directory"))?;
        let mut at = cd_offset + shift;
        let mut entries = HashMap::new();
        let mut dirs = std::collections::HashSet::new();
        for _ in 0..count {
            if u32_at(data, at) != Some(CDIR_SIG) {
                return Err(ZipError::BadSignature {
                    what: "central directory",
                });
            }
            let field = |off: usize| u16_at(data, at + off).ok_or(trunc("central directory entry"));
            let field32 =
                |off: usize| u32_at(data, at + off).ok_or(trunc("central directory entry"));
            let method = field(10)?;
            let dos_time = field(12)?;
            let dos_date = field(14)?;
            let compressed_size = u64::from(field32(20)?);
            let size = u64::from(field32(24)?);
            let name_len = field(28)? as usize;
            let extra_len = field(30)? as usize;
            let comment_len = field(32)? as usize;
            let local_offset = u64::from(field32(42)?) + shift as u64;
            let name_bytes = data
                .get(at + 46..at + 46 + name_len)
                .ok_or(trunc("entry name"))?;
            let name = String::from_utf8_lossy(name_bytes).replace('\\', "/");
            let mut parent = name.as_str();
            while let Some((p, _)) = parent.trim_end_matches('/').rsplit_once('/') {
                dirs.insert(p.to_string());
                parent = p;
            }
            if let Some(d) = name.strip_suffix('/') {
                dirs.insert(d.to_string());
            }
            entries.insert(
                name,
                Entry {
                    method,
                    compressed_size,
                    size,
                    local_offset,
                    dos_time,
                    dos_date,
                },
            );
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(Archive { entries, dirs })
    }

    /// Reads and parses the archive at `path`; `None` when it is not a readable zip file.
    pub fn open(path: &Path) -> Option<Archive> {
        let data = std::fs::read(path).ok()?;
        Archive::parse(&data).ok()
    }

    /// The member called `name`, if any.
    pub fn entry(&self, name: &str) -> Option<&Entry> {
        self.entries.get(name)
    }

    /// Whether `name` is a directory inside the archive.
    pub fn is_dir(&self, name: &str) -> bool {
        self.dirs.contains(name)
    }

    /// The bytes of `entry` (`name` is only for messages), read from the archive `data`:
    /// stored data as is, deflated data inflated to exactly the recorded size.
    pub fn read(data: &[u8], name: &str, entry: &Entry) -> Result<Vec<u8>, ZipError> {
        if entry.method != 0 && entry.method != DEFLATED {
            return Err(ZipError::Compressed {
                name: name.to_string(),
                method: entry.method,
            });
        }
        if entry.size > MAX_MEMBER {
            return Err(ZipError::TooLarge {
                name: name.to_string(),
                size: entry.size,
                max: MAX_MEMBER,
            });
        }
        let trunc = ZipError::Truncated {
            what: "local header",
        };
        let at = usize::try_from(entry.local_offset).map_err(|_| trunc.clone())?;
        if u32_at(data, at) != Some(LOCAL_SIG) {
            return Err(ZipError::BadSignature {
                what: "local header",
            });
        }
        let name_len = u16_at(data, at + 26).ok_or(trunc.clone())? as usize;
        let extra_len = u16_at(data, at + 28).ok_or(trunc.clone())? as usize;
        let start = at + 30 + name_len + extra_len;
        let mismatch = || ZipError::SizeMismatch {
            name: name.to_string(),
            recorded: entry.size,
        };
        if entry.method == 0 {
            if entry.compressed_size != entry.size {
                return Err(mismatch());
            }
            let len = usize::try_from(entry.size).map_err(|_| trunc.clone())?;
            let end = start.checked_add(len).ok_or(trunc.clone())?;
            return data
                .get(start..end)
                .map(<[u8]>::to_vec)
                .ok_or(ZipError::Truncated { what: "entry data" });
        }
        let clen = usize::try_from(entry.compressed_size).map_err(|_| trunc.clone())?;
        let end = start.checked_add(clen).ok_or(trunc.clone())?;
        let packed = data
            .get(start..end)
            .ok_or(ZipError::Truncated { what: "entry data" })?;
        // The output never grows past the recorded size (itself capped above): more data than
        // recorded is an error, not an allocation.
        let limit = usize::try_from(entry.size.max(1)).map_err(|_| mismatch())?;
        let out =
            miniz_oxide::inflate::decompress_to_vec_with_limit(packed, limit).map_err(|e| {
                if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
                    mismatch()
                } else {
                    ZipError::Inflate {
                        name: name.to_string(),
                        reason: e.to_string(),
                    }
                }
            })?;
        if out.len() as u64 != entry.size {
            return Err(mismatch());
        }
        Ok(out)
    }
}

/// Seconds since the epoch for a DOS date and time (local time taken as UTC, as zipimport's
/// `mktime` on a UTC machine gives), used only for the lenient staleness comparison.
pub fn dos_to_unix(date: u16, time: u16) -> i64 {
    let year = i64::from((date >> 9) & 0x7f) + 1980;
    let month = i64::from((date >> 5) & 0x0f).clamp(1, 12);
    let day = i64::from(date & 0x1f).max(1);
    let hour = i64::from((time >> 11) & 0x1f);
    let minute = i64::from((time >> 5) & 0x3f);
    let second = i64::from(time & 0x1f) * 2;
    // Days from 1970-01-01 to the civil date (proleptic Gregorian).
    let (y, m) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + hour * 3600 + minute * 60 + second
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn stored_zip(files: &[(&str, &[u8])]) -> Vec<u8> {
        let files: Vec<(&str, Vec<u8>, u16, u32)> = files
            .iter()
            .map(|(n, d)| (*n, d.to_vec(), 0, d.len() as u32))
            .collect();
        zip_of(&files)
    }

    /// Members given as (name, data as written, method, recorded uncompressed size).
    fn zip_of(files: &[(&str, Vec<u8>, u16, u32)]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut cd = Vec::new();
        for (name, data, method, size) in files {
            let off = out.len() as u32;
            out.extend_from_slice(&LOCAL_SIG.to_le_bytes());
            out.extend_from_slice(&[20, 0, 0, 0]);
            out.extend_from_slice(&method.to_le_bytes());
            out.extend_from_slice(&[0, 0, 0x21, 0]);
            out.extend_from_slice(&0u32.to_le_bytes());
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&size.to_le_bytes());
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(data);
            cd.extend_from_slice(&CDIR_SIG.to_le_bytes());
            cd.extend_from_slice(&[20, 0, 20, 0, 0, 0]);
            cd.extend_from_slice(&method.to_le_bytes());
            cd.extend_from_slice(&[0, 0, 0x21, 0]);
            cd.extend_from_slice(&0u32.to_le_bytes());
            cd.extend_from_slice(&(data.len() as u32).to_le_bytes());
            cd.extend_from_slice(&size.to_le_bytes());
            cd.extend_from_slice(&(name.len() as u16).to_le_bytes());
            cd.extend_from_slice(&[0; 12]);
            cd.extend_from_slice(&off.to_le_bytes());
            cd.extend_from_slice(name.as_bytes());
        }
        let cd_off = out.len() as u32;
        out.extend_from_slice(&cd);
        out.extend_from_slice(&EOCD_SIG.to_le_bytes());
        out.extend_from_slice(&[0, 0, 0, 0]);
        out.extend_from_slice(&(files.len() as u16).to_le_bytes());
        out.extend_from_slice(&(files.len() as u16).to_le_bytes());
        out.extend_from_slice(&(cd.len() as u32).to_le_bytes());
        out.extend_from_slice(&cd_off.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }

    fn read_one(z: &[u8], name: &str) -> Result<Vec<u8>, ZipError> {
        let a = Archive::parse(z).unwrap();
        Archive::read(z, name, a.entry(name).unwrap())
    }

    #[test]
    fn reads_deflated_entries() {
        let text: Vec<u8> = b"spam and eggs, ".repeat(200);
        let packed = miniz_oxide::deflate::compress_to_vec(&text, 6);
        assert!(packed.len() < text.len());
        let z = zip_of(&[
            ("m.pyc", packed.clone(), 8, text.len() as u32),
            (
                "empty.py",
                miniz_oxide::deflate::compress_to_vec(b"", 6),
                8,
                0,
            ),
        ]);
        assert_eq!(read_one(&z, "m.pyc").unwrap(), text);
        assert_eq!(read_one(&z, "empty.py").unwrap(), b"");
    }

    #[test]
    fn deflated_entries_with_lying_sizes_or_bad_data() {
        let text: Vec<u8> = b"0123456789".repeat(1000);
        let packed = miniz_oxide::deflate::compress_to_vec(&text, 9);
        let mismatch = ZipError::SizeMismatch {
            name: "m.pyc".into(),
            recorded: 100,
        };
        // More data than recorded: stops at the recorded size.
        let z = zip_of(&[("m.pyc", packed.clone(), 8, 100)]);
        assert_eq!(read_one(&z, "m.pyc").unwrap_err(), mismatch);
        // Less data than recorded (a bomb-sized claim is refused before inflating).
        let z = zip_of(&[("m.pyc", packed.clone(), 8, 20_000)]);
        assert!(matches!(
            read_one(&z, "m.pyc").unwrap_err(),
            ZipError::SizeMismatch {
                recorded: 20_000,
                ..
            }
        ));
        let z = zip_of(&[("m.pyc", packed.clone(), 8, u32::MAX)]);
        assert_eq!(
            read_one(&z, "m.pyc").unwrap_err(),
            ZipError::TooLarge {
                name: "m.pyc".into(),
                size: u64::from(u32::MAX),
                max: MAX_MEMBER
            }
        );
        // Corrupt or cut deflate streams.
        let z = zip_of(&[("m.pyc", vec![0xff; 40], 8, 10)]);
        assert!(matches!(
            read_one(&z, "m.pyc").unwrap_err(),
            ZipError::Inflate { .. }
        ));
        let z = zip_of(&[("m.pyc", packed[..packed.len() / 2].to_vec(), 8, 10_000)]);
        assert!(matches!(
            read_one(&z, "m.pyc").unwrap_err(),
            ZipError::Inflate { .. }
        ));
        // Other methods (bzip2 = 12) stay unsupported.
        let z = zip_of(&[("m.pyc", packed, 12, 10_000)]);
        assert_eq!(
            read_one(&z, "m.pyc").unwrap_err().to_string(),
            "entry 'm.pyc' is compressed with method 12; pyvm reads only stored and deflated zip \
             entries"
        );
    }

    #[test]
    fn reads_stored_entries_and_dirs() {
        let z = stored_zip(&[("pkg/__init__.pyc", b"abc"), ("m.pyc", b"hello")]);
        let a = Archive::parse(&z).unwrap();
        let e = a.entry("m.pyc").unwrap();
        assert_eq!(Archive::read(&z, "m.pyc", e).unwrap(), b"hello");
        assert!(a.is_dir("pkg"));
        assert!(!a.is_dir("m"));
    }

    #[test]
    fn rejects_garbage_and_truncation() {
        assert_eq!(
            Archive::parse(b"not a zip at all, really not").unwrap_err(),
            ZipError::NotZip
        );
        let z = stored_zip(&[("m.pyc", b"hello")]);
        let a = Archive::parse(&z).unwrap();
        let e = a.entry("m.pyc").unwrap().clone();
        assert!(Archive::read(&z[..38], "m.pyc", &e).is_err());
        for cut in 0..z.len() {
            let _ = Archive::parse(&z[..cut]);
        }
    }

    #[test]
    fn dos_time_conversion() {
        // 2024-01-02 03:04:06
        let date = ((2024 - 1980) << 9) | (1 << 5) | 2;
        let time = (3 << 11) | (4 << 5) | 3;
        assert_eq!(dos_to_unix(date, time), 1_704_164_646);
    }
}
