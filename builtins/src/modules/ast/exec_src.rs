//! `exec()` of source text, for a small subset of Python. pyvm has no compiler, but some of
//! the standard library builds functions from source at run time — above all `dataclasses`,
//! whose `_create_fn` runs
//!
//! ```text
//! def __create_fn__(LOCALS):
//!  def NAME(PARAMS)->ANNOTATION:
//!   BODY
//!  return NAME
//! ```
//!
//! This module parses such text (`exec_parse.rs` lists the accepted subset) and turns every
//! innermost `def` into a real Python function: it generates CPython 3.12 bytecode for it,
//! passes it through the bytecode verifier, and makes a `function` object, so signatures,
//! argument errors, `__qualname__`, `__annotations__` and tracebacks (`File "<string>"`) behave
//! as in CPython. A `def` that contains other `def`s (the `__create_fn__` wrapper) runs by
//! interpretation: calling it binds its parameters and runs its `def`/`return` statements.
//! Names an innermost function reads from such an enclosing function are bound to their values
//! when it is defined (the enclosing function never rebinds them); other free names are
//! globals. Anything outside the subset raises `NotImplementedError`, so programs fail clearly.

use super::exec_parse::{parse_module, Cmp, Def, Expr, FPart, Lit, StmtKind};
use pyvm_loader::{Code, Obj, PyStr};
use pyvm_vm::object::FunctionData;
use pyvm_vm::opcodes as op;
use pyvm_vm::{Args, ObjRef, Payload, PyResult, Value, Vm, B64};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

pub(super) fn install(vm: &mut Vm) {
    let f = super::super::native_fn(vm, "builtins", "exec", exec);
    let b = vm.builtins_dict().clone();
    vm.dict_set_str(Some(&b), "exec", f);
}

fn not_supported(vm: &Vm, why: &str) -> pyvm_vm::PyErr {
    let t = vm.types().exc.not_implemented_error.clone();
    vm.new_exception_msg(
        &t,
        &format!("exec() of source text is limited in pyvm (it has no compiler): {why}"),
    )
}

fn dict_arg(vm: &Vm, v: Option<&Value>, what: &str) -> PyResult<Option<ObjRef>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(d) => match d.as_obj() {
            Some(o) if matches!(o.payload, Payload::Dict(_)) => Ok(Some(o.clone())),
            _ => Err(vm.new_type_error(&format!(
                "exec() {what} must be a dict, not {}",
                vm.type_name(d)
            ))),
        },
    }
}

/// `exec(source, globals=None, locals=None, /)`.
fn exec(vm: &mut Vm, a: Args<'_>) -> PyResult<Value> {
    let p = super::super::bind(vm, &a, "exec", &["source", "globals", "locals"], 3, 1, 0)?;
    let src = p[0].clone().unwrap_or(Value::None);
    let Some(text) = src.as_str().map(str::to_string) else {
        return Err(not_supported(
            vm,
            &format!("only str sources are accepted, not {}", vm.type_name(&src)),
        ));
    };
    let globals = match dict_arg(vm, p[1].as_ref(), "globals")? {
        Some(g) => g,
        None => match vm.caller_globals() {
            Some(g) => g,
            None => return Err(not_supported(vm, "no globals to run in")),
        },
    };
    let locals = dict_arg(vm, p[2].as_ref(), "locals")?.unwrap_or_else(|| globals.clone());
    if vm.dict_get_str(&globals, "__builtins__").is_none() {
        let b = Value::Obj(vm.builtins_dict().clone());
        vm.dict_set_str(Some(&globals), "__builtins__", b);
    }
    let stmts = parse_module(&text).map_err(|e| not_supported(vm, &e.0))?;
    let ctx = Rc::new(Ctx { globals });
    for s in stmts {
        match s.kind {
            StmtKind::Def(d) => {
                let name = d.name.clone();
                let f = make_function(vm, &ctx, d, &[], "")?;
                let key = vm.new_str(&name);
                vm.dict_set_item(&locals, key, f)?;
            }
            StmtKind::Pass => {}
            _ => {
                return Err(not_supported(
                    vm,
                    "only 'def' statements can run at module level",
                ))
            }
        }
    }
    Ok(Value::None)
}

/// What every function made by one `exec` shares.
struct Ctx {
    globals: ObjRef,
}

type Env = [(String, Value)];

