//! `repr()` and `str()` of every builtin payload, and the dispatch to `__repr__` / `__str__`.

use crate::object::{DictViewKind, NativeKind, ObjRef, Payload};
use crate::value::Value;
use crate::{PyResult, Vm};
use std::fmt::Write as _;

/// CPython 3.12's C recursion limit (nesting of reprs and comparisons of containers).
pub const C_RECURSION_LIMIT: usize = 1497;

/// Lone surrogates (U+D800..U+DFFF) cannot live in a Rust `str`; the VM stores each one as a
/// code point of the otherwise unused top of Supplementary Private Use Area-B.
pub const SURROGATE_BASE: u32 = 0x10_F800;

/// The char the VM uses for lone surrogate code point `cp` (0xD800..=0xDFFF).
pub fn surrogate_char(cp: u32) -> Option<char> {
    if (0xD800..=0xDFFF).contains(&cp) {
        char::from_u32(SURROGATE_BASE + (cp - 0xD800))
    } else {
        None
    }
}

/// The surrogate code point a char stands for, if it is one of the VM's surrogate stand-ins.
pub fn char_surrogate(c: char) -> Option<u32> {
    let n = c as u32;
    if (SURROGATE_BASE..=SURROGATE_BASE + 0x7FF).contains(&n) {
        Some(n - SURROGATE_BASE + 0xD800)
    } else {
        None
    }
}

/// Decodes WTF-8 (UTF-8 that may contain encoded lone surrogates) into a `String`, mapping
/// surrogates to their stand-ins.
pub fn decode_wtf8(b: &[u8]) -> String {
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == 0xED
            && i + 2 < b.len()
            && (0xA0..=0xBF).contains(&b[i + 1])
            && (0x80..=0xBF).contains(&b[i + 2])
        {
            let cp = 0xD000 | (u32::from(b[i + 1] & 0x3F) << 6) | u32::from(b[i + 2] & 0x3F);
            out.push(surrogate_char(cp).unwrap_or('\u{fffd}'));
            i += 3;
            continue;
        }
        let len = match b[i] {
            0x00..=0x7F => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        let end = (i + len).min(b.len());
        match std::str::from_utf8(&b[i..end]) {
            Ok(s) => out.push_str(s),
            Err(_) => out.push('\u{fffd}'),
        }
        i = end.max(i + 1);
    }
    out
}

/// Python's `repr` of a `str`.
pub fn repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) < 0x7f => out.push(c),
            c if char_surrogate(c).is_some() => {
                let _ = write!(out, "\\u{:04x}", char_surrogate(c).unwrap_or(0));
            }
            c if crate::kernels::unicode::is_printable(c) => out.push(c),
            c => {
                let n = c as u32;
                if n <= 0xff {
                    let _ = write!(out, "\\x{n:02x}");
                } else if n <= 0xffff {
                    let _ = write!(out, "\\u{n:04x}");
                } else {
                    let _ = write!(out, "\\U{n:08x}");
                }
            }
        }
    }
    out.push(quote);
    out
}

/// Python's `repr` of `bytes` (`prefix` is `b` or `bytearray(b`).
pub fn repr_bytes(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            32..=126 => out.push(c as char),
            c => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(quote as char);
    out
}

/// Python's `repr` of a float.
pub fn repr_float(f: f64) -> String {
    crate::kernels::float_fmt::float_repr(f)
}

/// `repr` of a complex number.
pub fn repr_complex(re: f64, im: f64) -> String {
    let fmt = |x: f64| -> String {
        let s = repr_float(x);
        s.strip_suffix(".0").map_or(s.clone(), str::to_string)
    };
    if re == 0.0 && re.is_sign_positive() {
        format!("{}j", fmt(im))
    } else {
        let sign = if im.is_sign_negative() || im.is_nan() && im.is_sign_negative() {
            "-"
        } else {
            "+"
        };
        let ims = fmt(im.abs());
        format!("({}{}{}j)", fmt(re), sign, ims)
    }
}

impl Vm {
    /// `repr(v)` as a `str` value.
    pub fn repr(&mut self, v: &Value) -> PyResult<Value> {
        let s = self.repr_string(v)?;
        Ok(self.new_string(s))
    }

