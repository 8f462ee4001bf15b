//! Deterministic mutation testing: thousands of corrupted `.pyc` files must each give `Ok` or
//! `Err`, never a panic, a hang or a huge allocation. Whatever loads must also survive the table
//! decoders and round-trip through the writer.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Instant;

use common::{all_codes, good_pycs, Rng};
use pyvm_loader::{dumps, exctable, linetable, load_pyc, loads, Obj};

const HUGE: [u32; 5] = [0x7fff_ffff, 0xffff_ffff, 0x8000_0000, 0x0100_0000, 0xffff];

fn mutate(rng: &mut Rng, input: &[u8], corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut m = input.to_vec();
    for _ in 0..=rng.below(4) {
        if m.is_empty() {
            m.push(rng.next_u64() as u8);
            continue;
        }
        // Mutate the body far more often than the header, which is checked first.
        let pos = if rng.below(8) == 0 {
            rng.below(m.len())
        } else {
            16.min(m.len() - 1) + rng.below(m.len().saturating_sub(16).max(1))
        };
        match rng.below(7) {
            0 => m[pos] ^= 1 << rng.below(8),
            1 => m.truncate(pos),
            2 => m.insert(pos, rng.next_u64() as u8),
            3 => {
                m.remove(pos);
            }
            4 => {
                let v = HUGE[rng.below(HUGE.len())].to_le_bytes();
                let end = (pos + 4).min(m.len());
                m[pos..end].copy_from_slice(&v[..end - pos]);
            }
            5 => {
                // Splice: our prefix, another fixture's suffix.
                let other = &corpus[rng.below(corpus.len())];
                let from = rng.below(other.len().max(1));
                m.truncate(pos);
                m.extend_from_slice(other.get(from..).unwrap_or(&[]));
            }
            _ => m[pos] = [b'r', b'(', b'c', b'{', b'0', b'l', 0x80 | b')'][rng.below(7)],
        }
    }
    m
}

fn exercise(obj: &Obj) {
    assert_eq!(&loads(&dumps(obj)).unwrap(), obj);
    if let Obj::Code(code) = obj {
        for c in all_codes(code) {
            let _ = linetable::positions(&c);
            let _ = linetable::lines(&c);
            let _ = exctable::parse(&c.exceptiontable);
        }
    }
}

#[test]
fn mutations_never_panic() {
    let mut corpus: Vec<Vec<u8>> = good_pycs()
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    corpus.sort_by_key(Vec::len);
    // Keep the run short: the smaller fixtures exercise the same code paths.
    corpus.truncate(24);
    assert!(!corpus.is_empty());

    let start = Instant::now();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut ok, mut err) = (0u32, 0u32);
    for i in 0..25_000 {
        let input = &corpus[i % corpus.len()];
        let m = mutate(&mut rng, input, &corpus);
        match load_pyc(&m) {
            Ok(pyc) => {
                ok += 1;
                exercise(&Obj::Code(pyc.code));
            }
            Err(_) => err += 1,
        }
        if let Ok(obj) = loads(m.get(16..).unwrap_or(&[])) {
            exercise(&obj);
        }
    }
    eprintln!("mutations: {ok} loaded, {err} refused");
    assert!(ok > 0 && err > 0, "ok={ok} err={err}");
    assert!(
        start.elapsed().as_secs() < 30,
        "mutation run took {:?}",
        start.elapsed()
    );
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x1234_5678_9abc_def1);
    for _ in 0..20_000 {
        let len = rng.below(64);
        let mut body: Vec<u8> = (0..len).map(|_| rng.next_u64() as u8).collect();
        // Bias towards type codes so the reader gets past the first byte.
        if let Some(first) = body.first_mut() {
            *first = b"0NFTS.iIlfgxysauzZt()[{<>cr"[rng.below(27)] | (0x80 * (rng.below(2) as u8));
        }
        if let Ok(obj) = loads(&body) {
            exercise(&obj);
        }
    }
}
