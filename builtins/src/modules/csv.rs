//! `_csv`, the parser and writer under the standard library's `csv.py`: `reader`, `writer`,
//! `Dialect` (validated formatting parameters), the dialect registry (`register_dialect`,
//! `unregister_dialect`, `get_dialect`, `list_dialects`), `field_size_limit`, `Error` and the
//! `QUOTE_*` constants, with CPython 3.12's parsing rules and messages.

use super::{add_fn, add_method, alloc_native, bind, native, new_type, register};
use pyvm_vm::{Args, ObjRef, Payload, PyErr, PyResult, Value, Vm};
use std::cell::Cell;
use std::rc::Rc;

pub(crate) fn install(vm: &mut Vm) {
    register(vm, &["_csv"], build);
}

const QUOTE_MINIMAL: i64 = 0;
const QUOTE_ALL: i64 = 1;
const QUOTE_NONNUMERIC: i64 = 2;
const QUOTE_NONE: i64 = 3;
const QUOTE_STRINGS: i64 = 4;
const QUOTE_NOTNULL: i64 = 5;
const QUOTE_NAMES: [&str; 6] = [
    "QUOTE_MINIMAL",
    "QUOTE_ALL",
    "QUOTE_NONNUMERIC",
    "QUOTE_NONE",
    "QUOTE_STRINGS",
    "QUOTE_NOTNULL",
];

/// The module's shared state: its exception class, the `Dialect` type, the registry and the
/// field size limit.
struct State {
    error: ObjRef,
    dialect_type: ObjRef,
    reader_type: ObjRef,
    writer_type: ObjRef,
    dialects: ObjRef,
    field_limit: Cell<i64>,
}

impl State {
    fn error(&self, vm: &Vm, msg: &str) -> PyErr {
        vm.new_exception_msg(&self.error, msg)
    }
}

/// A validated dialect (`_csv.Dialect`).
#[derive(Clone)]
struct Dialect {
    delimiter: char,
    quotechar: Option<char>,
    escapechar: Option<char>,
    lineterminator: Rc<str>,
    quoting: i64,
    doublequote: bool,
    skipinitialspace: bool,
    strict: bool,
}

/// A `_csv.reader`: the line source, its dialect and the number of lines read.
struct Reader {
    input: Value,
    dialect: Value,
    line_num: Cell<u64>,
}

/// A `_csv.writer`: the bound `write` and the dialect.
struct Writer {
    write: Value,
    dialect: Value,
}

fn dialect_of(v: &Value) -> Option<&Dialect> {
    native::<Dialect>(v)
}

const DIALECT_PARAMS: [&str; 9] = [
    "dialect",
    "delimiter",
    "doublequote",
    "escapechar",
    "lineterminator",
    "quotechar",
    "quoting",
    "skipinitialspace",
    "strict",
];