fn lookup(vm: &mut Vm, ctx: &Ctx, env: &Env, name: &str) -> PyResult<Value> {
    if let Some((_, v)) = env.iter().rev().find(|(n, _)| n == name) {
        return Ok(v.clone());
    }
    if let Some(v) = vm.dict_get_str(&ctx.globals, name) {
        return Ok(v);
    }
    if let Some(v) = vm.get_builtin(name) {
        return Ok(v);
    }
    Err(vm.new_name_error(&format!("name '{name}' is not defined")))
}

/// Evaluates a default or annotation: a name or a literal.
fn eval_simple(vm: &mut Vm, ctx: &Ctx, env: &Env, e: &Expr) -> PyResult<Value> {
    match e {
        Expr::Name(n) => lookup(vm, ctx, env, n),
        Expr::Const(l) => Ok(lit_value(vm, l)),
        Expr::Attr(obj, a) => {
            let o = eval_simple(vm, ctx, env, obj)?;
            vm.getattr_str(&o, a)
        }
        _ => Err(not_supported(
            vm,
            "defaults and annotations must be names or literals",
        )),
    }
}

fn lit_value(vm: &Vm, l: &Lit) -> Value {
    match l {
        Lit::None => Value::None,
        Lit::True => Value::Bool(B64::TRUE),
        Lit::False => Value::Bool(B64::FALSE),
        Lit::Int(i) => Value::Int(*i),
        Lit::Str(s) => vm.new_str(s),
    }
}

fn has_def(body: &[super::exec_parse::Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::Def(_) => true,
        StmtKind::If(_, a, b) => has_def(a) || has_def(b),
        _ => false,
    })
}

/// A function for `def d`, defined in the enclosing interpreted scope `env`.
fn make_function(
    vm: &mut Vm,
    ctx: &Rc<Ctx>,
    d: Rc<Def>,
    env: &Env,
    outer_qual: &str,
) -> PyResult<Value> {
    let qualname = if outer_qual.is_empty() {
        d.name.clone()
    } else {
        format!("{outer_qual}.<locals>.{}", d.name)
    };
    if !has_def(&d.body) {
        return compile_function(vm, ctx, &d, env, &qualname);
    }
    // An enclosing function: interpreted. Its defaults are evaluated now.
    let mut defaults = Vec::new();
    for prm in &d.params {
        let v = match &prm.default {
            Some(e) => Some(eval_simple(vm, ctx, env, e)?),
            None => None,
        };
        defaults.push(v);
    }
    let ctx = ctx.clone();
    let outer_env: Vec<(String, Value)> = env.to_vec();
    let fname = d.name.clone();
    Ok(vm.new_native_function(&fname, move |vm, a| {
        let mut local = outer_env.clone();
        let npos = d.params.iter().filter(|p| !p.kwonly).count();
        if a.pos.len() > npos {
            return Err(vm.new_type_error(&format!(
                "{}() takes {npos} positional arguments but {} were given",
                d.name,
                a.pos.len()
            )));
        }
        for (i, prm) in d.params.iter().enumerate() {
            let given = if prm.kwonly {
                None
            } else {
                a.pos.get(i).cloned()
            };
            let kw =
                a.kw.iter()
                    .find(|(k, _)| **k == *prm.name)
                    .map(|(_, v)| v.clone());
            let v = match (given, kw, defaults.get(i).cloned().flatten()) {
                (Some(_), Some(_), _) => {
                    return Err(vm.new_type_error(&format!(
                        "{}() got multiple values for argument '{}'",
                        d.name, prm.name
                    )))
                }
                (Some(v), None, _) | (None, Some(v), _) | (None, None, Some(v)) => v,
                (None, None, None) => {
                    return Err(vm.new_type_error(&format!(
                        "{}() missing required argument: '{}'",
                        d.name, prm.name
                    )))
                }
            };
            local.push((prm.name.clone(), v));
        }
        if let Some((k, _)) =
            a.kw.iter()
                .find(|(k, _)| !d.params.iter().any(|p| *p.name == **k))
        {
            return Err(vm.new_type_error(&format!(
                "{}() got an unexpected keyword argument '{k}'",
                d.name
            )));
        }
        run_interpreted(vm, &ctx, &d.body, &mut local, &qualname)
    }))
}

