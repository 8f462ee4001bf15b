//! The set table. Placeholder: insertion-ordered (a `DictTable` with no values) until the kernels'
//! CPython-exact open-addressing table is wired in behind this same interface.

use crate::dict::{DictTable, Probe};
use crate::value::Value;

/// Storage of a `set` / `frozenset`.
#[derive(Clone, Default)]
pub struct SetTable {
    table: DictTable,
}

impl SetTable {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// Looks a key up without running Python code.
    pub fn probe(&self, hash: i64, key: &Value) -> Probe {
        self.table.probe(hash, key)
    }

    pub fn still_at(&self, pos: usize, key: &Value) -> bool {
        self.table.still_at(pos, key)
    }

    /// Adds a key known to be absent.
    pub fn push_new(&mut self, hash: i64, key: Value) {
        self.table.push_new(hash, key, Value::None);
    }

    /// Removes the key at a position.
    pub fn remove_at(&mut self, pos: usize) -> Option<Value> {
        self.table.remove_at(pos).map(|e| e.key)
    }

    /// Removes an arbitrary element (`set.pop`).
    pub fn pop_first(&mut self) -> Option<Value> {
        let pos = (0..self.table.capacity_positions()).find(|p| self.table.entry_at(*p).is_some())?;
        self.remove_at(pos)
    }

    pub fn clear(&mut self) {
        self.table.clear();
    }

    /// Elements in iteration order.
    pub fn items(&self) -> Vec<Value> {
        self.table.keys()
    }

    /// (hash, element) pairs in iteration order.
    pub fn hashed_items(&self) -> Vec<(i64, Value)> {
        self.table.iter().map(|e| (e.hash, e.key.clone())).collect()
    }
}
