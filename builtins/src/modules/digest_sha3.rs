//! SHA-3 and SHAKE (FIPS 202): the Keccak-f[1600] permutation in a sponge. Streaming: `update`
//! absorbs each full rate-sized block as it arrives and keeps at most one partial block.

/// A Keccak sponge with a rate of `rate` bytes and the domain-separation byte `suffix`
/// (`0x06` for SHA-3, `0x1f` for SHAKE).
#[derive(Clone)]
pub(crate) struct Sha3 {
    state: [u64; 25],
    buf: [u8; 200],
    len: usize,
    rate: usize,
    out_len: usize,
    suffix: u8,
}

/// The SHA-3 / SHAKE variants `_sha3` provides.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Sha3Kind {
    Sha3_224,
    Sha3_256,
    Sha3_384,
    Sha3_512,
    Shake128,
    Shake256,
}

impl Sha3Kind {
    /// (rate in bytes, fixed digest size: 0 for SHAKE).
    const fn shape(self) -> (usize, usize) {
        match self {
            Sha3Kind::Sha3_224 => (144, 28),
            Sha3Kind::Sha3_256 => (136, 32),
            Sha3Kind::Sha3_384 => (104, 48),
            Sha3Kind::Sha3_512 => (72, 64),
            Sha3Kind::Shake128 => (168, 0),
            Sha3Kind::Shake256 => (136, 0),
        }
    }

    pub(crate) const fn is_shake(self) -> bool {
        matches!(self, Sha3Kind::Shake128 | Sha3Kind::Shake256)
    }
}

/// Keccak-f[1600] (FIPS 202 section 3.3: 24 rounds of theta, rho, pi, chi, iota).
fn keccak_f(a: &mut [u64; 25]) {
    for rc in KECCAK_RC {
        let mut c = [0u64; 5];
        for (x, cx) in c.iter_mut().enumerate() {
            *cx = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
        }
        for x in 0..5 {
            let d = c[(x + 4) % 5] ^ c[(x + 1) % 5].rotate_left(1);
            for y in 0..5 {
                a[x + 5 * y] ^= d;
            }
        }
        let mut b = [0u64; 25];
        for x in 0..5 {
            for y in 0..5 {
                // pi moves lane (x, y) to (y, 2x + 3y).
                b[y + 5 * ((2 * x + 3 * y) % 5)] = a[x + 5 * y].rotate_left(KECCAK_ROT[x + 5 * y]);
            }
        }
        for y in 0..5 {
            for x in 0..5 {
                a[x + 5 * y] = b[x + 5 * y] ^ (!b[(x + 1) % 5 + 5 * y] & b[(x + 2) % 5 + 5 * y]);
            }
        }
        a[0] ^= rc;
    }
}

impl Sha3 {
    pub(crate) fn new(kind: Sha3Kind) -> Sha3 {
        let (rate, out_len) = kind.shape();
        Sha3 {
            state: [0; 25],
            buf: [0; 200],
            len: 0,
            rate,
            out_len,
            suffix: if kind.is_shake() { 0x1f } else { 0x06 },
        }
    }

    /// The fixed digest size in bytes (0 for SHAKE, as CPython reports it).
    pub(crate) fn digest_size(&self) -> usize {
        self.out_len
    }

    /// The rate (`block_size`) in bytes.
    pub(crate) fn rate(&self) -> usize {
        self.rate
    }

    fn absorb_block(state: &mut [u64; 25], block: &[u8]) {
        for (lane, c) in state.iter_mut().zip(block.chunks_exact(8)) {
            *lane ^= u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        }
        keccak_f(state);
    }

    pub(crate) fn update(&mut self, mut data: &[u8]) {
        let rate = self.rate;
        if self.len > 0 {
            let take = (rate - self.len).min(data.len());
            let (head, rest) = data.split_at(take);
            self.buf[self.len..self.len + take].copy_from_slice(head);
            self.len += take;
            data = rest;
            if self.len < rate {
                return;
            }
            Sha3::absorb_block(&mut self.state, &self.buf[..rate]);
            self.len = 0;
        }
        let mut chunks = data.chunks_exact(rate);
        for block in &mut chunks {
            Sha3::absorb_block(&mut self.state, block);
        }
        let rest = chunks.remainder();
        self.buf[..rest.len()].copy_from_slice(rest);
        self.len = rest.len();
    }

    /// The fixed-size digest (SHA-3), or `n` bytes of output (SHAKE: pass the length).
    pub(crate) fn finish(&self, n: usize) -> Vec<u8> {
        let rate = self.rate;
        let mut st = self.state;
        let mut last = [0u8; 200];
        last[..self.len].copy_from_slice(&self.buf[..self.len]);
        last[self.len] ^= self.suffix;
        last[rate - 1] ^= 0x80;
        Sha3::absorb_block(&mut st, &last[..rate]);
        let mut out = Vec::with_capacity(n);
        loop {
            for lane in &st[..rate / 8] {
                for b in lane.to_le_bytes() {
                    if out.len() == n {
                        return out;
                    }
                    out.push(b);
                }
            }
            keccak_f(&mut st);
        }
    }

    /// The digest of a fixed-size variant.
    pub(crate) fn digest(&self) -> Vec<u8> {
        self.finish(self.out_len)
    }
}

/// FIPS 202 Keccak-f[1600] round constants (the `rc` LFSR, section 3.2.5).
const KECCAK_RC: [u64; 24] = [
    0x0000000000000001,
    0x0000000000008082,
    0x800000000000808a,
    0x8000000080008000,
    0x000000000000808b,
    0x0000000080000001,
    0x8000000080008081,
    0x8000000000008009,
    0x000000000000008a,
    0x0000000000000088,
    0x0000000080008009,
    0x000000008000000a,
    0x000000008000808b,
    0x800000000000008b,
    0x8000000000008089,
    0x8000000000008003,
    0x8000000000008002,
    0x8000000000000080,
    0x000000000000800a,
    0x800000008000000a,
    0x8000000080008081,
    0x8000000000008080,
    0x0000000080000001,
    0x8000000080008008,
];

/// FIPS 202 rho offsets, indexed by `x + 5 * y`.
const KECCAK_ROT: [u32; 25] = [
    0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14,
];