/// Runs the body of an interpreted function: `def`, `return`, `pass`.
fn run_interpreted(
    vm: &mut Vm,
    ctx: &Rc<Ctx>,
    body: &[super::exec_parse::Stmt],
    local: &mut Vec<(String, Value)>,
    qualname: &str,
) -> PyResult<Value> {
    for s in body {
        match &s.kind {
            StmtKind::Def(inner) => {
                let f = make_function(vm, ctx, inner.clone(), local, qualname)?;
                local.push((inner.name.clone(), f));
            }
            StmtKind::Return(None) => return Ok(Value::None),
            StmtKind::Return(Some(e)) => return eval_simple(vm, ctx, local, e),
            StmtKind::Pass => {}
            _ => {
                return Err(not_supported(
                    vm,
                    "a function that defines functions may only hold 'def' and 'return'",
                ))
            }
        }
    }
    Ok(Value::None)
}

// ----- bytecode generation -----

struct Cg<'a> {
    code: Vec<u8>,
    consts: Vec<Value>,
    raw_consts: Vec<Obj>,
    names: Vec<String>,
    locals: Vec<String>,
    depth: i32,
    max_depth: i32,
    /// `(code units, line)` per emitted instruction.
    lines: Vec<(usize, u32)>,
    line: u32,
    env: &'a Env,
}

/// The loader-side stand-in for a constant (the verifier sees its type).
fn raw_of(v: &Value) -> Obj {
    match v {
        Value::None => Obj::None,
        Value::Bool(B64::TRUE) => Obj::True,
        Value::Bool(B64::FALSE) => Obj::False,
        Value::Int(i) => Obj::Int(*i),
        _ => match v.as_str() {
            Some(s) => Obj::Str(PyStr::Utf8(Arc::from(s))),
            None => match v.payload() {
                Some(Payload::Tuple(t)) => {
                    Obj::Tuple(t.iter().map(raw_of).collect::<Vec<_>>().into())
                }
                _ => Obj::None,
            },
        },
    }
}