/// `_csv.Dialect(dialect=None, **params)`: a registered name or any object with the attributes
/// supplies the defaults; explicit parameters override them.
fn dialect_new(vm: &mut Vm, st: &State, cls: &ObjRef, a: &Args<'_>) -> PyResult<Value> {
    let p = bind(vm, a, "Dialect", &DIALECT_PARAMS, 0, 0, 0)?;
    let mut base = p[0].clone();
    if let Some(d) = &base {
        if d.as_str().is_some() {
            let found = vm.dict_get_item(&st.dialects, d)?;
            base = Some(found.ok_or_else(|| st.error(vm, "unknown dialect"))?);
        }
    }
    let mut p: Vec<Option<Value>> = p[1..].to_vec();
    if let Some(d) = &base {
        let reusable = dialect_of(d).is_some()
            && vm.is_instance(d, &st.dialect_type)
            && p.iter().all(Option::is_none);
        if reusable {
            return Ok(d.clone());
        }
        for (slot, name) in p.iter_mut().zip(&DIALECT_PARAMS[1..]) {
            if slot.is_none() {
                *slot = vm.lookup_attr(d, name)?;
            }
        }
    }
    let [delimiter, doublequote, escapechar, lineterminator, quotechar, quoting, skipinitialspace, strict] =
        [0, 1, 2, 3, 4, 5, 6, 7].map(|i| p[i].clone());
    let delimiter_c = set_char(vm, "delimiter", delimiter.as_ref(), Some(','), false)?;
    let doublequote = set_bool(vm, doublequote.as_ref(), true)?;
    let escapechar = set_char(vm, "escapechar", escapechar.as_ref(), None, true)?;
    let lineterminator = match &lineterminator {
        None => Some(Rc::from("\r\n")),
        Some(Value::None) => None,
        Some(v) => match v.as_str() {
            Some(s) => Some(Rc::from(s)),
            None => return Err(vm.new_type_error("\"lineterminator\" must be a string")),
        },
    };
    let quotechar_c = set_char(vm, "quotechar", quotechar.as_ref(), Some('"'), true)?;
    let mut quoting_v = match &quoting {
        None => QUOTE_MINIMAL,
        Some(Value::Int(i)) => *i,
        Some(v) if matches!(v.payload(), Some(Payload::BigInt(_))) => {
            return Err(vm.new_overflow_error("Python int too large to convert to C int"));
        }
        Some(_) => return Err(vm.new_type_error("\"quoting\" must be an integer")),
    };
    let skipinitialspace = set_bool(vm, skipinitialspace.as_ref(), false)?;
    let strict = set_bool(vm, strict.as_ref(), false)?;
    if !(QUOTE_MINIMAL..=QUOTE_NOTNULL).contains(&quoting_v) {
        return Err(vm.new_type_error("bad \"quoting\" value"));
    }
    let Some(delimiter) = delimiter_c else {
        return Err(vm.new_type_error("\"delimiter\" must be a 1-character string"));
    };
    if matches!(quotechar, Some(Value::None)) && quoting.is_none() {
        quoting_v = QUOTE_NONE;
    }
    if quoting_v != QUOTE_NONE && quotechar_c.is_none() {
        return Err(vm.new_type_error("quotechar must be set if quoting enabled"));
    }
    let Some(lineterminator) = lineterminator else {
        return Err(vm.new_type_error("lineterminator must be set"));
    };
    let d = Dialect {
        delimiter,
        quotechar: quotechar_c,
        escapechar,
        lineterminator,
        quoting: quoting_v,
        doublequote,
        skipinitialspace,
        strict,
    };
    Ok(alloc_native(vm, cls, &st.dialect_type, d))
}

fn set_bool(vm: &mut Vm, v: Option<&Value>, dflt: bool) -> PyResult<bool> {
    match v {
        None => Ok(dflt),
        Some(v) => vm.is_true(v),
    }
}

/// A one-character parameter; `None` (when `or_none`) means "not set".
fn set_char(
    vm: &Vm,
    name: &str,
    v: Option<&Value>,
    dflt: Option<char>,
    or_none: bool,
) -> PyResult<Option<char>> {
    let Some(v) = v else {
        return Ok(dflt);
    };
    if or_none && matches!(v, Value::None) {
        return Ok(None);
    }
    let Some(s) = v.as_str() else {
        let what = if or_none { "string or None" } else { "string" };
        return Err(vm.new_type_error(&format!(
            "\"{name}\" must be {what}, not {}",
            vm.type_name(v)
        )));
    };
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(Some(c)),
        _ => Err(vm.new_type_error(&format!("\"{name}\" must be a 1-character string"))),
    }
}

/// `type(dialect, **kwargs)` / `type(**kwargs)`: the dialect a reader or writer uses.
fn call_dialect(
    vm: &mut Vm,
    st: &State,
    dialect: Option<&Value>,
    kw: &[(Rc<str>, Value)],
) -> PyResult<Value> {
    let pos: Vec<Value> = dialect.cloned().into_iter().collect();
    dialect_new(vm, st, &st.dialect_type, &Args { pos: &pos, kw })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ParseState {
    StartRecord,
    StartField,
    EscapedChar,
    InField,
    InQuotedField,
    EscapeInQuotedField,
    QuoteInQuotedField,
    EatCrnl,
    AfterEscapedCrnl,
}

/// One record being parsed: the fields so far and the field being built.
struct Parser<'a> {
    d: &'a Dialect,
    st: &'a State,
    state: ParseState,
    fields: Vec<Value>,
    field: String,
    field_len: i64,
    numeric: bool,
}

/// `None` stands for the end of an input line.
type Ch = Option<char>;