    /// `str(v)` as a `str` value.
    pub fn str(&mut self, v: &Value) -> PyResult<Value> {
        if let Some(Payload::Str(_)) = v.payload() {
            if !self.is_heap_instance(v) {
                return Ok(v.clone());
            }
        }
        let s = self.str_string(v)?;
        Ok(self.new_string(s))
    }

    fn is_heap_instance(&self, v: &Value) -> bool {
        match v {
            Value::Obj(o) => o
                .class
                .as_ref()
                .is_some_and(|c| c.as_type().is_some_and(|t| t.heap)),
            _ => false,
        }
    }

    /// `str(v)` as Rust text.
    pub fn str_string(&mut self, v: &Value) -> PyResult<String> {
        if self.is_heap_instance(v) {
            let cls = self.type_of(v);
            if let Some(f) = self.lookup_type_attr(&cls, "__str__") {
                // Anything but `object.__str__` (which is `repr`) is called: a Python method,
                // or a builtin type's own one installed on the class (`StrEnum.__str__` is
                // `str.__str__`, `IntEnum.__str__` is `int.__repr__`).
                let object_str = match f.payload() {
                    Some(Payload::NativeFunction(nf)) => nf
                        .owner
                        .as_ref()
                        .map_or(true, |o| ObjRef::ptr_eq(o, &self.t.object)),
                    _ => false,
                };
                if !object_str {
                    let r = self.call(&f, &[v.clone()])?;
                    return self.expect_str_result(r, "__str__");
                }
            }
            if let Some(f) = self.lookup_type_attr(&cls, "__repr__") {
                if (matches!(f.payload(), Some(Payload::Function(_)))
                    || self.is_extension_method(&f))
                {
                    let r = self.call(&f, &[v.clone()])?;
                    return self.expect_str_result(r, "__repr__");
                }
            }
        }
        self.builtin_str(v)
    }

