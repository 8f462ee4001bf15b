//! The Merkle–Damgård hashes behind `_md5`, `_sha1` and `_sha2`, written from their
//! specifications (RFC 1321 for MD5, FIPS 180-4 for SHA-1 and SHA-2). Every hasher streams:
//! `update` compresses whole blocks as they arrive and keeps at most one partial block, and
//! `finish` pads a copy of the state, so a hash object can go on being updated afterwards.

/// Buffers input into `B`-byte blocks and counts the bytes seen.
#[derive(Clone)]
struct Blocks<const B: usize> {
    buf: [u8; B],
    len: usize,
    total: u128,
}

impl<const B: usize> Blocks<B> {
    const fn new() -> Self {
        Blocks {
            buf: [0; B],
            len: 0,
            total: 0,
        }
    }

    /// Feeds `data`, calling `compress` on every completed block (each exactly `B` bytes).
    fn feed(&mut self, mut data: &[u8], mut compress: impl FnMut(&[u8])) {
        self.total = self.total.wrapping_add(data.len() as u128);
        if self.len > 0 {
            let take = (B - self.len).min(data.len());
            let (head, rest) = data.split_at(take);
            self.buf[self.len..self.len + take].copy_from_slice(head);
            self.len += take;
            data = rest;
            if self.len < B {
                return;
            }
            compress(&self.buf);
            self.len = 0;
        }
        let mut chunks = data.chunks_exact(B);
        for block in &mut chunks {
            compress(block);
        }
        let rest = chunks.remainder();
        self.buf[..rest.len()].copy_from_slice(rest);
        self.len = rest.len();
    }

    /// The padding that ends the message: `0x80`, zeros, then the bit length in `len_bytes`
    /// bytes (big-endian unless `little`), making the total a multiple of `B`.
    fn padding(&self, len_bytes: usize, little: bool) -> Vec<u8> {
        let bits = self.total.wrapping_mul(8);
        let mut pad = vec![0x80u8];
        while (self.len + pad.len()) % B != B - len_bytes {
            pad.push(0);
        }
        if little {
            pad.extend_from_slice(&bits.to_le_bytes()[..len_bytes]);
        } else {
            pad.extend_from_slice(&bits.to_be_bytes()[16 - len_bytes..]);
        }
        pad
    }
}

/// Reads big-endian 32-bit words of `block` into `w`.
fn be32_words(block: &[u8], w: &mut [u32]) {
    for (x, c) in w.iter_mut().zip(block.chunks_exact(4)) {
        *x = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
    }
}

/// MD5 (RFC 1321).
#[derive(Clone)]
pub(crate) struct Md5 {
    h: [u32; 4],
    blocks: Blocks<64>,
}

/// Per-round left rotations of MD5.
const MD5_S: [[u32; 4]; 4] = [
    [7, 12, 17, 22],
    [5, 9, 14, 20],
    [4, 11, 16, 23],
    [6, 10, 15, 21],
];

impl Md5 {
    pub(crate) const fn new() -> Md5 {
        Md5 {
            h: [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476],
            blocks: Blocks::new(),
        }
    }

    fn compress(h: &mut [u32; 4], block: &[u8]) {
        let mut m = [0u32; 16];
        for (x, c) in m.iter_mut().zip(block.chunks_exact(4)) {
            *x = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        }
        let [mut a, mut b, mut c, mut d] = *h;
        for i in 0..64 {
            let round = i / 16;
            let (f, g) = match round {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let sum = a.wrapping_add(f).wrapping_add(MD5_T[i]).wrapping_add(m[g]);
            a = d;
            d = c;
            c = b;
            b = b.wrapping_add(sum.rotate_left(MD5_S[round][i % 4]));
        }
        for (x, v) in h.iter_mut().zip([a, b, c, d]) {
            *x = x.wrapping_add(v);
        }
    }

    pub(crate) fn update(&mut self, data: &[u8]) {
        let h = &mut self.h;
        self.blocks.feed(data, |b| Md5::compress(h, b));
    }

    pub(crate) fn finish(&self) -> Vec<u8> {
        let mut s = self.clone();
        let pad = s.blocks.padding(8, true);
        s.update(&pad);
        s.h.iter().flat_map(|w| w.to_le_bytes()).collect()
    }
}

/// SHA-1 (FIPS 180-4 section 6.1).
#[derive(Clone)]
pub(crate) struct Sha1 {
    h: [u32; 5],
    blocks: Blocks<64>,
}

impl Sha1 {
    pub(crate) const fn new() -> Sha1 {
        Sha1 {
            h: [
                0x6745_2301,
                0xefcd_ab89,
                0x98ba_dcfe,
                0x1032_5476,
                0xc3d2_e1f0,
            ],
            blocks: Blocks::new(),
        }
    }

