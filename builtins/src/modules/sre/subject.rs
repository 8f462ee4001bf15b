//! The text a pattern runs over: a `str` as code points, or the bytes of a bytes-like object.

use pyvm_vm::proto::repr::{char_surrogate, surrogate_char};
use pyvm_vm::{ObjRef, Payload, PyResult, Value, Vm};
use std::cell::RefCell;
use std::rc::Rc;

/// How many recently read subjects are remembered.
const CACHE_SIZE: usize = 4;

/// The last few immutable subjects (exact `str` / `bytes`) already read, so a loop calling
/// `pattern.match(text, pos)` at successive positions (`json`'s scanner, tokenizers) does not
/// convert the whole text on every call.
#[derive(Default)]
pub(crate) struct SubjectCache {
    entries: RefCell<Vec<(Value, Rc<Subject>)>>,
}

impl SubjectCache {
    pub(crate) fn read(&self, vm: &Vm, v: &Value) -> PyResult<Rc<Subject>> {
        if let Some((_, s)) = self.entries.borrow().iter().find(|(k, _)| k.is(v)) {
            return Ok(s.clone());
        }
        let subj = Rc::new(Subject::read(vm, v)?);
        let t = vm.type_of(v);
        if ObjRef::ptr_eq(&t, &vm.types().str) || ObjRef::ptr_eq(&t, &vm.types().bytes) {
            let mut e = self.entries.borrow_mut();
            if e.len() >= CACHE_SIZE {
                e.remove(0);
            }
            e.push((v.clone(), subj.clone()));
        }
        Ok(subj)
    }
}

/// A subject string as the matcher sees it.
pub(crate) struct Subject {
    pub text: Vec<u32>,
    pub is_bytes: bool,
}

impl Subject {
    /// Reads `v` (`getstring` in CPython): any `str`, or a bytes-like object.
    pub(crate) fn read(vm: &Vm, v: &Value) -> PyResult<Subject> {
        if let Some(Payload::Str(s)) = v.payload() {
            let text =
                s.s.chars()
                    .map(|c| char_surrogate(c).unwrap_or(c as u32))
                    .collect();
            return Ok(Subject {
                text,
                is_bytes: false,
            });
        }
        match vm.bytes_like(v) {
            Ok(b) => Ok(Subject {
                text: b.into_iter().map(u32::from).collect(),
                is_bytes: true,
            }),
            Err(_) => Err(vm.new_type_error(&format!(
                "expected string or bytes-like object, got '{}'",
                vm.type_name(v)
            ))),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.text.len()
    }

    /// `string[i:j]` as CPython's `getslice`: a `str`, or `bytes` for any bytes-like subject
    /// (the subject itself when it is an exact `bytes` taken whole).
    pub(crate) fn slice(&self, vm: &Vm, orig: &Value, i: usize, j: usize) -> Value {
        let j = j.min(self.text.len());
        let i = i.min(j);
        let part = self.text.get(i..j).unwrap_or(&[]);
        if self.is_bytes {
            if i == 0
                && j == self.text.len()
                && ObjRef::ptr_eq(&vm.type_of(orig), &vm.types().bytes)
            {
                return orig.clone();
            }
            return vm.new_bytes(part.iter().map(|&c| (c & 0xff) as u8).collect());
        }
        vm.new_string(text_of(part))
    }
}

/// Code points back to a `str`'s text (lone surrogates become the VM's stand-ins).
pub(crate) fn text_of(part: &[u32]) -> String {
    part.iter()
        .map(|&c| {
            surrogate_char(c)
                .or_else(|| char::from_u32(c))
                .unwrap_or('\u{fffd}')
        })
        .collect()
}