impl Parser<'_> {
    fn save_field(&mut self, vm: &mut Vm) -> PyResult<()> {
        let text = std::mem::take(&mut self.field);
        self.field_len = 0;
        let mut v = vm.new_string(text);
        if self.numeric {
            self.numeric = false;
            let float = Value::Obj(vm.types().float.clone());
            v = vm.call(&float, &[v])?;
        }
        self.fields.push(v);
        Ok(())
    }

    fn add_char(&mut self, vm: &Vm, c: char) -> PyResult<()> {
        let limit = self.st.field_limit.get();
        if self.field_len >= limit {
            return Err(self
                .st
                .error(vm, &format!("field larger than field limit ({limit})")));
        }
        self.field.push(c);
        self.field_len += 1;
        Ok(())
    }

    fn is_quote(&self, c: Ch) -> bool {
        c.is_some() && c == self.d.quotechar && self.d.quoting != QUOTE_NONE
    }

    fn end_of_line(&mut self, vm: &mut Vm, c: Ch) -> PyResult<()> {
        self.save_field(vm)?;
        self.state = if c.is_none() {
            ParseState::StartRecord
        } else {
            ParseState::EatCrnl
        };
        Ok(())
    }

    fn process(&mut self, vm: &mut Vm, c: Ch) -> PyResult<()> {
        let d = self.d;
        let newline = matches!(c, Some('\n' | '\r'));
        let escape = c.is_some() && c == d.escapechar;
        let delim = c == Some(d.delimiter);
        match self.state {
            ParseState::StartRecord | ParseState::StartField => {
                if self.state == ParseState::StartRecord {
                    if c.is_none() {
                        return Ok(());
                    }
                    if newline {
                        self.state = ParseState::EatCrnl;
                        return Ok(());
                    }
                    self.state = ParseState::StartField;
                }
                if newline || c.is_none() {
                    self.end_of_line(vm, c)?;
                } else if self.is_quote(c) {
                    self.state = ParseState::InQuotedField;
                } else if escape {
                    if d.quoting == QUOTE_NONNUMERIC {
                        self.numeric = true;
                    }
                    self.state = ParseState::EscapedChar;
                } else if c == Some(' ') && d.skipinitialspace {
                } else if delim {
                    self.save_field(vm)?;
                } else if let Some(ch) = c {
                    if d.quoting == QUOTE_NONNUMERIC {
                        self.numeric = true;
                    }
                    self.add_char(vm, ch)?;
                    self.state = ParseState::InField;
                }
            }
            ParseState::EscapedChar => {
                if let (true, Some(ch)) = (newline, c) {
                    self.add_char(vm, ch)?;
                    self.state = ParseState::AfterEscapedCrnl;
                    return Ok(());
                }
                self.add_char(vm, c.unwrap_or('\n'))?;
                self.state = ParseState::InField;
            }
            ParseState::AfterEscapedCrnl | ParseState::InField => {
                if self.state == ParseState::AfterEscapedCrnl && c.is_none() {
                    return Ok(());
                }
                self.state = ParseState::InField;
                if newline || c.is_none() {
                    self.end_of_line(vm, c)?;
                } else if escape {
                    self.state = ParseState::EscapedChar;
                } else if delim {
                    self.save_field(vm)?;
                    self.state = ParseState::StartField;
                } else if let Some(ch) = c {
                    self.add_char(vm, ch)?;
                }
            }
            ParseState::InQuotedField => {
                if c.is_none() {
                } else if escape {
                    self.state = ParseState::EscapeInQuotedField;
                } else if self.is_quote(c) {
                    self.state = if d.doublequote {
                        ParseState::QuoteInQuotedField
                    } else {
                        ParseState::InField
                    };
                } else if let Some(ch) = c {
                    self.add_char(vm, ch)?;
                }
            }
            ParseState::EscapeInQuotedField => {
                self.add_char(vm, c.unwrap_or('\n'))?;
                self.state = ParseState::InQuotedField;
            }
            ParseState::QuoteInQuotedField => {
                if self.is_quote(c) {
                    if let Some(ch) = c {
                        self.add_char(vm, ch)?;
                    }
                    self.state = ParseState::InQuotedField;
                } else if delim {
                    self.save_field(vm)?;
                    self.state = ParseState::StartField;
                } else if newline || c.is_none() {
                    self.end_of_line(vm, c)?;
                } else if !d.strict {
                    if let Some(ch) = c {
                        self.add_char(vm, ch)?;
                    }
                    self.state = ParseState::InField;
                } else {
                    let q = d.quotechar.unwrap_or('"');
                    return Err(self
                        .st
                        .error(vm, &format!("'{}' expected after '{q}'", d.delimiter)));
                }
            }
            ParseState::EatCrnl => {
                if newline {
                } else if c.is_none() {
                    self.state = ParseState::StartRecord;
                } else {
                    return Err(self.st.error(
                        vm,
                        "new-line character seen in unquoted field - do you need to open the file with newline=''?",
                    ));
                }
            }
        }
        Ok(())
    }
}