impl Cg<'_> {
    fn units(&self) -> usize {
        self.code.len() / 2
    }

    fn stack(&mut self, delta: i32) {
        self.depth += delta;
        self.max_depth = self.max_depth.max(self.depth);
    }

    fn emit(&mut self, opc: u8, arg: u32, delta: i32) {
        let start = self.units();
        for shift in [24u32, 16, 8] {
            if arg >> shift != 0 {
                self.code.push(op::EXTENDED_ARG);
                self.code.push(((arg >> shift) & 0xff) as u8);
            }
        }
        self.code.push(opc);
        self.code.push((arg & 0xff) as u8);
        for _ in 0..op::cache_entries(opc) {
            self.code.extend_from_slice(&[0, 0]);
        }
        let n = self.units() - start;
        self.lines.push((n, self.line));
        self.stack(delta);
    }

    /// A forward jump with a two-unit argument; returns where to patch.
    fn jump(&mut self, opc: u8, delta: i32) -> usize {
        let at = self.code.len();
        self.code.extend_from_slice(&[op::EXTENDED_ARG, 0, opc, 0]);
        self.lines.push((2, self.line));
        self.stack(delta);
        at
    }

    fn patch(&mut self, at: usize) {
        let target = self.units();
        let after = at / 2 + 2;
        let d = target.saturating_sub(after);
        if let Some(b) = self.code.get_mut(at + 1) {
            *b = ((d >> 8) & 0xff) as u8;
        }
        if let Some(b) = self.code.get_mut(at + 3) {
            *b = (d & 0xff) as u8;
        }
    }

    fn konst(&mut self, v: Value) -> u32 {
        self.raw_consts.push(raw_of(&v));
        self.consts.push(v);
        u32::try_from(self.consts.len() - 1).unwrap_or(0)
    }

    fn name(&mut self, n: &str) -> u32 {
        let i = match self.names.iter().position(|x| x == n) {
            Some(i) => i,
            None => {
                self.names.push(n.to_string());
                self.names.len() - 1
            }
        };
        u32::try_from(i).unwrap_or(0)
    }

    fn local(&self, n: &str) -> Option<u32> {
        self.locals
            .iter()
            .position(|x| x == n)
            .and_then(|i| u32::try_from(i).ok())
    }

    fn outer(&self, n: &str) -> Option<Value> {
        self.env
            .iter()
            .rev()
            .find(|(k, _)| k == n)
            .map(|(_, v)| v.clone())
    }

    fn expr(&mut self, vm: &Vm, e: &Expr) -> Result<(), String> {
        match e {
            Expr::Name(n) => {
                if let Some(i) = self.local(n) {
                    self.emit(op::LOAD_FAST, i, 1);
                } else if let Some(v) = self.outer(n) {
                    let k = self.konst(v);
                    self.emit(op::LOAD_CONST, k, 1);
                } else {
                    let i = self.name(n);
                    self.emit(op::LOAD_GLOBAL, i << 1, 1);
                }
            }
            Expr::Const(l) => {
                let k = self.konst(lit_value(vm, l));
                self.emit(op::LOAD_CONST, k, 1);
            }
            Expr::Attr(o, a) => {
                self.expr(vm, o)?;
                let i = self.name(a);
                self.emit(op::LOAD_ATTR, i << 1, 0);
            }
            Expr::Call(f, args, kws) => {
                match &**f {
                    Expr::Attr(o, m) => {
                        self.expr(vm, o)?;
                        let i = self.name(m);
                        self.emit(op::LOAD_ATTR, (i << 1) | 1, 1);
                    }
                    Expr::Name(n) if self.local(n).is_none() && self.outer(n).is_none() => {
                        let i = self.name(n);
                        self.emit(op::LOAD_GLOBAL, (i << 1) | 1, 2);
                    }
                    other => {
                        self.emit(op::PUSH_NULL, 0, 1);
                        self.expr(vm, other)?;
                    }
                }
                for x in args {
                    self.expr(vm, x)?;
                }
                for (_, x) in kws {
                    self.expr(vm, x)?;
                }
                if !kws.is_empty() {
                    let t = vm.new_tuple(kws.iter().map(|(k, _)| vm.new_str(k)).collect());
                    let k = self.konst(t);
                    self.emit(op::KW_NAMES, k, 0);
                }
                let n = u32::try_from(args.len() + kws.len()).map_err(|_| "too many arguments")?;
                self.emit(op::CALL, n, -(i32::try_from(n).unwrap_or(0) + 1));
            }
            Expr::Subscript(o, i) => {
                self.expr(vm, o)?;
                self.expr(vm, i)?;
                self.emit(op::BINARY_SUBSCR, 0, -1);
            }
            Expr::Tuple(items) | Expr::List(items) | Expr::Set(items) => {
                for x in items {
                    self.expr(vm, x)?;
                }
                let opc = match e {
                    Expr::Tuple(_) => op::BUILD_TUPLE,
                    Expr::List(_) => op::BUILD_LIST,
                    _ => op::BUILD_SET,
                };
                let n = u32::try_from(items.len()).map_err(|_| "display too long")?;
                self.emit(opc, n, 1 - i32::try_from(n).unwrap_or(0));
            }
            Expr::BinOp(a, o, b) => {
                self.expr(vm, a)?;
                self.expr(vm, b)?;
                self.emit(op::BINARY_OP, *o, -1);
            }
            Expr::Compare(a, c, b) => {
                self.expr(vm, a)?;
                self.expr(vm, b)?;
                match c {
                    Cmp::Op(o) => self.emit(op::COMPARE_OP, o << 4, -1),
                    Cmp::Is(neg) => self.emit(op::IS_OP, u32::from(*neg), -1),
                    Cmp::In(neg) => self.emit(op::CONTAINS_OP, u32::from(*neg), -1),
                }
            }
            Expr::BoolOp(is_or, items) => {
                let mut ends = Vec::new();
                for (i, x) in items.iter().enumerate() {
                    self.expr(vm, x)?;
                    if i + 1 < items.len() {
                        self.emit(op::COPY, 1, 1);
                        let j = if *is_or {
                            op::POP_JUMP_IF_TRUE
                        } else {
                            op::POP_JUMP_IF_FALSE
                        };
                        ends.push(self.jump(j, -1));
                        self.emit(op::POP_TOP, 0, -1);
                    }
                }
                for at in ends {
                    self.patch(at);
                }
            }
            Expr::Not(x) => {
                self.expr(vm, x)?;
                self.emit(op::UNARY_NOT, 0, 0);
            }
            Expr::Neg(x) => {
                self.expr(vm, x)?;
                self.emit(op::UNARY_NEGATIVE, 0, 0);
            }
            Expr::IfExp(body, test, orelse) => {
                self.expr(vm, test)?;
                let to_else = self.jump(op::POP_JUMP_IF_FALSE, -1);
                self.expr(vm, body)?;
                let to_end = self.jump(op::JUMP_FORWARD, 0);
                self.patch(to_else);
                self.stack(-1);
                self.expr(vm, orelse)?;
                self.patch(to_end);
            }
            Expr::FStr(parts) => {
                for p in parts {
                    match p {
                        FPart::Lit(s) => {
                            let k = self.konst(vm.new_str(s));
                            self.emit(op::LOAD_CONST, k, 1);
                        }
                        FPart::Expr(x, conv) => {
                            self.expr(vm, x)?;
                            self.emit(op::FORMAT_VALUE, *conv, 0);
                        }
                    }
                }
                match parts.len() {
                    0 => {
                        let k = self.konst(vm.new_str(""));
                        self.emit(op::LOAD_CONST, k, 1);
                    }
                    1 => {}
                    n => {
                        let n = u32::try_from(n).map_err(|_| "f-string too long")?;
                        self.emit(op::BUILD_STRING, n, 1 - i32::try_from(n).unwrap_or(0));
                    }
                }
            }
        }
        Ok(())
    }

    fn block(&mut self, vm: &Vm, body: &[super::exec_parse::Stmt]) -> Result<(), String> {
        for s in body {
            self.line = s.line;
            match &s.kind {
                StmtKind::Def(_) => return Err("nested 'def' in a compiled function".into()),
                StmtKind::Pass => self.emit(op::NOP, 0, 0),
                StmtKind::Expr(e) => {
                    self.expr(vm, e)?;
                    self.emit(op::POP_TOP, 0, -1);
                }
                StmtKind::Return(None) => {
                    let k = self.konst(Value::None);
                    self.emit(op::RETURN_CONST, k, 0);
                }
                StmtKind::Return(Some(e)) => {
                    self.expr(vm, e)?;
                    self.emit(op::RETURN_VALUE, 0, -1);
                }
                StmtKind::Raise(e) => {
                    self.expr(vm, e)?;
                    self.emit(op::RAISE_VARARGS, 1, -1);
                }
                StmtKind::AssignAttr(o, a, v) => {
                    self.expr(vm, v)?;
                    self.expr(vm, o)?;
                    let i = self.name(a);
                    self.emit(op::STORE_ATTR, i, -2);
                }
                StmtKind::AssignName(n, v) => {
                    self.expr(vm, v)?;
                    let i = match self.local(n) {
                        Some(i) => i,
                        None => {
                            self.locals.push(n.clone());
                            u32::try_from(self.locals.len() - 1).unwrap_or(0)
                        }
                    };
                    self.emit(op::STORE_FAST, i, -1);
                }
                StmtKind::If(test, body, orelse) => {
                    self.expr(vm, test)?;
                    let to_else = self.jump(op::POP_JUMP_IF_FALSE, -1);
                    self.block(vm, body)?;
                    if orelse.is_empty() {
                        self.patch(to_else);
                    } else {
                        let to_end = self.jump(op::JUMP_FORWARD, 0);
                        self.patch(to_else);
                        self.block(vm, orelse)?;
                        self.patch(to_end);
                    }
                }
            }
        }
        Ok(())
    }

    /// `co_linetable`: one "no column" entry (code 13) per up-to-8 code units.
    fn linetable(&self, first: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let mut prev = i64::from(first);
        for &(mut n, line) in &self.lines {
            let mut delta = i64::from(line) - prev;
            prev = i64::from(line);
            while n > 0 {
                let len = n.min(8);
                n -= len;
                out.push(0x80 | (13 << 3) | ((len - 1) as u8));
                let mut v: u64 = if delta < 0 {
                    (delta.unsigned_abs() << 1) | 1
                } else {
                    delta.unsigned_abs() << 1
                };
                loop {
                    let chunk = (v & 0x3f) as u8;
                    v >>= 6;
                    if v == 0 {
                        out.push(chunk);
                        break;
                    }
                    out.push(chunk | 0x40);
                }
                delta = 0;
            }
        }
        out
    }
}