    fn compress(h: &mut [u32; 5], block: &[u8]) {
        let mut w = [0u32; 80];
        be32_words(block, &mut w[..16]);
        for t in 16..80 {
            w[t] = (w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = *h;
        for (t, wt) in w.iter().enumerate() {
            let (f, k) = match t / 20 {
                0 => ((b & c) | (!b & d), 0x5a82_7999),
                1 => (b ^ c ^ d, 0x6ed9_eba1),
                2 => ((b & c) | (b & d) | (c & d), 0x8f1b_bcdc),
                _ => (b ^ c ^ d, 0xca62_c1d6),
            };
            let tmp = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(*wt);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = tmp;
        }
        for (x, v) in h.iter_mut().zip([a, b, c, d, e]) {
            *x = x.wrapping_add(v);
        }
    }

    pub(crate) fn update(&mut self, data: &[u8]) {
        let h = &mut self.h;
        self.blocks.feed(data, |b| Sha1::compress(h, b));
    }

    pub(crate) fn finish(&self) -> Vec<u8> {
        let mut s = self.clone();
        let pad = s.blocks.padding(8, false);
        s.update(&pad);
        s.h.iter().flat_map(|w| w.to_be_bytes()).collect()
    }
}

/// One SHA-2 hash family (FIPS 180-4): its word type, block and round count, round constants,
/// the rotation amounts of its message schedule (`sigma0`, `sigma1`) and of its rounds
/// (`Sigma1` on `e`, `Sigma0` on `a`), the length field's size in the padding, and its two
/// members (a constructor, an initial value and a digest size each). SHA-256/224 and
/// SHA-512/384 differ only in these.
macro_rules! sha2_family {
    (
        $(#[$doc:meta])*
        $name:ident, $word:ty, block $block:literal, rounds $rounds:literal, k $k:ident,
        length bytes $len_bytes:literal,
        schedule [$s0a:literal, $s0b:literal, $s0c:literal; $s1a:literal, $s1b:literal, $s1c:literal],
        round [$e1:literal, $e2:literal, $e3:literal; $a1:literal, $a2:literal, $a3:literal],
        $new_a:ident = ($h_a:ident, $out_a:literal), $new_b:ident = ($h_b:ident, $out_b:literal)
    ) => {
        $(#[$doc])*
        #[derive(Clone)]
        pub(crate) struct $name {
            h: [$word; 8],
            out_len: usize,
            blocks: Blocks<$block>,
        }

        impl $name {
            pub(crate) const fn $new_a() -> $name {
                $name {
                    h: $h_a,
                    out_len: $out_a,
                    blocks: Blocks::new(),
                }
            }

            pub(crate) const fn $new_b() -> $name {
                $name {
                    h: $h_b,
                    out_len: $out_b,
                    blocks: Blocks::new(),
                }
            }

            fn compress(h: &mut [$word; 8], block: &[u8]) {
                const WORD: usize = std::mem::size_of::<$word>();
                let mut w = [0 as $word; $rounds];
                for (x, c) in w.iter_mut().zip(block.chunks_exact(WORD)) {
                    *x = c.try_into().map_or(0, <$word>::from_be_bytes);
                }
                for t in 16..$rounds {
                    let (x, y) = (w[t - 15], w[t - 2]);
                    let s0 = x.rotate_right($s0a) ^ x.rotate_right($s0b) ^ (x >> $s0c);
                    let s1 = y.rotate_right($s1a) ^ y.rotate_right($s1b) ^ (y >> $s1c);
                    w[t] = w[t - 16]
                        .wrapping_add(s0)
                        .wrapping_add(w[t - 7])
                        .wrapping_add(s1);
                }
                let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = *h;
                for (k, wt) in $k.iter().zip(w.iter()) {
                    let s1 = e.rotate_right($e1) ^ e.rotate_right($e2) ^ e.rotate_right($e3);
                    let ch = (e & f) ^ (!e & g);
                    let t1 = hh
                        .wrapping_add(s1)
                        .wrapping_add(ch)
                        .wrapping_add(*k)
                        .wrapping_add(*wt);
                    let s0 = a.rotate_right($a1) ^ a.rotate_right($a2) ^ a.rotate_right($a3);
                    let maj = (a & b) ^ (a & c) ^ (b & c);
                    let t2 = s0.wrapping_add(maj);
                    hh = g;
                    g = f;
                    f = e;
                    e = d.wrapping_add(t1);
                    d = c;
                    c = b;
                    b = a;
                    a = t1.wrapping_add(t2);
                }
                for (x, v) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
                    *x = x.wrapping_add(v);
                }
            }

            /// The digest size in bytes.
            pub(crate) fn digest_size(&self) -> usize {
                self.out_len
            }

            pub(crate) fn update(&mut self, data: &[u8]) {
                let h = &mut self.h;
                self.blocks.feed(data, |b| $name::compress(h, b));
            }

            pub(crate) fn finish(&self) -> Vec<u8> {
                let mut s = self.clone();
                let pad = s.blocks.padding($len_bytes, false);
                s.update(&pad);
                let mut out: Vec<u8> = s.h.iter().flat_map(|w| w.to_be_bytes()).collect();
                out.truncate(self.out_len);
                out
            }
        }
    };
}

sha2_family!(
    /// SHA-256, or SHA-224 (the same compression with another initial value, truncated).
    Sha256, u32, block 64, rounds 64, k K256, length bytes 8,
    schedule [7, 18, 3; 17, 19, 10],
    round [6, 11, 25; 2, 13, 22],
    new_256 = (H256, 32), new_224 = (H224, 28)
);

sha2_family!(
    /// SHA-512, or SHA-384 (another initial value, truncated).
    Sha512, u64, block 128, rounds 80, k K512, length bytes 16,
    schedule [1, 8, 7; 19, 61, 6],
    round [14, 18, 41; 28, 34, 39],
    new_512 = (H512, 64), new_384 = (H384, 48)
);

/// SHA-512 of `data` in one call (`random.seed` of a `str` / `bytes`).
pub(crate) fn sha512(data: &[u8]) -> Vec<u8> {
    let mut s = Sha512::new_512();
    s.update(data);
    s.finish()
}

/// RFC 1321's table: the integer part of `2^32 * |sin(i + 1)|`.
const MD5_T: [u32; 64] = [
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
];

/// FIPS 180-4 SHA-224/256 round constants (cube roots of the first 64 primes).
const K256: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/// FIPS 180-4 SHA-384/512 round constants (cube roots of the first 80 primes).
const K512: [u64; 80] = [
    0x428a2f98d728ae22,
    0x7137449123ef65cd,
    0xb5c0fbcfec4d3b2f,
    0xe9b5dba58189dbbc,
    0x3956c25bf348b538,
    0x59f111f1b605d019,
    0x923f82a4af194f9b,
    0xab1c5ed5da6d8118,
    0xd807aa98a3030242,
    0x12835b0145706fbe,
    0x243185be4ee4b28c,
    0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f,
    0x80deb1fe3b1696b1,
    0x9bdc06a725c71235,
    0xc19bf174cf692694,
    0xe49b69c19ef14ad2,
    0xefbe4786384f25e3,
    0x0fc19dc68b8cd5b5,
    0x240ca1cc77ac9c65,
    0x2de92c6f592b0275,
    0x4a7484aa6ea6e483,
    0x5cb0a9dcbd41fbd4,
    0x76f988da831153b5,
    0x983e5152ee66dfab,
    0xa831c66d2db43210,
    0xb00327c898fb213f,
    0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2,
    0xd5a79147930aa725,
    0x06ca6351e003826f,
    0x142929670a0e6e70,
    0x27b70a8546d22ffc,
    0x2e1b21385c26c926,
    0x4d2c6dfc5ac42aed,
    0x53380d139d95b3df,
    0x650a73548baf63de,
    0x766a0abb3c77b2a8,
    0x81c2c92e47edaee6,
    0x92722c851482353b,
    0xa2bfe8a14cf10364,
    0xa81a664bbc423001,
    0xc24b8b70d0f89791,
    0xc76c51a30654be30,
    0xd192e819d6ef5218,
    0xd69906245565a910,
    0xf40e35855771202a,
    0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8,
    0x1e376c085141ab53,
    0x2748774cdf8eeb99,
    0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63,
    0x4ed8aa4ae3418acb,
    0x5b9cca4f7763e373,
    0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc,
    0x78a5636f43172f60,
    0x84c87814a1f0ab72,
    0x8cc702081a6439ec,
    0x90befffa23631e28,
    0xa4506cebde82bde9,
    0xbef9a3f7b2c67915,
    0xc67178f2e372532b,
    0xca273eceea26619c,
    0xd186b8c721c0c207,
    0xeada7dd6cde0eb1e,
    0xf57d4f7fee6ed178,
    0x06f067aa72176fba,
    0x0a637dc5a2c898a6,
    0x113f9804bef90dae,
    0x1b710b35131c471b,
    0x28db77f523047d84,
    0x32caab7b40c72493,
    0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6,
    0x597f299cfc657e2a,
    0x5fcb6fab3ad6faec,
    0x6c44198c4a475817,
];

/// SHA-256 initial value (square roots of the first 8 primes); also BLAKE2s's IV.
pub(crate) const H256: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// SHA-224 initial value.
const H224: [u32; 8] = [
    0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4,
];

/// SHA-512 initial value (square roots of the first 8 primes); also BLAKE2b's IV.
pub(crate) const H512: [u64; 8] = [
    0x6a09e667f3bcc908,
    0xbb67ae8584caa73b,
    0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1,
    0x510e527fade682d1,
    0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b,
    0x5be0cd19137e2179,
];

/// SHA-384 initial value (square roots of the 9th to 16th primes).
const H384: [u64; 8] = [
    0xcbbb9d5dc1059ed8,
    0x629a292a367cd507,
    0x9159015a3070dd17,
    0x152fecd8f70e5939,
    0x67332667ffc00b31,
    0x8eb44a8768581511,
    0xdb0c2e0d64f98fa7,
    0x47b5481dbefa4fa4,
];