/// `next(reader)`: the next record, `None` at the end of the input.
fn reader_next(vm: &mut Vm, st: &State, this: &Value) -> PyResult<Option<Value>> {
    let Some(r) = native::<Reader>(this) else {
        return Err(vm.new_type_error("descriptor '__next__' needs a '_csv.reader' object"));
    };
    let Some(d) = dialect_of(&r.dialect).cloned() else {
        return Err(vm.new_type_error("bad dialect"));
    };
    let (input, line_num) = (r.input.clone(), &r.line_num);
    let mut p = Parser {
        d: &d,
        st,
        state: ParseState::StartRecord,
        fields: Vec::new(),
        field: String::new(),
        field_len: 0,
        numeric: false,
    };
    loop {
        let Some(line) = vm.next(&input)? else {
            if p.field_len != 0 || p.state == ParseState::InQuotedField {
                if d.strict {
                    return Err(st.error(vm, "unexpected end of data"));
                }
                p.save_field(vm)?;
                break;
            }
            return Ok(None);
        };
        let Some(text) = line.as_str().map(str::to_owned) else {
            let n = vm.type_name(&line);
            return Err(st.error(
                vm,
                &format!(
                    "iterator should return strings, not {n} (the file should be opened in text mode)"
                ),
            ));
        };
        line_num.set(line_num.get() + 1);
        for c in text.chars() {
            p.process(vm, Some(c))?;
        }
        p.process(vm, None)?;
        if p.state == ParseState::StartRecord {
            break;
        }
    }
    Ok(Some(vm.new_list(p.fields)))
}

/// Does `v` count as a number for `QUOTE_NONNUMERIC` (`PyNumber_Check`)?
fn is_number(vm: &Vm, v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => true,
        Value::Obj(o) => {
            matches!(o.payload, Payload::BigInt(_) | Payload::Complex { .. }) || {
                let cls = vm.type_of(v);
                ["__index__", "__int__", "__float__"]
                    .iter()
                    .any(|n| vm.lookup_type_attr(&cls, n).is_some())
            }
        }
        _ => false,
    }
}

/// Appends one field to `rec`, quoting and escaping as the dialect says.
fn join_field(
    vm: &Vm,
    st: &State,
    d: &Dialect,
    rec: &mut String,
    first: bool,
    field: Option<&str>,
    mut quoted: bool,
) -> PyResult<()> {
    let text = field.unwrap_or("");
    if text.is_empty() && d.delimiter == ' ' && d.skipinitialspace {
        if d.quoting == QUOTE_NONE
            || (field.is_none() && matches!(d.quoting, QUOTE_STRINGS | QUOTE_NOTNULL))
        {
            return Err(st.error(
                vm,
                "empty field must be quoted if delimiter is a space and skipinitialspace is true",
            ));
        }
        quoted = true;
    }
    let mut body = String::with_capacity(text.len());
    for c in text.chars() {
        let special = c == d.delimiter
            || Some(c) == d.escapechar
            || Some(c) == d.quotechar
            || c == '\n'
            || c == '\r'
            || d.lineterminator.contains(c);
        if special {
            let mut want_escape = false;
            if d.quoting == QUOTE_NONE {
                want_escape = true;
            } else {
                if Some(c) == d.quotechar {
                    if d.doublequote {
                        body.push(c);
                    } else {
                        want_escape = true;
                    }
                } else if Some(c) == d.escapechar {
                    want_escape = true;
                }
                if !want_escape {
                    quoted = true;
                }
            }
            if want_escape {
                let Some(e) = d.escapechar else {
                    return Err(st.error(vm, "need to escape, but no escapechar set"));
                };
                body.push(e);
            }
        }
        body.push(c);
    }
    if !first {
        rec.push(d.delimiter);
    }
    let q = d.quotechar.filter(|_| quoted);
    rec.extend(q);
    rec.push_str(&body);
    rec.extend(q);
    Ok(())
}

