//! The combinatoric iterators of `itertools` (`product`, `permutations`, `combinations`,
//! `combinations_with_replacement`) as pure index machines over materialized pools.

use pyvm_vm::Value;

/// Which combinatoric generator.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum CombKind {
    Product,
    Permutations,
    Combinations,
    WithReplacement,
}

/// The state of one combinatoric iterator. `next_indices` produces the pool indices of each
/// result; the caller builds the tuple.
pub(crate) struct Comb {
    pub kind: CombKind,
    /// `product`: one pool per position; the others: a single pool.
    pub pools: Vec<Vec<Value>>,
    pub r: usize,
    indices: Vec<usize>,
    cycles: Vec<usize>,
    started: bool,
    pub stopped: bool,
}

impl Comb {
    pub(crate) fn new(kind: CombKind, pools: Vec<Vec<Value>>, r: usize) -> Comb {
        let n = pools.first().map_or(0, Vec::len);
        let stopped = match kind {
            CombKind::Product => pools.iter().any(Vec::is_empty),
            CombKind::Permutations | CombKind::Combinations => r > n,
            CombKind::WithReplacement => n == 0 && r > 0,
        };
        let (indices, cycles) = match kind {
            CombKind::Product => (vec![0; pools.len()], Vec::new()),
            CombKind::Permutations => ((0..n).collect(), (0..r).map(|i| n - i).collect()),
            CombKind::Combinations => ((0..r).collect(), Vec::new()),
            CombKind::WithReplacement => (vec![0; r], Vec::new()),
        };
        Comb {
            kind,
            pools,
            r,
            indices,
            cycles,
            started: false,
            stopped,
        }
    }

    /// The next result as values, or `None` when exhausted.
    pub(crate) fn next(&mut self) -> Option<Vec<Value>> {
        if self.stopped {
            return None;
        }
        if self.started && !self.advance() {
            self.stopped = true;
            return None;
        }
        self.started = true;
        Some(self.current())
    }

    fn current(&self) -> Vec<Value> {
        match self.kind {
            CombKind::Product => self
                .indices
                .iter()
                .zip(self.pools.iter())
                .map(|(&i, p)| p[i].clone())
                .collect(),
            _ => {
                let pool = &self.pools[0];
                self.indices
                    .iter()
                    .take(self.r)
                    .map(|&i| pool[i].clone())
                    .collect()
            }
        }
    }

    /// Moves to the next index tuple; false when there is none.
    fn advance(&mut self) -> bool {
        match self.kind {
            CombKind::Product => {
                for i in (0..self.pools.len()).rev() {
                    self.indices[i] += 1;
                    if self.indices[i] < self.pools[i].len() {
                        return true;
                    }
                    self.indices[i] = 0;
                }
                false
            }
            CombKind::Combinations => {
                let n = self.pools[0].len();
                let r = self.r;
                let mut i = r;
                loop {
                    if i == 0 {
                        return false;
                    }
                    i -= 1;
                    if self.indices[i] != i + n - r {
                        break;
                    }
                }
                self.indices[i] += 1;
                for j in i + 1..r {
                    self.indices[j] = self.indices[j - 1] + 1;
                }
                true
            }
            CombKind::WithReplacement => {
                let n = self.pools[0].len();
                let r = self.r;
                let mut i = r;
                loop {
                    if i == 0 {
                        return false;
                    }
                    i -= 1;
                    if self.indices[i] != n - 1 {
                        break;
                    }
                }
                let v = self.indices[i] + 1;
                for j in i..r {
                    self.indices[j] = v;
                }
                true
            }
            CombKind::Permutations => {
                let n = self.pools[0].len();
                let r = self.r;
                if n == 0 {
                    return false;
                }
                for i in (0..r).rev() {
                    self.cycles[i] -= 1;
                    if self.cycles[i] == 0 {
                        let moved = self.indices.remove(i);
                        self.indices.push(moved);
                        self.cycles[i] = n - i;
                    } else {
                        let j = self.cycles[i];
                        self.indices.swap(i, n - j);
                        return true;
                    }
                }
                false
            }
        }
    }
}
