//! The list sort: a timsort with the run detection, binary insertion, powersort merge policy
//! and galloping merges that CPython 3.12's `list.sort` uses, so that the sequence of `<`
//! comparisons (visible through user `__lt__` methods) and the partially sorted state left
//! behind when a comparison raises are the same as CPython's.

use pyvm_vm::{PyErr, PyResult, Value};

/// Elements are `(key, item)` pairs; only keys are compared.
type Pair = (Value, Value);

const MIN_GALLOP: usize = 7;

/// One pending run: start index, length, and its powersort "power".
#[derive(Clone, Copy)]
struct Run {
    base: usize,
    len: usize,
    power: u32,
}

/// The merge state. `lt(a, b)` is the key comparison `a < b` (it may run Python code).
struct Sorter<'a, F: FnMut(&Value, &Value) -> PyResult<bool>> {
    arr: &'a mut [Pair],
    lt: F,
    min_gallop: usize,
    pending: Vec<Run>,
}

/// Minimum run length for a list of `n` elements.
fn compute_minrun(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

/// The powersort node power of the boundary between runs `[s1, s1+n1)` and `[s1+n1, s1+n1+n2)`.
fn powerloop(s1: usize, n1: usize, n2: usize, n: usize) -> u32 {
    let mut result = 0;
    let mut a = 2 * s1 + n1;
    let mut b = a + n1 + n2;
    loop {
        result += 1;
        if a >= n {
            a -= n;
            b -= n;
        } else if b >= n {
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    result
}

impl<F: FnMut(&Value, &Value) -> PyResult<bool>> Sorter<'_, F> {
    fn less(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        (self.lt)(a, b)
    }

    /// Length of the run starting at `lo` (at most `hi - lo`), and whether it is strictly
    /// descending.
    fn count_run(&mut self, lo: usize, hi: usize) -> PyResult<(usize, bool)> {
        if lo + 1 == hi {
            return Ok((1, false));
        }
        let mut n = 2;
        let (k1, k0) = (self.arr[lo + 1].0.clone(), self.arr[lo].0.clone());
        if self.less(&k1, &k0)? {
            let mut i = lo + 2;
            while i < hi {
                let (x, y) = (self.arr[i].0.clone(), self.arr[i - 1].0.clone());
                if !self.less(&x, &y)? {
                    break;
                }
                i += 1;
                n += 1;
            }
            Ok((n, true))
        } else {
            let mut i = lo + 2;
            while i < hi {
                let (x, y) = (self.arr[i].0.clone(), self.arr[i - 1].0.clone());
                if self.less(&x, &y)? {
                    break;
                }
                i += 1;
                n += 1;
            }
            Ok((n, false))
        }
    }

    /// Binary insertion sort of `[lo, hi)`, whose prefix `[lo, start)` is already sorted.
    fn binarysort(&mut self, lo: usize, hi: usize, mut start: usize) -> PyResult<()> {
        if lo == start {
            start += 1;
        }
        while start < hi {
            let pivot = self.arr[start].clone();
            let (mut l, mut r) = (lo, start);
            loop {
                let p = l + ((r - l) >> 1);
                let pk = self.arr[p].0.clone();
                if self.less(&pivot.0, &pk)? {
                    r = p;
                } else {
                    l = p + 1;
                }
                if l >= r {
                    break;
                }
            }
            let mut p = start;
            while p > l {
                self.arr[p] = self.arr[p - 1].clone();
                p -= 1;
            }
            self.arr[l] = pivot;
            start += 1;
        }
        Ok(())
    }

    /// Leftmost position for `key` in the sorted `arr[base..base+n]`, searching from `hint`.
    fn gallop_left(
        &mut self,
        key: &Value,
        in_tmp: Option<&[Pair]>,
        base: usize,
        n: usize,
        hint: usize,
    ) -> PyResult<usize> {
        let at = |s: &Self, i: usize| -> Value {
            match in_tmp {
                Some(t) => t[base + i].0.clone(),
                None => s.arr[base + i].0.clone(),
            }
        };
        let mut lastofs: usize;
        let mut ofs: usize;
        let a_hint = at(self, hint);
        if self.less(&a_hint, key)? {
            let maxofs = n - hint;
            lastofs = 0;
            ofs = 1;
            while ofs < maxofs {
                let v = at(self, hint + ofs);
                if self.less(&v, key)? {
                    lastofs = ofs;
                    ofs = (ofs << 1) + 1;
                } else {
                    break;
                }
            }
            ofs = ofs.min(maxofs);
            lastofs += hint;
            ofs += hint;
            // Now a[lastofs] < key <= a[ofs]: binary search in (lastofs, ofs].
            let mut lo = lastofs + 1;
            while lo < ofs {
                let m = lo + ((ofs - lo) >> 1);
                let v = at(self, m);
                if self.less(&v, key)? {
                    lo = m + 1;
                } else {
                    ofs = m;
                }
            }
            Ok(ofs)
        } else {
            let maxofs = hint + 1;
            lastofs = 0;
            ofs = 1;
            while ofs < maxofs {
                let v = at(self, hint - ofs);
                if self.less(&v, key)? {
                    break;
                }
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            }
            ofs = ofs.min(maxofs);
            // a[hint - ofs] < key <= a[hint - lastofs]; as signed offsets relative to base.
            let lo_signed = hint as isize - ofs as isize;
            let mut hi = hint - lastofs;
            let mut lo = lo_signed + 1;
            while (lo as usize) < hi {
                let lo_u = lo as usize;
                let m = lo_u + ((hi - lo_u) >> 1);
                let v = at(self, m);
                if self.less(&v, key)? {
                    lo = m as isize + 1;
                } else {
                    hi = m;
                }
            }
            Ok(hi)
        }
    }

    /// Rightmost position for `key` in the sorted `arr[base..base+n]`, searching from `hint`.
    fn gallop_right(
        &mut self,
        key: &Value,
        in_tmp: Option<&[Pair]>,
        base: usize,
        n: usize,
        hint: usize,
    ) -> PyResult<usize> {
        let at = |s: &Self, i: usize| -> Value {
            match in_tmp {
                Some(t) => t[base + i].0.clone(),
                None => s.arr[base + i].0.clone(),
            }
        };
        let mut lastofs: usize;
        let mut ofs: usize;
        let a_hint = at(self, hint);
        if self.less(key, &a_hint)? {
            let maxofs = hint + 1;
            lastofs = 0;
            ofs = 1;
            while ofs < maxofs {
                let v = at(self, hint - ofs);
                if self.less(key, &v)? {
                    lastofs = ofs;
                    ofs = (ofs << 1) + 1;
                } else {
                    break;
                }
            }
            ofs = ofs.min(maxofs);
            let lo_signed = hint as isize - ofs as isize;
            let mut hi = hint - lastofs;
            let mut lo = lo_signed + 1;
            while (lo as usize) < hi {
                let lo_u = lo as usize;
                let m = lo_u + ((hi - lo_u) >> 1);
                let v = at(self, m);
                if self.less(key, &v)? {
                    hi = m;
                } else {
                    lo = m as isize + 1;
                }
            }
            Ok(hi)
        } else {
            let maxofs = n - hint;
            lastofs = 0;
            ofs = 1;
            while ofs < maxofs {
                let v = at(self, hint + ofs);
                if self.less(key, &v)? {
                    break;
                }
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            }
            ofs = ofs.min(maxofs);
            lastofs += hint;
            ofs += hint;
            let mut lo = lastofs + 1;
            while lo < ofs {
                let m = lo + ((ofs - lo) >> 1);
                let v = at(self, m);
                if self.less(key, &v)? {
                    ofs = m;
                } else {
                    lo = m + 1;
                }
            }
            Ok(ofs)
        }
    }

    /// Merges `arr[pa..pa+na]` and `arr[pb..pb+nb]` (`na <= nb`), copying the first run out.
    fn merge_lo(
        &mut self,
        pa0: usize,
        mut na: usize,
        mut pb: usize,
        mut nb: usize,
    ) -> PyResult<()> {
        let tmp: Vec<Pair> = self.arr[pa0..pa0 + na].to_vec();
        let mut pa = 0usize;
        let mut dest = pa0;
        let mut min_gallop = self.min_gallop;
        let mut err: Option<PyErr> = None;
        self.arr[dest] = self.arr[pb].clone();
        dest += 1;
        pb += 1;
        nb -= 1;
        // 0 = done (copy back the rest of a), 1 = copy b then the last a.
        let outcome: u8 = 'merge: {
            if nb == 0 {
                break 'merge 0;
            }
            if na == 1 {
                break 'merge 1;
            }
            loop {
                let mut acount = 0usize;
                let mut bcount = 0usize;
                loop {
                    let (kb, ka) = (self.arr[pb].0.clone(), tmp[pa].0.clone());
                    match self.less(&kb, &ka) {
                        Err(e) => {
                            err = Some(e);
                            break 'merge 0;
                        }
                        Ok(true) => {
                            self.arr[dest] = self.arr[pb].clone();
                            dest += 1;
                            pb += 1;
                            bcount += 1;
                            acount = 0;
                            nb -= 1;
                            if nb == 0 {
                                break 'merge 0;
                            }
                            if bcount >= min_gallop {
                                break;
                            }
                        }
                        Ok(false) => {
                            self.arr[dest] = tmp[pa].clone();
                            dest += 1;
                            pa += 1;
                            acount += 1;
                            bcount = 0;
                            na -= 1;
                            if na == 1 {
                                break 'merge 1;
                            }
                            if acount >= min_gallop {
                                break;
                            }
                        }
                    }
                }
                min_gallop += 1;
                loop {
                    min_gallop -= usize::from(min_gallop > 1);
                    self.min_gallop = min_gallop;
                    let kb = self.arr[pb].0.clone();
                    let k = match self.gallop_right(&kb, Some(&tmp), pa, na, 0) {
                        Ok(k) => k,
                        Err(e) => {
                            err = Some(e);
                            break 'merge 0;
                        }
                    };
                    acount = k;
                    if k > 0 {
                        self.arr[dest..dest + k].clone_from_slice(&tmp[pa..pa + k]);
                        dest += k;
                        pa += k;
                        na -= k;
                        if na == 1 {
                            break 'merge 1;
                        }
                        if na == 0 {
                            break 'merge 0;
                        }
                    }
                    self.arr[dest] = self.arr[pb].clone();
                    dest += 1;
                    pb += 1;
                    nb -= 1;
                    if nb == 0 {
                        break 'merge 0;
                    }
                    let ka = tmp[pa].0.clone();
                    let k = match self.gallop_left(&ka, None, pb, nb, 0) {
                        Ok(k) => k,
                        Err(e) => {
                            err = Some(e);
                            break 'merge 0;
                        }
                    };
                    bcount = k;
                    if k > 0 {
                        for i in 0..k {
                            self.arr[dest + i] = self.arr[pb + i].clone();
                        }
                        dest += k;
                        pb += k;
                        nb -= k;
                        if nb == 0 {
                            break 'merge 0;
                        }
                    }
                    self.arr[dest] = tmp[pa].clone();
                    dest += 1;
                    pa += 1;
                    na -= 1;
                    if na == 1 {
                        break 'merge 1;
                    }
                    if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                        break;
                    }
                }
                min_gallop += 1;
                self.min_gallop = min_gallop;
            }
        };
        if outcome == 1 {
            for i in 0..nb {
                self.arr[dest + i] = self.arr[pb + i].clone();
            }
            self.arr[dest + nb] = tmp[pa].clone();
        } else if na > 0 {
            self.arr[dest..dest + na].clone_from_slice(&tmp[pa..pa + na]);
        }
        match err {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Merges `arr[pa..pa+na]` and `arr[pb..pb+nb]` (`na >= nb`) from the right, copying the
    /// second run out.
    fn merge_hi(
        &mut self,
        base_a: usize,
        mut na: usize,
        pb0: usize,
        mut nb: usize,
    ) -> PyResult<()> {
        let tmp: Vec<Pair> = self.arr[pb0..pb0 + nb].to_vec();
        // Signed cursors: the current last element of each run and the destination slot.
        let mut dest = (pb0 + nb - 1) as isize;
        let mut pa = (base_a + na - 1) as isize;
        let mut pb = (nb - 1) as isize;
        let mut min_gallop = self.min_gallop;
        let mut err: Option<PyErr> = None;
        let ix = |i: isize| i as usize;
        self.arr[ix(dest)] = self.arr[ix(pa)].clone();
        dest -= 1;
        pa -= 1;
        na -= 1;
        // 0 = done (copy back the rest of b), 1 = copy a then the first b.
        let outcome: u8 = 'merge: {
            if na == 0 {
                break 'merge 0;
            }
            if nb == 1 {
                break 'merge 1;
            }
            loop {
                let mut acount = 0usize;
                let mut bcount = 0usize;
                loop {
                    let (kb, ka) = (tmp[ix(pb)].0.clone(), self.arr[ix(pa)].0.clone());
                    match self.less(&kb, &ka) {
                        Err(e) => {
                            err = Some(e);
                            break 'merge 0;
                        }
                        Ok(true) => {
                            self.arr[ix(dest)] = self.arr[ix(pa)].clone();
                            dest -= 1;
                            pa -= 1;
                            acount += 1;
                            bcount = 0;
                            na -= 1;
                            if na == 0 {
                                break 'merge 0;
                            }
                            if acount >= min_gallop {
                                break;
                            }
                        }
                        Ok(false) => {
                            self.arr[ix(dest)] = tmp[ix(pb)].clone();
                            dest -= 1;
                            pb -= 1;
                            bcount += 1;
                            acount = 0;
                            nb -= 1;
                            if nb == 1 {
                                break 'merge 1;
                            }
                            if bcount >= min_gallop {
                                break;
                            }
                        }
                    }
                }
                min_gallop += 1;
                loop {
                    min_gallop -= usize::from(min_gallop > 1);
                    self.min_gallop = min_gallop;
                    let kb = tmp[ix(pb)].0.clone();
                    let k = match self.gallop_right(&kb, None, base_a, na, na - 1) {
                        Ok(k) => na - k,
                        Err(e) => {
                            err = Some(e);
                            break 'merge 0;
                        }
                    };
                    acount = k;
                    if k > 0 {
                        let kk = k as isize;
                        dest -= kk;
                        pa -= kk;
                        for i in (1..=k).rev() {
                            self.arr[ix(dest + i as isize)] = self.arr[ix(pa + i as isize)].clone();
                        }
                        na -= k;
                        if na == 0 {
                            break 'merge 0;
                        }
                    }
                    self.arr[ix(dest)] = tmp[ix(pb)].clone();
                    dest -= 1;
                    pb -= 1;
                    nb -= 1;
                    if nb == 1 {
                        break 'merge 1;
                    }
                    let ka = self.arr[ix(pa)].0.clone();
                    let k = match self.gallop_left(&ka, Some(&tmp), 0, nb, nb - 1) {
                        Ok(k) => nb - k,
                        Err(e) => {
                            err = Some(e);
                            break 'merge 0;
                        }
                    };
                    bcount = k;
                    if k > 0 {
                        let kk = k as isize;
                        dest -= kk;
                        pb -= kk;
                        for i in 1..=k {
                            self.arr[ix(dest + i as isize)] = tmp[ix(pb + i as isize)].clone();
                        }
                        nb -= k;
                        if nb == 1 {
                            break 'merge 1;
                        }
                        if nb == 0 {
                            break 'merge 0;
                        }
                    }
                    self.arr[ix(dest)] = self.arr[ix(pa)].clone();
                    dest -= 1;
                    pa -= 1;
                    na -= 1;
                    if na == 0 {
                        break 'merge 0;
                    }
                    if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                        break;
                    }
                }
                min_gallop += 1;
                self.min_gallop = min_gallop;
            }
        };
        if outcome == 1 {
            // nb == 1: slide the rest of a right by one, then the first b in front.
            let start_dest = dest + 1 - na as isize;
            let start_a = pa + 1 - na as isize;
            for i in (0..na).rev() {
                self.arr[ix(start_dest) + i] = self.arr[ix(start_a) + i].clone();
            }
            self.arr[ix(start_dest - 1)] = tmp[ix(pb)].clone();
        } else if nb > 0 {
            let start = ix(dest - (nb as isize - 1));
            self.arr[start..start + nb].clone_from_slice(&tmp[..nb]);
        }
        match err {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Merges pending runs `i` and `i + 1`.
    fn merge_at(&mut self, i: usize) -> PyResult<()> {
        let (mut base_a, mut na) = (self.pending[i].base, self.pending[i].len);
        let (base_b, mut nb) = (self.pending[i + 1].base, self.pending[i + 1].len);
        self.pending[i].len = na + nb;
        if i + 3 == self.pending.len() {
            self.pending[i + 1] = self.pending[i + 2];
        }
        self.pending.pop();
        let kb = self.arr[base_b].0.clone();
        let k = self.gallop_right(&kb, None, base_a, na, 0)?;
        base_a += k;
        na -= k;
        if na == 0 {
            return Ok(());
        }
        let ka = self.arr[base_a + na - 1].0.clone();
        nb = self.gallop_left(&ka, None, base_b, nb, nb - 1)?;
        if nb == 0 {
            return Ok(());
        }
        if na <= nb {
            self.merge_lo(base_a, na, base_b, nb)
        } else {
            self.merge_hi(base_a, na, base_b, nb)
        }
    }

    fn found_new_run(&mut self, n2: usize) -> PyResult<()> {
        if let Some(last) = self.pending.last().copied() {
            let power = powerloop(last.base, last.len, n2, self.arr.len());
            while self.pending.len() > 1 && self.pending[self.pending.len() - 2].power > power {
                let i = self.pending.len() - 2;
                self.merge_at(i)?;
            }
            if let Some(l) = self.pending.last_mut() {
                l.power = power;
            }
        }
        Ok(())
    }

    fn force_collapse(&mut self) -> PyResult<()> {
        while self.pending.len() > 1 {
            let mut n = self.pending.len() - 2;
            if n > 0 && self.pending[n - 1].len < self.pending[n + 1].len {
                n -= 1;
            }
            self.merge_at(n)?;
        }
        Ok(())
    }

    fn run(&mut self) -> PyResult<()> {
        let n = self.arr.len();
        if n < 2 {
            return Ok(());
        }
        let minrun = compute_minrun(n);
        let mut lo = 0;
        let mut remaining = n;
        while remaining > 0 {
            let (mut len, descending) = self.count_run(lo, lo + remaining)?;
            if descending {
                self.arr[lo..lo + len].reverse();
            }
            if len < minrun {
                let force = remaining.min(minrun);
                self.binarysort(lo, lo + force, lo + len)?;
                len = force;
            }
            self.found_new_run(len)?;
            self.pending.push(Run {
                base: lo,
                len,
                power: 0,
            });
            lo += len;
            remaining -= len;
        }
        self.force_collapse()
    }
}

/// Sorts `arr` by key with `lt` as `<`. On error the slice holds a permutation of its
/// elements in the state CPython would leave it in.
pub(crate) fn timsort(
    arr: &mut [Pair],
    lt: impl FnMut(&Value, &Value) -> PyResult<bool>,
) -> PyResult<()> {
    let mut s = Sorter {
        arr,
        lt,
        min_gallop: MIN_GALLOP,
        pending: Vec::new(),
    };
    s.run()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn ints(v: &[i64]) -> Vec<Pair> {
        v.iter().map(|&i| (Value::Int(i), Value::Int(i))).collect()
    }

    fn as_ints(v: &[Pair]) -> Vec<i64> {
        v.iter()
            .map(|p| if let Value::Int(i) = p.0 { i } else { -1 })
            .collect()
    }

    fn lt(a: &Value, b: &Value) -> PyResult<bool> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => Ok(x < y),
            _ => Ok(false),
        }
    }

    #[test]
    fn sorts_like_a_stable_sort() {
        let mut seed: u64 = 12345;
        for n in [0usize, 1, 2, 5, 31, 64, 65, 200, 1000, 5000] {
            let mut v = Vec::new();
            for _ in 0..n {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                v.push(((seed >> 33) % 50) as i64);
            }
            // Pair each key with its position to check stability.
            let mut arr: Vec<Pair> = v
                .iter()
                .enumerate()
                .map(|(i, &k)| (Value::Int(k), Value::Int(i as i64)))
                .collect();
            timsort(&mut arr, lt).unwrap();
            let mut expect: Vec<(i64, i64)> =
                v.iter().enumerate().map(|(i, &k)| (k, i as i64)).collect();
            expect.sort_by_key(|p| p.0);
            let got: Vec<(i64, i64)> = arr
                .iter()
                .map(|p| match (&p.0, &p.1) {
                    (Value::Int(k), Value::Int(i)) => (*k, *i),
                    _ => (-1, -1),
                })
                .collect();
            assert_eq!(got, expect, "n = {n}");
        }
        let mut runs = ints(&(0..300).rev().chain(0..300).collect::<Vec<_>>());
        timsort(&mut runs, lt).unwrap();
        let got = as_ints(&runs);
        assert!(got.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn minrun_and_power() {
        assert_eq!(compute_minrun(63), 63);
        assert_eq!(compute_minrun(64), 32);
        assert_eq!(compute_minrun(65), 33);
        assert!(powerloop(0, 32, 32, 128) >= 1);
    }
}