fn writerow(vm: &mut Vm, st: &State, this: &Value, row: &Value) -> PyResult<Value> {
    let Some(w) = native::<Writer>(this) else {
        return Err(vm.new_type_error("descriptor 'writerow' needs a '_csv.writer' object"));
    };
    let Some(d) = dialect_of(&w.dialect).cloned() else {
        return Err(vm.new_type_error("bad dialect"));
    };
    let write = w.write.clone();
    let it = match vm.iter(row) {
        Ok(it) => it,
        Err(e) if vm.err_matches(&e, &vm.types().exc.type_error.clone()) => {
            let n = vm.type_name(row);
            return Err(st.error(vm, &format!("iterable expected, not {n}")));
        }
        Err(e) => return Err(e),
    };
    let mut rec = String::new();
    let mut num_fields = 0usize;
    let mut null_field = false;
    while let Some(field) = vm.next(&it)? {
        let quoted = match d.quoting {
            QUOTE_NONNUMERIC => !is_number(vm, &field),
            QUOTE_ALL => true,
            QUOTE_STRINGS => field.as_str().is_some(),
            QUOTE_NOTNULL => !matches!(field, Value::None),
            _ => false,
        };
        null_field = matches!(field, Value::None);
        let text: Option<String> = if let Some(s) = field.as_str() {
            Some(s.to_owned())
        } else if null_field {
            None
        } else {
            Some(vm.str_string(&field)?)
        };
        join_field(
            vm,
            st,
            &d,
            &mut rec,
            num_fields == 0,
            text.as_deref(),
            quoted,
        )?;
        num_fields += 1;
    }
    if num_fields > 0 && rec.is_empty() {
        if d.quoting == QUOTE_NONE
            || (null_field && matches!(d.quoting, QUOTE_STRINGS | QUOTE_NOTNULL))
        {
            return Err(st.error(vm, "single empty field record must be quoted"));
        }
        join_field(vm, st, &d, &mut rec, true, None, true)?;
    }
    rec.push_str(&d.lineterminator);
    let line = vm.new_string(rec);
    vm.call(&write, &[line])
}

fn getter(vm: &mut Vm, cls: &ObjRef, name: &str, f: fn(&mut Vm, &Value) -> PyResult<Value>) {
    let fget = vm.new_native_function(name, move |vm, a| {
        let this = a.pos.first().cloned().unwrap_or(Value::None);
        f(vm, &this)
    });
    super::add_getter(vm, cls, name, fget);
}

fn char_or_none(vm: &Vm, c: Option<char>) -> Value {
    c.map_or(Value::None, |c| vm.new_string(c.to_string()))
}

fn with_dialect(vm: &Vm, this: &Value, f: impl FnOnce(&Dialect) -> Value) -> PyResult<Value> {
    dialect_of(this)
        .map(f)
        .ok_or_else(|| vm.new_type_error("a '_csv.Dialect' object is required"))
}

fn install_dialect_attrs(vm: &mut Vm, cls: &ObjRef) {
    getter(vm, cls, "delimiter", |vm, v| {
        let c = dialect_of(v).map(|d| d.delimiter);
        Ok(char_or_none(vm, c))
    });
    getter(vm, cls, "quotechar", |vm, v| {
        let c = dialect_of(v).and_then(|d| d.quotechar);
        Ok(char_or_none(vm, c))
    });
    getter(vm, cls, "escapechar", |vm, v| {
        let c = dialect_of(v).and_then(|d| d.escapechar);
        Ok(char_or_none(vm, c))
    });
    getter(vm, cls, "lineterminator", |vm, v| {
        let t = dialect_of(v).map(|d| d.lineterminator.clone());
        Ok(t.map_or(Value::None, |t| vm.new_str(&t)))
    });
    getter(vm, cls, "quoting", |vm, v| {
        with_dialect(vm, v, |d| Value::Int(d.quoting))
    });
    getter(vm, cls, "doublequote", |vm, v| {
        with_dialect(vm, v, |d| Value::bool(d.doublequote))
    });
    getter(vm, cls, "skipinitialspace", |vm, v| {
        with_dialect(vm, v, |d| Value::bool(d.skipinitialspace))
    });
    getter(vm, cls, "strict", |vm, v| {
        with_dialect(vm, v, |d| Value::bool(d.strict))
    });
    for name in ["__reduce__", "__reduce_ex__"] {
        add_method(vm, cls, name, |vm, a| {
            let this = a.pos.first().cloned().unwrap_or(Value::None);
            let n = vm.type_name(&this);
            Err(vm.new_type_error(&format!("cannot pickle '{n}' instances")))
        });
    }
}