    /// `str` by payload, ignoring any user `__str__`.
    pub fn builtin_str(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Obj(o) => match &o.payload {
                Payload::Str(s) => Ok(s.s.to_string()),
                Payload::Exception(st) => {
                    let args = st.borrow().args.clone();
                    if let Some(s) = self.eg_str(v) {
                        return Ok(s);
                    }
                    if self.is_subclass(&self.type_of(v), &self.t.exc.os_error) {
                        if let Some(Payload::Tuple(items)) = args.payload() {
                            if (2..=5).contains(&items.len()) {
                                let items = items.to_vec();
                                let errno = self.str_string(&items[0])?;
                                let strerror = self.str_string(&items[1])?;
                                if let Some(fname) = items.get(2).filter(|f| !f.is_none()) {
                                    let fr = self.repr_string(fname)?;
                                    if let Some(f2) = items.get(4).filter(|f| !f.is_none()) {
                                        let f2r = self.repr_string(f2)?;
                                        return Ok(format!(
                                            "[Errno {errno}] {strerror}: {fr} -> {f2r}"
                                        ));
                                    }
                                    return Ok(format!("[Errno {errno}] {strerror}: {fr}"));
                                }
                                return Ok(format!("[Errno {errno}] {strerror}"));
                            }
                        }
                    }
                    let is_key_error = self.is_subclass(&self.type_of(v), &self.t.exc.key_error);
                    match args.payload() {
                        Some(Payload::Tuple(items)) if items.is_empty() => Ok(String::new()),
                        Some(Payload::Tuple(items)) if items.len() == 1 => {
                            let a = items[0].clone();
                            if is_key_error {
                                self.repr_string(&a)
                            } else {
                                self.str_string(&a)
                            }
                        }
                        _ => self.repr_string(&args),
                    }
                }
                _ => match crate::proto::typesmod::proxied_mapping(v) {
                    Some(m) => self.str_string(&m),
                    None => self.repr_string(v),
                },
            },
            _ => self.repr_string(v),
        }
    }

    fn expect_str_result(&mut self, r: Value, what: &str) -> PyResult<String> {
        match r.as_str() {
            Some(s) => Ok(s.to_string()),
            None => Err(self.new_type_error(&format!(
                "{what} returned non-string (type {})",
                self.type_name(&r)
            ))),
        }
    }

    /// `repr(v)` as Rust text.
    pub fn repr_string(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Null => Ok("<NULL>".into()),
            Value::None => Ok("None".into()),
            Value::Bool(b) => Ok(if b.get() { "True" } else { "False" }.into()),
            Value::Int(i) => Ok(i.to_string()),
            Value::Float(f) => Ok(repr_float(f.get())),
            Value::Obj(_) => {
                // The repr of nested containers recurses natively (host stack limit).
                self.check_stack()?;
                if self.is_heap_instance(v) {
                    let cls = self.type_of(v);
                    if let Some(f) = self.lookup_type_attr(&cls, "__repr__") {
                        if (matches!(f.payload(), Some(Payload::Function(_)))
                            || self.is_extension_method(&f))
                        {
                            let r = self.call(&f, &[v.clone()])?;
                            return self.expect_str_result(r, "__repr__");
                        }
                    }
                }
                self.builtin_repr(v)
            }
        }
    }

    /// `repr` by payload, ignoring any user `__repr__` (what `object.__repr__`-level code sees).
    pub fn builtin_repr(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Obj(o) => {
                let id = v.identity();
                match &o.payload {
                    Payload::Str(s) => Ok(repr_str(&s.s)),
                    Payload::BigInt(b) => self.bigint_to_string(b),
                    Payload::Float(f) => Ok(repr_float(*f)),
                    Payload::Complex { re, im } => Ok(repr_complex(*re, *im)),
                    Payload::Bytes(b) => Ok(repr_bytes(b)),
                    Payload::ByteArray(b) => {
                        let inner = repr_bytes(&b.borrow());
                        Ok(format!("{}({inner})", self.type_name(v)))
                    }
                    Payload::List(items) => {
                        if self.repr_guard.len() >= C_RECURSION_LIMIT {
                            return Err(self.new_recursion_error(
                                "maximum recursion depth exceeded while getting the repr of an object",
                            ));
                        }
                        if self.repr_guard.contains(&id) {
                            return Ok("[...]".into());
                        }
                        let items = items.borrow().to_vec();
                        self.repr_guard.push(id);
                        let r = self.repr_seq(&items, "[", "]", false);
                        self.repr_guard.pop();
                        r
                    }
                    Payload::Tuple(items) => {
                        if self.repr_guard.len() >= C_RECURSION_LIMIT {
                            return Err(self.new_recursion_error(
                                "maximum recursion depth exceeded while getting the repr of an object",
                            ));
                        }
                        if self.repr_guard.contains(&id) {
                            return Ok("(...)".into());
                        }
                        self.repr_guard.push(id);
                        let items = items.to_vec();
                        let r = self.repr_seq(&items, "(", ")", true);
                        self.repr_guard.pop();
                        r
                    }
                    Payload::Dict(d) => {
                        if self.repr_guard.len() >= C_RECURSION_LIMIT {
                            return Err(self.new_recursion_error(
                                "maximum recursion depth exceeded while getting the repr of an object",
                            ));
                        }
                        if self.repr_guard.contains(&id) {
                            return Ok("{...}".into());
                        }
                        let items = d.borrow().items();
                        self.repr_guard.push(id);
                        let r = self.repr_dict_items(&items);
                        self.repr_guard.pop();
                        r
                    }
                    Payload::Set(t) => {
                        let items = t.borrow().items();
                        if items.is_empty() {
                            return Ok(self.with_heap_name(v, "set()"));
                        }
                        if self.repr_guard.len() >= C_RECURSION_LIMIT {
                            return Err(self.new_recursion_error(
                                "maximum recursion depth exceeded while getting the repr of an object",
                            ));
                        }
                        if self.repr_guard.contains(&id) {
                            return Ok("{...}".into());
                        }
                        self.repr_guard.push(id);
                        let r = self.repr_seq(&items, "{", "}", false);
                        self.repr_guard.pop();
                        let r = r?;
                        if self.is_heap_instance(v) {
                            Ok(format!("{}({r})", self.type_name(v)))
                        } else {
                            Ok(r)
                        }
                    }
                    Payload::FrozenSet(t) => {
                        let items = t.items();
                        if items.is_empty() {
                            return Ok(format!("{}()", self.type_name(v)));
                        }
                        if self.repr_guard.len() >= C_RECURSION_LIMIT {
                            return Err(self.new_recursion_error(
                                "maximum recursion depth exceeded while getting the repr of an object",
                            ));
                        }
                        self.repr_guard.push(id);
                        let r = self.repr_seq(&items, "{", "}", false);
                        self.repr_guard.pop();
                        let r = r?;
                        Ok(format!("{}({r})", self.type_name(v)))
                    }
                    Payload::DictView { dict, kind } => {
                        let (name, items) = match (&dict.payload, kind) {
                            (Payload::Dict(d), DictViewKind::Keys) => {
                                ("dict_keys", d.borrow().keys())
                            }
                            (Payload::Dict(d), DictViewKind::Values) => {
                                ("dict_values", d.borrow().values())
                            }
                            (Payload::Dict(d), DictViewKind::Items) => {
                                let it = d.borrow().items();
                                let items = it
                                    .into_iter()
                                    .map(|(k, v)| self.new_tuple(vec![k, v]))
                                    .collect();
                                ("dict_items", items)
                            }
                            _ => ("dict_keys", Vec::new()),
                        };
                        let inner = self.repr_seq(&items, "[", "]", false)?;
                        Ok(format!("{name}({inner})"))
                    }
                    Payload::Function(f) => {
                        Ok(format!("<function {} at {:#x}>", f.qualname.borrow(), id))
                    }
                    Payload::NativeFunction(nf) => Ok(match (&nf.bound, nf.kind) {
                        (Some(b), _) => {
                            format!(
                                "<built-in method {} of {} object at {:#x}>",
                                nf.name,
                                self.type_name(b),
                                b.identity()
                            )
                        }
                        (None, NativeKind::Method | NativeKind::ClassMethod) => {
                            let owner = nf
                                .owner
                                .as_ref()
                                .and_then(|o| o.as_type().map(|t| t.name.borrow().to_string()))
                                .unwrap_or_default();
                            format!("<method '{}' of '{}' objects>", nf.name, owner)
                        }
                        _ => format!("<built-in function {}>", nf.name),
                    }),
                    Payload::BoundMethod { func, self_ } => {
                        let builtin = o
                            .class
                            .as_ref()
                            .is_some_and(|c| ObjRef::ptr_eq(c, &self.t.builtin_function));
                        if let (true, Some(Payload::NativeFunction(nf))) = (builtin, func.payload())
                        {
                            return Ok(format!(
                                "<built-in method {} of {} object at {:#x}>",
                                nf.name,
                                self.type_name(self_),
                                self_.identity()
                            ));
                        }
                        let fname = match func.payload() {
                            Some(Payload::Function(f)) => f.qualname.borrow().to_string(),
                            Some(Payload::NativeFunction(nf)) => nf.name.to_string(),
                            _ => "?".into(),
                        };
                        let sr = self.repr_string(self_)?;
                        Ok(format!("<bound method {fname} of {sr}>"))
                    }
                    Payload::Code(c) => Ok(format!(
                        "<code object {} at {:#x}, file \"{}\", line {}>",
                        c.name, id, c.filename, c.firstlineno
                    )),
                    Payload::Cell(_) => Ok(format!("<cell at {id:#x}>")),
                    Payload::Type(t) => {
                        let name = t.qualname.borrow().clone();
                        match &*t.module.borrow() {
                            Some(m) if &**m != "builtins" => Ok(format!("<class '{m}.{name}'>")),
                            _ => Ok(format!("<class '{name}'>")),
                        }
                    }
                    Payload::Module(m) => {
                        let file = self.dict_get_str_opt(o.dict_obj().as_ref(), "__file__");
                        match file.as_ref().and_then(Value::as_str) {
                            Some(f) => Ok(format!("<module '{}' from '{}'>", m.name, f)),
                            None => Ok(format!("<module '{}' (built-in)>", m.name)),
                        }
                    }
                    Payload::Exception(st) => {
                        let stored = st.borrow().args.clone();
                        let args = self.exception_args(v, &stored);
                        let name = self.type_name(v);
                        let inner = match args.payload() {
                            Some(Payload::Tuple(items)) if items.len() == 1 => {
                                let a = items[0].clone();
                                self.repr_string(&a)?
                            }
                            Some(Payload::Tuple(items)) => {
                                let items = items.to_vec();
                                self.repr_seq(&items, "", "", false)?
                            }
                            _ => String::new(),
                        };
                        Ok(format!("{name}({inner})"))
                    }
                    Payload::Slice(sl) => {
                        let (a, b, c) = (sl.start.clone(), sl.stop.clone(), sl.step.clone());
                        Ok(format!(
                            "slice({}, {}, {})",
                            self.repr_string(&a)?,
                            self.repr_string(&b)?,
                            self.repr_string(&c)?
                        ))
                    }
                    Payload::Range(r) => {
                        let r = r.clone();
                        let a = self.repr_string(&r.start)?;
                        let b = self.repr_string(&r.stop)?;
                        if matches!(r.step, Value::Int(1)) {
                            Ok(format!("range({a}, {b})"))
                        } else {
                            let c = self.repr_string(&r.step)?;
                            Ok(format!("range({a}, {b}, {c})"))
                        }
                    }
                    Payload::Generator(g) => {
                        let kind = self.type_name(v);
                        Ok(format!("<{} object {} at {:#x}>", kind, g.qualname, id))
                    }
                    Payload::Property(_) => Ok(format!("<property object at {id:#x}>")),
                    Payload::ClassMethod(_) => Ok(format!("<classmethod({:#x})>", id)),
                    Payload::StaticMethod(_) => Ok(format!("<staticmethod({:#x})>", id)),
                    Payload::Super { this_type, .. } => {
                        let n = this_type
                            .as_type()
                            .map(|t| t.name.borrow().to_string())
                            .unwrap_or_default();
                        Ok(format!("<super: <class '{n}'>, <{n} object>>"))
                    }
                    Payload::NotImplemented => Ok("NotImplemented".into()),
                    Payload::Ellipsis => Ok("Ellipsis".into()),
                    Payload::Iter(_)
                    | Payload::Instance(_)
                    | Payload::Slots(_)
                    | Payload::Native(_) => {
                        let cls = self.type_of(v);
                        // A native `__repr__` registered by the builtins crate wins over the default.
                        if let Some(f) = self.lookup_type_attr(&cls, "__repr__") {
                            if matches!(f.payload(), Some(Payload::NativeFunction(nf)) if nf.owner.as_ref().is_some_and(|o| !ObjRef::ptr_eq(o, &self.t.object)))
                            {
                                let r = self.call(&f, &[v.clone()])?;
                                return self.expect_str_result(r, "__repr__");
                            }
                        }
                        Ok(self.default_repr(v))
                    }
                }
            }
            _ => self.repr_string(v),
        }
    }

    /// `<module.Class object at 0x…>`.
    pub fn default_repr(&self, v: &Value) -> String {
        let cls = self.type_of(v);
        let (module, name) = match cls.as_type() {
            Some(t) => (t.module.borrow().clone(), t.qualname.borrow().clone()),
            None => (None, "?".into()),
        };
        match module {
            Some(m) if &*m != "builtins" => format!("<{m}.{name} object at {:#x}>", v.identity()),
            _ => format!("<{name} object at {:#x}>", v.identity()),
        }
    }

    fn with_heap_name(&self, v: &Value, s: &str) -> String {
        if self.is_heap_instance(v) {
            format!("{}()", self.type_name(v))
        } else {
            s.to_string()
        }
    }

    fn dict_get_str_opt(&self, d: Option<&crate::ObjRef>, name: &str) -> Option<Value> {
        d.and_then(|d| self.dict_get_str(d, name))
    }

    fn repr_seq(
        &mut self,
        items: &[Value],
        open: &str,
        close: &str,
        tuple: bool,
    ) -> PyResult<String> {
        let mut out = String::from(open);
        for (i, it) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&self.repr_string(it)?);
        }
        if tuple && items.len() == 1 {
            out.push(',');
        }
        out.push_str(close);
        Ok(out)
    }

    fn repr_dict_items(&mut self, items: &[(Value, Value)]) -> PyResult<String> {
        let mut out = String::from("{");
        for (i, (k, v)) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&self.repr_string(k)?);
            out.push_str(": ");
            out.push_str(&self.repr_string(v)?);
        }
        out.push('}');
        Ok(out)
    }

    /// Decimal text of a big integer (respecting CPython's 4300-digit limit).
    pub fn bigint_to_string(&self, b: &num_bigint::BigInt) -> PyResult<String> {
        // The kernel refuses before converting when the size alone proves the limit is
        // exceeded (the conversion is quadratic: a crafted program printing 2**10**7 ran for
        // minutes when the digits were counted afterwards).
        crate::kernels::int_fmt::int_to_decimal(b, crate::kernels::int_fmt::DEFAULT_MAX_STR_DIGITS)
            .map_err(|e| self.kernel_err(e))
    }
}
