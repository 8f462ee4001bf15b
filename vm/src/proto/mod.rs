//! The core object protocols, as `impl Vm` blocks: hashing, repr/str, comparison, arithmetic,
//! attributes, calls, iteration, sequences and mappings, and construction of builtin types.

pub mod arith;
pub mod attr;
pub(crate) mod bind;
pub mod bytes_ext;
pub mod call;
pub mod cmp;
pub mod construct;
pub mod convert;
pub mod descr;
pub mod hash;
pub mod introspect;
pub mod isinst;
pub mod iter;
pub mod mapping;
pub mod range;
pub mod repr;
pub mod seq;
pub mod slots;
pub mod typesmod;
