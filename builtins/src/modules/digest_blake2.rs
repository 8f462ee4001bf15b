//! BLAKE2b and BLAKE2s (RFC 7693) with the full parameter block of the BLAKE2 paper (salt,
//! personalization, tree parameters), as `_blake2` exposes them. Streaming: `update` keeps at
//! most one block (the last block is only compressed by `finish`, which works on a copy).

use super::digest_md::{H256, H512};

/// The message word schedule of each round (RFC 7693 section 2.7).
const SIGMA: [[usize; 16]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
    [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
    [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
    [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
    [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
    [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
    [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
    [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
    [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

/// The parameters of a BLAKE2 instance, already range-checked by the caller (digest size
/// 1..=max, key / salt / person no longer than the variant allows).
#[derive(Clone, Default)]
pub(crate) struct Params<'a> {
    pub digest_size: u8,
    pub key: &'a [u8],
    pub salt: &'a [u8],
    pub person: &'a [u8],
    pub fanout: u8,
    pub depth: u8,
    pub leaf_size: u32,
    pub node_offset: u64,
    pub node_depth: u8,
    pub inner_size: u8,
    pub last_node: bool,
}

impl Params<'_> {
    /// Sequential hashing with a `digest_size`-byte digest and no key, salt or person.
    pub(crate) fn plain(digest_size: u8) -> Params<'static> {
        Params {
            digest_size,
            fanout: 1,
            depth: 1,
            ..Params::default()
        }
    }
}

macro_rules! blake2 {
    ($name:ident, $word:ty, $counter:ty, $block:expr, $rounds:expr, $iv:expr,
     $rot:expr, $salt:expr, $noff_bytes:expr) => {
        /// A streaming BLAKE2 hasher.
        #[derive(Clone)]
        pub(crate) struct $name {
            h: [$word; 8],
            t: $counter,
            buf: [u8; $block],
            len: usize,
            out_len: usize,
            last_node: bool,
        }

        impl $name {
            /// Largest digest (and key) in bytes.
            pub(crate) const MAX_OUT: usize = $block / 2;
            /// Salt and personalization length in bytes.
            pub(crate) const SALT: usize = $salt;

            pub(crate) fn new(p: &Params<'_>) -> $name {
                const W: usize = std::mem::size_of::<$word>();
                let mut block = [0u8; $block / 2];
                block[0] = p.digest_size;
                block[1] = u8::try_from(p.key.len()).unwrap_or(0);
                block[2] = p.fanout;
                block[3] = p.depth;
                block[4..8].copy_from_slice(&p.leaf_size.to_le_bytes());
                block[8..8 + $noff_bytes]
                    .copy_from_slice(&p.node_offset.to_le_bytes()[..$noff_bytes]);
                block[8 + $noff_bytes] = p.node_depth;
                block[9 + $noff_bytes] = p.inner_size;
                let salt_at = $block / 2 - 2 * $salt;
                let n = p.salt.len().min($salt);
                block[salt_at..salt_at + n].copy_from_slice(&p.salt[..n]);
                let n = p.person.len().min($salt);
                block[salt_at + $salt..salt_at + $salt + n].copy_from_slice(&p.person[..n]);
                let mut h = $iv;
                for (x, c) in h.iter_mut().zip(block.chunks_exact(W)) {
                    let mut b = [0u8; W];
                    b.copy_from_slice(c);
                    *x ^= <$word>::from_le_bytes(b);
                }
                let mut s = $name {
                    h,
                    t: 0,
                    buf: [0; $block],
                    len: 0,
                    out_len: usize::from(p.digest_size),
                    last_node: p.last_node,
                };
                if !p.key.is_empty() {
                    let mut kb = [0u8; $block];
                    let n = p.key.len().min($block);
                    kb[..n].copy_from_slice(&p.key[..n]);
                    s.update(&kb);
                }
                s
            }

            /// The digest size in bytes.
            pub(crate) fn digest_size(&self) -> usize {
                self.out_len
            }

            fn compress(&mut self, last: bool) {
                const W: usize = std::mem::size_of::<$word>();
                let [r1, r2, r3, r4] = $rot;
                let mut m: [$word; 16] = [0; 16];
                for (x, c) in m.iter_mut().zip(self.buf.chunks_exact(W)) {
                    let mut b = [0u8; W];
                    b.copy_from_slice(c);
                    *x = <$word>::from_le_bytes(b);
                }
                let mut v: [$word; 16] = [0; 16];
                v[..8].copy_from_slice(&self.h);
                v[8..].copy_from_slice(&$iv);
                #[allow(clippy::cast_possible_truncation)]
                {
                    v[12] ^= self.t as $word;
                    v[13] ^= (self.t >> (8 * W)) as $word;
                }
                if last {
                    v[14] = !v[14];
                    if self.last_node {
                        v[15] = !v[15];
                    }
                }
                let g = |v: &mut [$word; 16], a: usize, b: usize, c: usize, d: usize, x, y| {
                    v[a] = v[a].wrapping_add(v[b]).wrapping_add(x);
                    v[d] = (v[d] ^ v[a]).rotate_right(r1);
                    v[c] = v[c].wrapping_add(v[d]);
                    v[b] = (v[b] ^ v[c]).rotate_right(r2);
                    v[a] = v[a].wrapping_add(v[b]).wrapping_add(y);
                    v[d] = (v[d] ^ v[a]).rotate_right(r3);
                    v[c] = v[c].wrapping_add(v[d]);
                    v[b] = (v[b] ^ v[c]).rotate_right(r4);
                };
                for r in 0..$rounds {
                    let s = &SIGMA[r % 10];
                    g(&mut v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
                    g(&mut v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
                    g(&mut v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
                    g(&mut v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
                    g(&mut v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
                    g(&mut v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
                    g(&mut v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
                    g(&mut v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
                }
                for i in 0..8 {
                    self.h[i] ^= v[i] ^ v[i + 8];
                }
            }

            pub(crate) fn update(&mut self, mut data: &[u8]) {
                while !data.is_empty() {
                    if self.len == $block {
                        self.t = self.t.wrapping_add($block);
                        self.compress(false);
                        self.len = 0;
                    }
                    let take = ($block - self.len).min(data.len());
                    let (head, rest) = data.split_at(take);
                    self.buf[self.len..self.len + take].copy_from_slice(head);
                    self.len += take;
                    data = rest;
                }
            }

            pub(crate) fn finish(&self) -> Vec<u8> {
                let mut s = self.clone();
                s.t = s.t.wrapping_add(s.len as $counter);
                s.buf[s.len..].fill(0);
                s.compress(true);
                let mut out: Vec<u8> = s.h.iter().flat_map(|w| w.to_le_bytes()).collect();
                out.truncate(self.out_len);
                out
            }
        }
    };
}

blake2!(Blake2b, u64, u128, 128, 12, H512, [32, 24, 16, 63], 16, 8);
blake2!(Blake2s, u32, u64, 64, 10, H256, [16, 12, 8, 7], 8, 6);
