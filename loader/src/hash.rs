//! The source hash of hash-based `.pyc` files (PEP 552).
//!
//! `importlib.util.source_hash(data)` is SipHash-1-3 of the source bytes, keyed with the 128-bit key
//! whose first 64-bit half is the magic number's four header bytes read as a little-endian integer
//! and whose second half is zero; the 64-bit result is stored little-endian.

use crate::magic::MAGIC_BYTES_312;

/// `importlib.util.source_hash(source)` as CPython 3.12 computes it.
///
/// ```
/// // Value printed by CPython 3.12: importlib.util.source_hash(b'abc').hex()
/// assert_eq!(pyvm_loader::hash::source_hash(b"abc"), *b"\xa0\x0f\x57\x31\xf8\xba\xfd\x32");
/// ```
pub fn source_hash(source: &[u8]) -> [u8; 8] {
    let k0 = u64::from(u32::from_le_bytes(MAGIC_BYTES_312));
    siphash13(k0, 0, source).to_le_bytes()
}

/// SipHash with one compression round and three finalization rounds.
pub fn siphash13(k0: u64, k1: u64, data: &[u8]) -> u64 {
    let mut s = SipState {
        v0: k0 ^ 0x736f_6d65_7073_6575,
        v1: k1 ^ 0x646f_7261_6e64_6f6d,
        v2: k0 ^ 0x6c79_6765_6e65_7261,
        v3: k1 ^ 0x7465_6462_7974_6573,
    };
    let mut chunks = data.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        s.compress(u64::from_le_bytes(word));
    }
    let mut last = [0u8; 8];
    let rest = chunks.remainder();
    last[..rest.len()].copy_from_slice(rest);
    // The length byte only keeps the low 8 bits of the length, as SipHash specifies.
    last[7] = (data.len() & 0xff) as u8;
    s.compress(u64::from_le_bytes(last));
    s.v2 ^= 0xff;
    s.round();
    s.round();
    s.round();
    s.v0 ^ s.v1 ^ s.v2 ^ s.v3
}

struct SipState {
    v0: u64,
    v1: u64,
    v2: u64,
    v3: u64,
}

impl SipState {
    fn round(&mut self) {
        self.v0 = self.v0.wrapping_add(self.v1);
        self.v1 = self.v1.rotate_left(13);
        self.v1 ^= self.v0;
        self.v0 = self.v0.rotate_left(32);
        self.v2 = self.v2.wrapping_add(self.v3);
        self.v3 = self.v3.rotate_left(16);
        self.v3 ^= self.v2;
        self.v0 = self.v0.wrapping_add(self.v3);
        self.v3 = self.v3.rotate_left(21);
        self.v3 ^= self.v0;
        self.v2 = self.v2.wrapping_add(self.v1);
        self.v1 = self.v1.rotate_left(17);
        self.v1 ^= self.v2;
        self.v2 = self.v2.rotate_left(32);
    }

    fn compress(&mut self, m: u64) {
        self.v3 ^= m;
        self.round();
        self.v0 ^= m;
    }
}

#[cfg(test)]
mod tests {
    use super::source_hash;

    fn hex(b: [u8; 8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    /// Values printed by CPython 3.12's `importlib.util.source_hash`.
    #[test]
    fn matches_cpython() {
        assert_eq!(hex(source_hash(b"")), "baf18eedc9387a25");
        assert_eq!(hex(source_hash(b"abc")), "a00f5731f8bafd32");
        assert_eq!(hex(source_hash(b"print(1)\n")), "bf71f361a5f8cd69");
        let all: Vec<u8> = (0..=255u8).collect();
        assert_eq!(hex(source_hash(&all)), "b1f5318e89daea67");
    }
}
