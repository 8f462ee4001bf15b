//! The parser of the small Python subset `exec()` accepts (see `exec_src.rs`): `def` with
//! annotated, defaulted and keyword-only parameters, `if`/`elif`/`else`, `return`, `raise`,
//! `pass`, assignments to names and attributes, and expressions made of names, literals,
//! attribute access, calls, subscripts, tuple/list/set displays, `+ - * / // %`, comparisons,
//! `is`, `in`, `not`, `and`, `or`, conditional expressions and f-strings (`!r`/`!s`/`!a`
//! conversions, no format specs). One statement per line; blocks by indentation.

/// A parse failure: the message says what was not understood.
pub(super) struct ParseError(pub(super) String);

type PResult<T> = Result<T, ParseError>;

fn err<T>(msg: impl Into<String>) -> PResult<T> {
    Err(ParseError(msg.into()))
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Name(String),
    Int(i64),
    Str(String),
    FStr(String),
    Op(&'static str),
}

#[derive(Clone, Debug)]
pub(super) enum Lit {
    None,
    True,
    False,
    Int(i64),
    Str(String),
}

#[derive(Clone, Copy, Debug)]
pub(super) enum Cmp {
    /// `COMPARE_OP` operator number (`<` 0 … `>=` 5).
    Op(u32),
    /// `is` (`true`: `is not`).
    Is(bool),
    /// `in` (`true`: `not in`).
    In(bool),
}

#[derive(Clone, Debug)]
pub(super) enum FPart {
    Lit(String),
    /// An expression and its `FORMAT_VALUE` conversion flag (0 none, 1 `!s`, 2 `!r`, 3 `!a`).
    Expr(Expr, u32),
}

#[derive(Clone, Debug)]
pub(super) enum Expr {
    Name(String),
    Const(Lit),
    Attr(Box<Expr>, String),
    Call(Box<Expr>, Vec<Expr>, Vec<(String, Expr)>),
    Subscript(Box<Expr>, Box<Expr>),
    Tuple(Vec<Expr>),
    List(Vec<Expr>),
    Set(Vec<Expr>),
    /// Operands and the `BINARY_OP` operator number.
    BinOp(Box<Expr>, u32, Box<Expr>),
    Compare(Box<Expr>, Cmp, Box<Expr>),
    /// `or` (`true`) / `and` (`false`) over two or more operands.
    BoolOp(bool, Vec<Expr>),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    /// `body if test else orelse`.
    IfExp(Box<Expr>, Box<Expr>, Box<Expr>),
    FStr(Vec<FPart>),
}

#[derive(Debug)]
pub(super) struct Param {
    pub(super) name: String,
    pub(super) ann: Option<Expr>,
    pub(super) default: Option<Expr>,
    pub(super) kwonly: bool,
}

#[derive(Debug)]
pub(super) struct Def {
    pub(super) name: String,
    pub(super) params: Vec<Param>,
    pub(super) ret: Option<Expr>,
    pub(super) body: Vec<Stmt>,
    pub(super) line: u32,
}

#[derive(Debug)]
pub(super) enum StmtKind {
    Def(std::rc::Rc<Def>),
    Return(Option<Expr>),
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    Raise(Expr),
    Pass,
    Expr(Expr),
    AssignAttr(Expr, String, Expr),
    AssignName(String, Expr),
}

#[derive(Debug)]
pub(super) struct Stmt {
    pub(super) line: u32,
    pub(super) kind: StmtKind,
}

const OPS2: [&str; 7] = ["==", "!=", "<=", ">=", "->", "**", "//"];
const OPS1: [&str; 18] = [
    "(", ")", "[", "]", "{", "}", ",", ":", ".", "=", "<", ">", "+", "-", "*", "/", "%", "!",
];

fn lex_string(chars: &[char], i: &mut usize) -> PResult<String> {
    let Some(&quote) = chars.get(*i) else {
        return err("unterminated string");
    };
    *i += 1;
    let mut out = String::new();
    loop {
        let Some(&c) = chars.get(*i) else {
            return err("unterminated string");
        };
        *i += 1;
        if c == quote {
            return Ok(out);
        }
        if c == '\\' {
            let Some(&e) = chars.get(*i) else {
                return err("unterminated string");
            };
            *i += 1;
            out.push(match e {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                '0' => '\0',
                '\\' | '\'' | '"' => e,
                _ => return err(format!("unsupported escape \\{e}")),
            });
        } else {
            out.push(c);
        }
    }
}

fn lex(line: &str) -> PResult<Vec<Tok>> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c == ' ' || c == '\t' {
            i += 1;
        } else if c == '#' {
            break;
        } else if c == 'f' && matches!(chars.get(i + 1), Some('"' | '\'')) {
            i += 1;
            out.push(Tok::FStr(lex_string(&chars, &mut i)?));
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while chars
                .get(i)
                .is_some_and(|c| c.is_alphanumeric() || *c == '_')
            {
                i += 1;
            }
            out.push(Tok::Name(
                chars.get(start..i).unwrap_or(&[]).iter().collect(),
            ));
        } else if c.is_ascii_digit() {
            let start = i;
            while chars.get(i).is_some_and(char::is_ascii_digit) {
                i += 1;
            }
            let s: String = chars.get(start..i).unwrap_or(&[]).iter().collect();
            match s.parse::<i64>() {
                Ok(n) => out.push(Tok::Int(n)),
                Err(_) => return err("integer literal too large"),
            }
        } else if c == '"' || c == '\'' {
            out.push(Tok::Str(lex_string(&chars, &mut i)?));
        } else {
            let two: String = chars.get(i..i + 2).unwrap_or(&[]).iter().collect();
            if let Some(op) = OPS2.iter().find(|o| **o == two) {
                out.push(Tok::Op(op));
                i += 2;
            } else if let Some(op) = OPS1.iter().find(|o| o.starts_with(c)) {
                out.push(Tok::Op(op));
                i += 1;
            } else {
                return err(format!("unexpected character {c:?}"));
            }
        }
    }
    Ok(out)
}