fn build(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    let exc = vm.types().exc.exception.clone();
    let error = new_type(vm, "_csv", "Error", &[exc])?;
    let dialect_type = new_type(vm, "_csv", "Dialect", &[])?;
    let reader_type = new_type(vm, "_csv", "reader", &[])?;
    let writer_type = new_type(vm, "_csv", "writer", &[])?;
    let dialects = vm.new_dict_obj();
    let st = Rc::new(State {
        error: error.clone(),
        dialect_type: dialect_type.clone(),
        reader_type: reader_type.clone(),
        writer_type: writer_type.clone(),
        dialects: dialects.clone(),
        field_limit: Cell::new(128 * 1024),
    });
    let s = st.clone();
    vm.set_constructor(&dialect_type, move |vm, a| {
        let cls = super::ctor_cls(vm, &a)?;
        let rest = Args {
            pos: a.pos.get(1..).unwrap_or(&[]),
            kw: a.kw,
        };
        dialect_new(vm, &s, &cls, &rest)
    });
    install_dialect_attrs(vm, &dialect_type);
    for ty in [&reader_type, &writer_type] {
        let n = ty
            .as_type()
            .map(|t| t.name.borrow().to_string())
            .unwrap_or_default();
        vm.set_constructor(ty, move |vm, _a| {
            Err(vm.new_type_error(&format!("cannot create '_csv.{n}' instances")))
        });
    }
    add_method(vm, &reader_type, "__iter__", |_vm, a| {
        Ok(a.pos.first().cloned().unwrap_or(Value::None))
    });
    let s = st.clone();
    add_method(vm, &reader_type, "__next__", move |vm, a| {
        let this = a.pos.first().cloned().unwrap_or(Value::None);
        match reader_next(vm, &s, &this)? {
            Some(row) => Ok(row),
            None => Err(vm.new_stop_iteration(Value::None)),
        }
    });
    getter(vm, &reader_type, "line_num", |vm, v| {
        let n = native::<Reader>(v).map_or(0, |r| r.line_num.get());
        Ok(vm.new_int_big(n.into()))
    });
    getter(vm, &reader_type, "dialect", |_vm, v| {
        Ok(native::<Reader>(v).map_or(Value::None, |r| r.dialect.clone()))
    });
    getter(vm, &writer_type, "dialect", |_vm, v| {
        Ok(native::<Writer>(v).map_or(Value::None, |w| w.dialect.clone()))
    });
    let s = st.clone();
    add_method(vm, &writer_type, "writerow", move |vm, a| {
        let p = super::exact(vm, &a, "writerow", 2)?;
        writerow(vm, &s, &p[0], &p[1])
    });
    let s = st.clone();
    add_method(vm, &writer_type, "writerows", move |vm, a| {
        let p = super::exact(vm, &a, "writerows", 2)?;
        let rows = vm.iter(&p[1])?;
        while let Some(row) = vm.next(&rows)? {
            writerow(vm, &s, &p[0], &row)?;
        }
        Ok(Value::None)
    });
    let s = st.clone();
    add_fn(vm, &m, "reader", move |vm, a| {
        let (src, dialect) = unpack_1_2(vm, &a)?;
        let input = vm.iter(&src)?;
        let dialect = call_dialect(vm, &s, dialect.as_ref(), a.kw)?;
        let r = Reader {
            input,
            dialect,
            line_num: Cell::new(0),
        };
        Ok(alloc_native(vm, &s.reader_type, &s.reader_type, r))
    });
    let s = st.clone();
    add_fn(vm, &m, "writer", move |vm, a| {
        let (out, dialect) = unpack_1_2(vm, &a)?;
        let write = vm.lookup_attr(&out, "write")?;
        let Some(write) = write.filter(|w| super::functools::is_callable(vm, w)) else {
            return Err(vm.new_type_error("argument 1 must have a \"write\" method"));
        };
        let dialect = call_dialect(vm, &s, dialect.as_ref(), a.kw)?;
        let w = Writer { write, dialect };
        Ok(alloc_native(vm, &s.writer_type, &s.writer_type, w))
    });
    let s = st.clone();
    add_fn(vm, &m, "register_dialect", move |vm, a| {
        let (name, dialect) = unpack_1_2(vm, &a)?;
        if name.as_str().is_none() {
            return Err(vm.new_type_error("dialect name must be a string"));
        }
        let d = call_dialect(vm, &s, dialect.as_ref(), a.kw)?;
        vm.dict_set_item(&s.dialects, name, d)?;
        Ok(Value::None)
    });
    let s = st.clone();
    add_fn(vm, &m, "unregister_dialect", move |vm, a| {
        let p = bind(vm, &a, "unregister_dialect", &["name"], 0, 1, 0)?;
        let name = p[0].clone().unwrap_or(Value::None);
        if !vm.dict_del_item(&Value::Obj(s.dialects.clone()), &name)? {
            return Err(s.error(vm, "unknown dialect"));
        }
        Ok(Value::None)
    });
    let s = st.clone();
    add_fn(vm, &m, "get_dialect", move |vm, a| {
        let p = bind(vm, &a, "get_dialect", &["name"], 0, 1, 0)?;
        let name = p[0].clone().unwrap_or(Value::None);
        let found = vm.dict_get_item(&s.dialects, &name)?;
        found.ok_or_else(|| s.error(vm, "unknown dialect"))
    });
    let s = st.clone();
    add_fn(vm, &m, "list_dialects", move |vm, a| {
        super::none(vm, &a, "list_dialects")?;
        vm.call_method(&Value::Obj(s.dialects.clone()), "keys", &[])
            .and_then(|k| vm.call(&Value::Obj(vm.types().list.clone()), &[k]))
    });
    let s = st.clone();
    add_fn(vm, &m, "field_size_limit", move |vm, a| {
        let p = bind(vm, &a, "field_size_limit", &["new_limit"], 0, 0, 0)?;
        let old = s.field_limit.get();
        if let Some(v) = &p[0] {
            match v {
                Value::Int(i) => s.field_limit.set(*i),
                v if matches!(v.payload(), Some(Payload::BigInt(_)))
                    && vm.type_of(v).as_type().is_some_and(|t| !t.heap) =>
                {
                    return Err(vm.new_overflow_error("Python int too large to convert to C long"));
                }
                _ => return Err(vm.new_type_error("limit must be an integer")),
            }
        }
        Ok(Value::Int(old))
    });
    for (i, n) in QUOTE_NAMES.iter().enumerate() {
        #[allow(clippy::cast_possible_wrap)]
        vm.set_module_attr(&m, n, Value::Int(i as i64));
    }
    let version = vm.new_str("1.0");
    vm.set_module_attr(&m, "__version__", version);
    vm.set_module_attr(&m, "_dialects", Value::Obj(dialects));
    vm.set_module_attr(&m, "Error", Value::Obj(error));
    vm.set_module_attr(&m, "Dialect", Value::Obj(dialect_type));
    vm.set_module_attr(&m, "Reader", Value::Obj(reader_type));
    vm.set_module_attr(&m, "Writer", Value::Obj(writer_type));
    vm.register_native_gc::<Reader>(
        |r, f| {
            f(&r.input);
            f(&r.dialect);
            true
        },
        None,
    );
    vm.register_native_gc::<Writer>(
        |w, f| {
            f(&w.write);
            f(&w.dialect);
            true
        },
        None,
    );
    Ok(m)
}

/// `f(first[, second])` with no other positional argument (`PyArg_UnpackTuple(args, "", 1, 2)`:
/// its messages start with the empty function name, hence the leading space).
fn unpack_1_2(vm: &Vm, a: &Args<'_>) -> PyResult<(Value, Option<Value>)> {
    match a.pos {
        [x] => Ok((x.clone(), None)),
        [x, y] => Ok((x.clone(), Some(y.clone()))),
        [] => Err(vm.new_type_error(" expected at least 1 argument, got 0")),
        _ => Err(vm.new_type_error(&format!(
            " expected at most 2 arguments, got {}",
            a.pos.len()
        ))),
    }
}