fn pystr(s: &str) -> PyStr {
    PyStr::Utf8(Arc::from(s))
}

/// Compiles `d` (no nested `def`s) to a Python function.
fn compile_function(vm: &mut Vm, ctx: &Ctx, d: &Def, env: &Env, qualname: &str) -> PyResult<Value> {
    let mut cg = Cg {
        code: Vec::new(),
        consts: Vec::new(),
        raw_consts: Vec::new(),
        names: Vec::new(),
        locals: Vec::new(),
        depth: 0,
        max_depth: 0,
        lines: Vec::new(),
        line: d.line,
        env,
    };
    let pos: Vec<&super::exec_parse::Param> = d.params.iter().filter(|p| !p.kwonly).collect();
    let kwo: Vec<&super::exec_parse::Param> = d.params.iter().filter(|p| p.kwonly).collect();
    for p in pos.iter().chain(kwo.iter()) {
        if cg.locals.contains(&p.name) {
            return Err(not_supported(
                vm,
                "duplicate argument in function definition",
            ));
        }
        cg.locals.push(p.name.clone());
    }
    let nparams = cg.locals.len();
    cg.emit(op::RESUME, 0, 0);
    let r = cg.block(vm, &d.body);
    if let Err(e) = r {
        return Err(not_supported(vm, &e));
    }
    let k = cg.konst(Value::None);
    cg.emit(op::RETURN_CONST, k, 0);
    if cg.units() > 0xffff {
        return Err(not_supported(vm, "function too long"));
    }
    let linetable = cg.linetable(d.line);
    let first = i32::try_from(d.line).unwrap_or(1);
    let code = Code {
        argcount: u32::try_from(pos.len()).unwrap_or(0),
        posonlyargcount: 0,
        kwonlyargcount: u32::try_from(kwo.len()).unwrap_or(0),
        stacksize: u32::try_from(cg.max_depth.max(0) + 2).unwrap_or(2),
        flags: 0x3 | 0x10,
        code: Arc::from(cg.code),
        consts: Arc::from(cg.raw_consts),
        names: cg.names.iter().map(|n| pystr(n)).collect::<Vec<_>>().into(),
        localsplusnames: cg
            .locals
            .iter()
            .map(|n| pystr(n))
            .collect::<Vec<_>>()
            .into(),
        localspluskinds: vec![0x20u8; cg.locals.len()].into(),
        filename: pystr("<string>"),
        name: pystr(&d.name),
        qualname: pystr(qualname),
        firstlineno: first,
        linetable: Arc::from(linetable),
        exceptiontable: Arc::from(Vec::new()),
    };
    let _ = nparams;
    let mut co = vm.load_code(&Arc::new(code))?;
    match Rc::get_mut(&mut co) {
        Some(c) => c.consts = cg.consts.into_boxed_slice(),
        None => return Err(vm.new_system_error("exec: code object is shared")),
    }
    // Defaults, keyword-only defaults and annotations, evaluated now as `def` does.
    let mut defaults = Vec::new();
    for p in &pos {
        if let Some(e) = &p.default {
            defaults.push(eval_simple(vm, ctx, env, e)?);
        }
    }
    let kwdefaults = vm.new_dict_obj();
    let mut any_kwdefault = false;
    for p in &kwo {
        if let Some(e) = &p.default {
            let v = eval_simple(vm, ctx, env, e)?;
            let key = vm.new_str(&p.name);
            vm.dict_set_item(&kwdefaults, key, v)?;
            any_kwdefault = true;
        }
    }
    let ann = vm.new_dict_obj();
    for p in pos.iter().chain(kwo.iter()) {
        if let Some(e) = &p.ann {
            let v = eval_simple(vm, ctx, env, e)?;
            let key = vm.new_str(&p.name);
            vm.dict_set_item(&ann, key, v)?;
        }
    }
    if let Some(e) = &d.ret {
        let v = eval_simple(vm, ctx, env, e)?;
        let key = vm.new_str("return");
        vm.dict_set_item(&ann, key, v)?;
    }
    let builtins = match vm.dict_get_str(&ctx.globals, "__builtins__") {
        Some(Value::Obj(o)) if matches!(o.payload, Payload::Dict(_)) => o,
        Some(Value::Obj(o)) if o.has_dict() && matches!(o.payload, Payload::Module(_)) => {
            o.dict_obj().unwrap_or_else(|| vm.builtins_dict().clone())
        }
        _ => vm.builtins_dict().clone(),
    };
    let module = vm
        .dict_get_str(&ctx.globals, "__name__")
        .unwrap_or(Value::None);
    let fd = FunctionData {
        simple_argc: co.simple_argc(),
        name: RefCell::new(co.name.clone()),
        qualname: RefCell::new(co.qualname.clone()),
        code: co,
        globals: ctx.globals.clone(),
        builtins,
        defaults: RefCell::new(if defaults.is_empty() {
            None
        } else {
            Some(Rc::from(defaults))
        }),
        kwdefaults: RefCell::new(if any_kwdefault {
            Some(kwdefaults)
        } else {
            None
        }),
        closure: None,
        annotations: RefCell::new(Value::Obj(ann)),
        doc: RefCell::new(Value::None),
        module,
        dict: None,
    };
    let fcls = vm.types().function.clone();
    Ok(Value::Obj(
        vm.alloc_with_dict(&fcls, Payload::Function(Box::new(fd))),
    ))
}
