//! Structural pattern matching support (`match` statements).

use crate::frame::Frame;
use crate::object::{BaseKind, Payload};
use crate::value::Value;
use crate::{PyResult, Vm};

impl Vm {
    /// `MATCH_MAPPING` / `MATCH_SEQUENCE` classification.
    pub(crate) fn match_kind(&self, v: &Value, mapping: bool) -> bool {
        match v.payload() {
            Some(Payload::Dict(_)) => mapping,
            Some(Payload::List(_) | Payload::Tuple(_) | Payload::Range(_)) => !mapping,
            _ => {
                let t = self.type_of(v);
                if mapping {
                    false
                } else {
                    t.as_type().is_some_and(|td| {
                        td.heap && matches!(td.base_kind, BaseKind::List | BaseKind::Tuple)
                    })
                }
            }
        }
    }

    /// `MATCH_KEYS`: `(subject, keys -- subject, keys, values_or_none)`.
    pub(crate) fn op_match_keys(&mut self, f: &mut Frame) -> PyResult<()> {
        let n = f.stack.len();
        if n < 2 {
            return Err(self.new_system_error("stack underflow in MATCH_KEYS"));
        }
        let subject = f.stack[n - 2].clone();
        let keys = f.stack[n - 1].clone();
        let keys = self.to_vec(&keys)?;
        let mut vals = Vec::with_capacity(keys.len());
        for k in keys {
            let v = match subject.as_obj() {
                Some(d) if matches!(d.payload, Payload::Dict(_)) => {
                    self.dict_get_item(&d.clone(), &k)?
                }
                _ => None,
            };
            match v {
                Some(v) => vals.push(v),
                None => {
                    f.push(Value::None);
                    return Ok(());
                }
            }
        }
        let t = self.new_tuple(vals);
        f.push(t);
        Ok(())
    }

    /// `MATCH_CLASS count`: `(subject, type, names -- attrs_or_none)`.
    pub(crate) fn op_match_class(&mut self, f: &mut Frame, count: usize) -> PyResult<()> {
        let names = f.stack.pop().unwrap_or_default();
        let ty = f.stack.pop().unwrap_or_default();
        let subject = f.stack.pop().unwrap_or_default();
        let Some(cls) = self.as_class(&ty) else {
            return Err(self.new_type_error("called match pattern must be a class"));
        };
        if !self.is_instance(&subject, &cls) {
            f.push(Value::None);
            return Ok(());
        }
        let mut attrs = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        if count > 0 {
            let match_args = self.lookup_type_attr(&cls, "__match_args__");
            let cname = cls
                .as_type()
                .map(|t| t.name.borrow().to_string())
                .unwrap_or_default();
            match match_args {
                Some(ma) => {
                    if !matches!(ma.payload(), Some(Payload::Tuple(_))) {
                        return Err(self.new_type_error(&format!(
                            "{cname}.__match_args__ must be a tuple (got {})",
                            self.type_name(&ma)
                        )));
                    }
                    let ma = self.to_vec(&ma)?;
                    if count > ma.len() {
                        return Err(self.new_type_error(&format!(
                            "{cname}() accepts {} positional sub-pattern{} ({count} given)",
                            ma.len(),
                            if ma.len() == 1 { "" } else { "s" }
                        )));
                    }
                    for name in ma.iter().take(count) {
                        let ns = name.as_str().unwrap_or("").to_string();
                        match self.lookup_attr(&subject, &ns)? {
                            Some(v) => attrs.push(v),
                            None => {
                                f.push(Value::None);
                                return Ok(());
                            }
                        }
                        seen.push(ns);
                    }
                }
                None => {
                    let self_match = cls.as_type().is_some_and(|t| {
                        !matches!(
                            t.base_kind,
                            BaseKind::Object
                                | BaseKind::Exception
                                | BaseKind::Opaque
                                | BaseKind::Type
                        )
                    });
                    if self_match && count == 1 {
                        attrs.push(subject.clone());
                    } else {
                        let n = usize::from(self_match);
                        return Err(self.new_type_error(&format!(
                            "{cname}() accepts {n} positional sub-pattern{} ({count} given)",
                            if n == 1 { "" } else { "s" }
                        )));
                    }
                }
            }
        }
        for name in self.to_vec(&names)? {
            let ns = name.as_str().unwrap_or("").to_string();
            if seen.contains(&ns) {
                return Err(
                    self.new_type_error(&format!("got multiple sub-patterns for attribute '{ns}'"))
                );
            }
            match self.lookup_attr(&subject, &ns)? {
                Some(v) => attrs.push(v),
                None => {
                    f.push(Value::None);
                    return Ok(());
                }
            }
        }
        let t = self.new_tuple(attrs);
        f.push(t);
        Ok(())
    }
}