struct P {
    toks: Vec<Tok>,
    pos: usize,
    /// Current expression nesting (bounded, so hostile input cannot exhaust the Rust stack).
    depth: usize,
}

/// The deepest expression or block nesting accepted.
const MAX_DEPTH: usize = 100;

impl P {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Some(Tok::Op(o)) if *o == op)
    }

    fn is_kw(&self, kw: &str) -> bool {
        matches!(self.peek(), Some(Tok::Name(n)) if n == kw)
    }

    fn eat_op(&mut self, op: &str) -> bool {
        if self.is_op(op) {
            self.pos += 1;
            return true;
        }
        false
    }

    fn eat_kw(&mut self, kw: &str) -> bool {
        if self.is_kw(kw) {
            self.pos += 1;
            return true;
        }
        false
    }

    fn expect_op(&mut self, op: &str) -> PResult<()> {
        if self.eat_op(op) {
            return Ok(());
        }
        err(format!("expected '{op}'"))
    }

    fn name(&mut self) -> PResult<String> {
        match self.peek().cloned() {
            Some(Tok::Name(n)) => {
                self.pos += 1;
                Ok(n)
            }
            _ => err("expected a name"),
        }
    }

    fn at_end(&self) -> bool {
        self.pos >= self.toks.len()
    }

    fn expr(&mut self) -> PResult<Expr> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return err("expression too deeply nested");
        }
        let r = self.expr_inner();
        self.depth -= 1;
        r
    }

    fn expr_inner(&mut self) -> PResult<Expr> {
        let body = self.or_expr()?;
        if self.eat_kw("if") {
            let test = self.or_expr()?;
            if !self.eat_kw("else") {
                return err("expected 'else'");
            }
            let orelse = self.expr()?;
            return Ok(Expr::IfExp(
                Box::new(body),
                Box::new(test),
                Box::new(orelse),
            ));
        }
        Ok(body)
    }

    fn or_expr(&mut self) -> PResult<Expr> {
        self.bool_chain("or", true)
    }

    fn bool_chain(&mut self, kw: &str, is_or: bool) -> PResult<Expr> {
        let first = if is_or {
            self.bool_chain("and", false)?
        } else {
            self.not_expr()?
        };
        let mut items = vec![first];
        while self.eat_kw(kw) {
            items.push(if is_or {
                self.bool_chain("and", false)?
            } else {
                self.not_expr()?
            });
        }
        if items.len() == 1 {
            return Ok(items.pop().unwrap_or(Expr::Const(Lit::None)));
        }
        Ok(Expr::BoolOp(is_or, items))
    }

    fn not_expr(&mut self) -> PResult<Expr> {
        if self.eat_kw("not") {
            return Ok(Expr::Not(Box::new(self.expr_guarded(Self::not_expr)?)));
        }
        self.comparison()
    }

    fn comparison(&mut self) -> PResult<Expr> {
        let left = self.sum()?;
        let op = if self.eat_op("<") {
            Cmp::Op(0)
        } else if self.eat_op("<=") {
            Cmp::Op(1)
        } else if self.eat_op("==") {
            Cmp::Op(2)
        } else if self.eat_op("!=") {
            Cmp::Op(3)
        } else if self.eat_op(">") {
            Cmp::Op(4)
        } else if self.eat_op(">=") {
            Cmp::Op(5)
        } else if self.eat_kw("is") {
            Cmp::Is(self.eat_kw("not"))
        } else if self.eat_kw("in") {
            Cmp::In(false)
        } else if self.is_kw("not")
            && matches!(self.toks.get(self.pos + 1), Some(Tok::Name(n)) if n == "in")
        {
            self.pos += 2;
            Cmp::In(true)
        } else {
            return Ok(left);
        };
        let right = self.sum()?;
        if self.is_op("<") || self.is_op(">") || self.is_op("==") || self.is_kw("is") {
            return err("chained comparisons are not supported");
        }
        Ok(Expr::Compare(Box::new(left), op, Box::new(right)))
    }

    fn sum(&mut self) -> PResult<Expr> {
        let mut left = self.term()?;
        loop {
            let op = if self.eat_op("+") {
                0
            } else if self.eat_op("-") {
                10
            } else {
                return Ok(left);
            };
            let right = self.term()?;
            left = Expr::BinOp(Box::new(left), op, Box::new(right));
        }
    }

    fn term(&mut self) -> PResult<Expr> {
        let mut left = self.unary()?;
        loop {
            let op = if self.eat_op("*") {
                5
            } else if self.eat_op("//") {
                2
            } else if self.eat_op("/") {
                11
            } else if self.eat_op("%") {
                6
            } else {
                return Ok(left);
            };
            let right = self.unary()?;
            left = Expr::BinOp(Box::new(left), op, Box::new(right));
        }
    }

    /// Runs a recursive rule one nesting level deeper.
    fn expr_guarded(&mut self, rule: fn(&mut Self) -> PResult<Expr>) -> PResult<Expr> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return err("expression too deeply nested");
        }
        let r = rule(self);
        self.depth -= 1;
        r
    }

    fn unary(&mut self) -> PResult<Expr> {
        if self.eat_op("-") {
            return Ok(Expr::Neg(Box::new(self.expr_guarded(Self::unary)?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> PResult<Expr> {
        let mut e = self.atom()?;
        loop {
            if self.eat_op(".") {
                let n = self.name()?;
                e = Expr::Attr(Box::new(e), n);
            } else if self.eat_op("(") {
                let mut args = Vec::new();
                let mut kws = Vec::new();
                while !self.eat_op(")") {
                    let is_kw = matches!(self.peek(), Some(Tok::Name(_)))
                        && matches!(self.toks.get(self.pos + 1), Some(Tok::Op("=")));
                    if is_kw {
                        let n = self.name()?;
                        self.expect_op("=")?;
                        kws.push((n, self.expr()?));
                    } else if kws.is_empty() {
                        args.push(self.expr()?);
                    } else {
                        return err("positional argument follows keyword argument");
                    }
                    if !self.eat_op(",") {
                        self.expect_op(")")?;
                        break;
                    }
                }
                e = Expr::Call(Box::new(e), args, kws);
            } else if self.eat_op("[") {
                let i = self.expr()?;
                self.expect_op("]")?;
                e = Expr::Subscript(Box::new(e), Box::new(i));
            } else {
                return Ok(e);
            }
        }
    }

    /// Items of a display up to `close`; whether a comma was seen.
    fn items(&mut self, close: &str) -> PResult<(Vec<Expr>, bool)> {
        let mut items = Vec::new();
        let mut comma = false;
        while !self.eat_op(close) {
            items.push(self.expr()?);
            if self.eat_op(",") {
                comma = true;
            } else {
                self.expect_op(close)?;
                break;
            }
        }
        Ok((items, comma))
    }

    fn atom(&mut self) -> PResult<Expr> {
        let Some(t) = self.peek().cloned() else {
            return err("unexpected end of line");
        };
        self.pos += 1;
        Ok(match t {
            Tok::Name(n) => match n.as_str() {
                "None" => Expr::Const(Lit::None),
                "True" => Expr::Const(Lit::True),
                "False" => Expr::Const(Lit::False),
                "lambda" | "yield" | "await" | "for" | "def" | "class" | "import" => {
                    return err(format!("'{n}' is not supported"))
                }
                _ => Expr::Name(n),
            },
            Tok::Int(i) => Expr::Const(Lit::Int(i)),
            Tok::Str(mut s) => {
                while let Some(Tok::Str(more)) = self.peek().cloned() {
                    self.pos += 1;
                    s.push_str(&more);
                }
                Expr::Const(Lit::Str(s))
            }
            Tok::FStr(s) => Expr::FStr(fstring(&s)?),
            Tok::Op("(") => {
                let (mut items, comma) = self.items(")")?;
                if items.len() == 1 && !comma {
                    items.pop().unwrap_or(Expr::Const(Lit::None))
                } else {
                    Expr::Tuple(items)
                }
            }
            Tok::Op("[") => Expr::List(self.items("]")?.0),
            Tok::Op("{") => {
                let (items, _) = self.items("}")?;
                if items.is_empty() {
                    return err("dict displays are not supported");
                }
                Expr::Set(items)
            }
            Tok::Op(o) => return err(format!("unexpected '{o}'")),
        })
    }
}

/// Parses one whole expression.
fn parse_expr(text: &str) -> PResult<Expr> {
    let mut p = P {
        toks: lex(text)?,
        pos: 0,
        depth: 0,
    };
    let e = p.expr()?;
    if !p.at_end() {
        return err("unexpected text after an expression");
    }
    Ok(e)
}

fn fstring(s: &str) -> PResult<Vec<FPart>> {
    let chars: Vec<char> = s.chars().collect();
    let mut parts = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        i += 1;
        match c {
            '{' if chars.get(i) == Some(&'{') => {
                i += 1;
                lit.push('{');
            }
            '}' if chars.get(i) == Some(&'}') => {
                i += 1;
                lit.push('}');
            }
            '{' => {
                let start = i;
                while chars
                    .get(i)
                    .is_some_and(|c| *c != '}' && *c != '!' && *c != ':')
                {
                    i += 1;
                }
                let text: String = chars.get(start..i).unwrap_or(&[]).iter().collect();
                let conv = if chars.get(i) == Some(&'!') {
                    let f = match chars.get(i + 1) {
                        Some('s') => 1,
                        Some('r') => 2,
                        Some('a') => 3,
                        _ => return err("bad f-string conversion"),
                    };
                    i += 2;
                    f
                } else {
                    0
                };
                if chars.get(i) != Some(&'}') {
                    return err("f-string format specs are not supported");
                }
                i += 1;
                if !lit.is_empty() {
                    parts.push(FPart::Lit(std::mem::take(&mut lit)));
                }
                parts.push(FPart::Expr(parse_expr(&text)?, conv));
            }
            '}' => return err("single '}' in f-string"),
            _ => lit.push(c),
        }
    }
    if !lit.is_empty() {
        parts.push(FPart::Lit(lit));
    }
    Ok(parts)
}

struct Line {
    indent: usize,
    text: String,
    no: u32,
}

/// Parses a whole source text into statements.
pub(super) fn parse_module(src: &str) -> PResult<Vec<Stmt>> {
    let mut lines = Vec::new();
    for (i, l) in src.split('\n').enumerate() {
        let trimmed = l.trim_start_matches([' ', '\t']);
        if trimmed.trim().is_empty() || trimmed.starts_with('#') {
            continue;
        }
        lines.push(Line {
            indent: l.len() - trimmed.len(),
            text: trimmed.trim_end().to_string(),
            no: u32::try_from(i + 1).unwrap_or(u32::MAX),
        });
    }
    let mut i = 0;
    let base = lines.first().map_or(0, |l| l.indent);
    if base != 0 {
        return err("unexpected indent");
    }
    let body = block(&lines, &mut i, 0, 0)?;
    if i < lines.len() {
        return err("unindent does not match any outer indentation level");
    }
    Ok(body)
}

fn block(lines: &[Line], i: &mut usize, indent: usize, depth: usize) -> PResult<Vec<Stmt>> {
    let mut out = Vec::new();
    while let Some(l) = lines.get(*i) {
        if l.indent < indent {
            break;
        }
        if l.indent > indent {
            return err(format!("unexpected indent on line {}", l.no));
        }
        *i += 1;
        let s = statement(lines, i, l, depth)?;
        out.push(s);
    }
    Ok(out)
}

/// The indented block after a header line that ends with `:`.
fn sub_block(lines: &[Line], i: &mut usize, header: &Line, depth: usize) -> PResult<Vec<Stmt>> {
    if depth >= MAX_DEPTH {
        return err("blocks nested too deeply");
    }
    match lines.get(*i) {
        Some(next) if next.indent > header.indent => block(lines, i, next.indent, depth + 1),
        _ => err(format!(
            "expected an indented block after line {}",
            header.no
        )),
    }
}

/// The text of a compound statement's header between `kw` and the final `:`.
fn header<'a>(l: &'a Line, kw: &str) -> PResult<&'a str> {
    let rest = l.text.get(kw.len()..).unwrap_or("");
    match rest.strip_suffix(':') {
        Some(r) => Ok(r),
        None => err(format!(
            "line {}: statements after ':' are not supported",
            l.no
        )),
    }
}

fn statement(lines: &[Line], i: &mut usize, l: &Line, depth: usize) -> PResult<Stmt> {
    let t = l.text.as_str();
    let first = t
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .next()
        .unwrap_or("");
    let kind = match first {
        "def" => StmtKind::Def(std::rc::Rc::new(def(lines, i, l, depth)?)),
        "if" => if_stmt(lines, i, l, depth)?,
        "return" => {
            let rest = t.get(6..).unwrap_or("").trim();
            StmtKind::Return(if rest.is_empty() {
                None
            } else {
                Some(parse_expr(rest)?)
            })
        }
        "raise" => StmtKind::Raise(parse_expr(t.get(5..).unwrap_or(""))?),
        "pass" if t == "pass" => StmtKind::Pass,
        "elif" | "else" => return err(format!("line {}: '{first}' without 'if'", l.no)),
        "for" | "while" | "try" | "with" | "class" | "import" | "from" | "global" | "nonlocal"
        | "del" | "assert" | "async" | "lambda" | "yield" => {
            return err(format!("'{first}' is not supported"))
        }
        _ => simple(t)?,
    };
    Ok(Stmt { line: l.no, kind })
}

/// An expression statement or an assignment.
fn simple(t: &str) -> PResult<StmtKind> {
    let toks = lex(t)?;
    let mut depth = 0i32;
    let eq = toks.iter().position(|k| {
        match k {
            Tok::Op("(" | "[" | "{") => depth += 1,
            Tok::Op(")" | "]" | "}") => depth -= 1,
            _ => {}
        }
        depth == 0 && *k == Tok::Op("=")
    });
    let Some(eq) = eq else {
        return Ok(StmtKind::Expr(parse_expr(t)?));
    };
    let mut target = P {
        toks: toks.get(..eq).unwrap_or(&[]).to_vec(),
        pos: 0,
        depth: 0,
    };
    let mut value = P {
        toks: toks.get(eq + 1..).unwrap_or(&[]).to_vec(),
        pos: 0,
        depth: 0,
    };
    let v = value.expr()?;
    if !value.at_end() {
        return err("multiple assignment targets are not supported");
    }
    let tg = target.primary()?;
    if !target.at_end() {
        return err("unsupported assignment target");
    }
    match tg {
        Expr::Name(n) => Ok(StmtKind::AssignName(n, v)),
        Expr::Attr(obj, a) => Ok(StmtKind::AssignAttr(*obj, a, v)),
        _ => err("unsupported assignment target"),
    }
}

fn if_stmt(lines: &[Line], i: &mut usize, l: &Line, depth: usize) -> PResult<StmtKind> {
    let kw = if l.text.starts_with("elif") {
        "elif"
    } else {
        "if"
    };
    let test = parse_expr(header(l, kw)?)?;
    let body = sub_block(lines, i, l, depth)?;
    let mut orelse = Vec::new();
    if let Some(next) = lines.get(*i) {
        if next.indent == l.indent {
            let nt = next.text.as_str();
            if nt.starts_with("elif ") || nt.starts_with("elif(") {
                *i += 1;
                if depth >= MAX_DEPTH {
                    return err("too many 'elif' branches");
                }
                let k = if_stmt(lines, i, next, depth + 1)?;
                orelse.push(Stmt {
                    line: next.no,
                    kind: k,
                });
            } else if nt == "else:" {
                *i += 1;
                orelse = sub_block(lines, i, next, depth)?;
            }
        }
    }
    Ok(StmtKind::If(test, body, orelse))
}

fn def(lines: &[Line], i: &mut usize, l: &Line, depth: usize) -> PResult<Def> {
    let h = header(l, "def")?;
    let mut p = P {
        toks: lex(h)?,
        pos: 0,
        depth: 0,
    };
    let name = p.name()?;
    p.expect_op("(")?;
    let mut params = Vec::new();
    let mut kwonly = false;
    while !p.eat_op(")") {
        if p.eat_op("*") {
            if kwonly {
                return err("duplicate '*'");
            }
            kwonly = true;
        } else {
            let pname = p.name()?;
            let ann = if p.eat_op(":") { Some(p.expr()?) } else { None };
            let default = if p.eat_op("=") { Some(p.expr()?) } else { None };
            params.push(Param {
                name: pname,
                ann,
                default,
                kwonly,
            });
        }
        if !p.eat_op(",") {
            p.expect_op(")")?;
            break;
        }
    }
    let ret = if p.eat_op("->") {
        Some(p.expr()?)
    } else {
        None
    };
    if !p.at_end() {
        return err("unexpected text in a def header");
    }
    let mut seen_default = false;
    for prm in params.iter().filter(|p| !p.kwonly) {
        if prm.default.is_some() {
            seen_default = true;
        } else if seen_default {
            return err("non-default argument follows default argument");
        }
    }
    let body = sub_block(lines, i, l, depth)?;
    Ok(Def {
        name,
        params,
        ret,
        body,
        line: l.no,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parses(src: &str) -> bool {
        parse_module(src).is_ok()
    }

    #[test]
    fn dataclass_templates_parse() {
        let src = "def __create_fn__(__dataclass_type_x__, __dataclass_HAS_DEFAULT_FACTORY__):\n \
                   def __init__(self, x:__dataclass_type_x__=__dataclass_dflt_x__, *, y=1)->None:\n  \
                   self.x=__dataclass_dflt_x__() if x is __dataclass_HAS_DEFAULT_FACTORY__ else x\n  \
                   __dataclass_builtins_object__.__setattr__(self,'y',y)\n \
                   return __init__";
        assert!(parses(src));
        let src = "def f(self, name):\n if type(self) is cls or name in {'a', 'b'}:\n  \
                   raise E(f\"cannot assign to field {name!r}\")\n \
                   return self.__class__.__qualname__ + f\"(a={self.a!r})\"";
        assert!(parses(src));
    }

    #[test]
    fn unsupported_and_bad_input_are_errors() {
        for src in [
            "for i in x:\n pass",
            "x = (",
            "def f(:\n pass",
            "def f():\nreturn 1",
            "  x = 1",
            "if x:\n  a\n b",
            "f'{x:>3}'",
            "a < b < c",
            "'unterminated",
            "def f(a=1, b):\n pass",
            "x = {}",
        ] {
            assert!(!parses(src), "{src:?} should not parse");
        }
    }

    #[test]
    fn deep_nesting_is_refused_without_overflow() {
        let deep = format!("x = {}1{}", "(".repeat(100_000), ")".repeat(100_000));
        assert!(!parses(&deep));
        let neg = format!("x = {}1", "-".repeat(100_000));
        assert!(!parses(&neg));
        let nots = format!("x = {}1", "not ".repeat(100_000));
        assert!(!parses(&nots));
        let mut elifs = String::from("if a:\n pass\n");
        for _ in 0..10_000 {
            elifs.push_str("elif a:\n pass\n");
        }
        assert!(!parses(&elifs));
        let mut blocks = String::new();
        for d in 0..1000 {
            blocks.push_str(&" ".repeat(d));
            blocks.push_str("if a:\n");
        }
        assert!(!parses(&blocks));
    }
}
