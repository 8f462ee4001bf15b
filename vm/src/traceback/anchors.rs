//! Finds the "anchor" ranges CPython 3.12 highlights in traceback carets: the operator of a
//! binary operation (`~~~^~~~`) and the brackets of a subscript (`~~~^^^^`).
//!
//! CPython parses the failing segment with its real parser; we use a small recursive-descent
//! parser over Python expression tokens that recognises the top-level node kind and the spans
//! of its children. Anything we cannot parse gets no anchors (CPython does the same when its
//! parse fails).

/// Anchor columns (char offsets within the segment) and the primary/secondary characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchors {
    pub left: usize,
    pub right: usize,
    pub primary: char,
    pub secondary: char,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Name,
    Number,
    Str,
    Op,
    Open(char),
    Close(char),
}

#[derive(Debug, Clone)]
struct Token {
    kind: Tok,
    text: String,
    start: usize,
    end: usize,
}

fn is_ws(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\x0c'
}

fn tokenize(s: &[char]) -> Option<Vec<Token>> {
    let mut out = Vec::new();
    let mut i = 0;
    let n = s.len();
    while i < n {
        let c = s[i];
        if is_ws(c) || c == '\n' || c == '\r' {
            i += 1;
            continue;
        }
        if c == '\\' {
            i += 1;
            continue;
        }
        if c == '#' {
            while i < n && s[i] != '\n' {
                i += 1;
            }
            continue;
        }
        let start = i;
        if c.is_alphabetic() || c == '_' {
            while i < n && (s[i].is_alphanumeric() || s[i] == '_') {
                i += 1;
            }
            // String prefixes.
            if i < n && (s[i] == '\'' || s[i] == '"') {
                let p: String = s[start..i].iter().collect::<String>().to_ascii_lowercase();
                if p.len() <= 2 && p.chars().all(|c| matches!(c, 'r' | 'b' | 'u' | 'f')) {
                    i = scan_string(s, i)?;
                    out.push(Token {
                        kind: Tok::Str,
                        text: String::new(),
                        start,
                        end: i,
                    });
                    continue;
                }
            }
            out.push(Token {
                kind: Tok::Name,
                text: s[start..i].iter().collect(),
                start,
                end: i,
            });
            continue;
        }
        if c.is_ascii_digit() || (c == '.' && i + 1 < n && s[i + 1].is_ascii_digit()) {
            while i < n {
                let d = s[i];
                if d.is_ascii_alphanumeric() || d == '.' || d == '_' {
                    if (d == 'e' || d == 'E') && i + 1 < n && (s[i + 1] == '+' || s[i + 1] == '-') {
                        i += 2;
                        continue;
                    }
                    i += 1;
                } else {
                    break;
                }
            }
            out.push(Token {
                kind: Tok::Number,
                text: String::new(),
                start,
                end: i,
            });
            continue;
        }
        if c == '\'' || c == '"' {
            i = scan_string(s, i)?;
            out.push(Token {
                kind: Tok::Str,
                text: String::new(),
                start,
                end: i,
            });
            continue;
        }
        if matches!(c, '(' | '[' | '{') {
            out.push(Token {
                kind: Tok::Open(c),
                text: c.to_string(),
                start,
                end: i + 1,
            });
            i += 1;
            continue;
        }
        if matches!(c, ')' | ']' | '}') {
            out.push(Token {
                kind: Tok::Close(c),
                text: c.to_string(),
                start,
                end: i + 1,
            });
            i += 1;
            continue;
        }
        let three: String = s[i..(i + 3).min(n)].iter().collect();
        let two: String = s[i..(i + 2).min(n)].iter().collect();
        let op = if ["**=", "//=", ">>=", "<<=", "..."].contains(&three.as_str()) {
            three
        } else if [
            "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "->", ":=", "+=", "-=", "*=", "/=",
            "%=", "&=", "|=", "^=", "@=",
        ]
        .contains(&two.as_str())
        {
            two
        } else if "+-*/%@&|^~<>=.,:;!".contains(c) {
            c.to_string()
        } else {
            return None;
        };
        i += op.chars().count();
        out.push(Token {
            kind: Tok::Op,
            text: op,
            start,
            end: i,
        });
    }
    Some(out)
}

fn scan_string(s: &[char], mut i: usize) -> Option<usize> {
    let q = s[i];
    let n = s.len();
    let triple = i + 2 < n && s[i + 1] == q && s[i + 2] == q;
    if triple {
        i += 3;
        while i < n {
            if s[i] == '\\' {
                i += 2;
                continue;
            }
            if i + 2 < n && s[i] == q && s[i + 1] == q && s[i + 2] == q {
                return Some(i + 3);
            }
            i += 1;
        }
        None
    } else {
        i += 1;
        while i < n {
            if s[i] == '\\' {
                i += 2;
                continue;
            }
            if s[i] == q {
                return Some(i + 1);
            }
            if s[i] == '\n' {
                return None;
            }
            i += 1;
        }
        None
    }
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    BinOp { left_end: usize, right_start: usize },
    Subscript { value_end: usize, slice_end: usize },
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    start: usize,
    end: usize,
    kind: Kind,
}

struct P<'a> {
    t: &'a [Token],
    i: usize,
}

const KEYWORDS: &[&str] = &[
    "and", "or", "not", "in", "is", "if", "else", "lambda", "for", "async", "await", "yield",
    "def", "class", "return", "del", "pass", "break", "continue", "import", "from", "as", "global",
    "nonlocal", "assert", "raise", "try", "except", "finally", "while", "with",
];

impl P<'_> {
    fn peek(&self) -> Option<&Token> {
        self.t.get(self.i)
    }
    fn is_op(&self, s: &str) -> bool {
        self.peek()
            .is_some_and(|t| t.kind == Tok::Op && t.text == s)
    }
    fn is_kw(&self, s: &str) -> bool {
        self.peek()
            .is_some_and(|t| t.kind == Tok::Name && t.text == s)
    }

    fn expr(&mut self) -> Option<Node> {
        if self.is_kw("lambda") {
            let start = self.peek()?.start;
            while self.peek().is_some() && !self.is_op(":") {
                self.i += 1;
            }
            self.i += 1;
            let body = self.expr()?;
            return Some(Node {
                start,
                end: body.end,
                kind: Kind::Other,
            });
        }
        let a = self.or_test()?;
        if self.is_kw("if") {
            self.i += 1;
            self.or_test()?;
            if !self.is_kw("else") {
                return None;
            }
            self.i += 1;
            let c = self.expr()?;
            return Some(Node {
                start: a.start,
                end: c.end,
                kind: Kind::Other,
            });
        }
        Some(a)
    }

    fn or_test(&mut self) -> Option<Node> {
        let mut a = self.and_test()?;
        while self.is_kw("or") {
            self.i += 1;
            let b = self.and_test()?;
            a = Node {
                start: a.start,
                end: b.end,
                kind: Kind::Other,
            };
        }
        Some(a)
    }

    fn and_test(&mut self) -> Option<Node> {
        let mut a = self.not_test()?;
        while self.is_kw("and") {
            self.i += 1;
            let b = self.not_test()?;
            a = Node {
                start: a.start,
                end: b.end,
                kind: Kind::Other,
            };
        }
        Some(a)
    }

    fn not_test(&mut self) -> Option<Node> {
        if self.is_kw("not") {
            let start = self.peek()?.start;
            self.i += 1;
            let b = self.not_test()?;
            return Some(Node {
                start,
                end: b.end,
                kind: Kind::Other,
            });
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Option<Node> {
        let mut a = self.binary(0)?;
        loop {
            let is_cmp = ["<", ">", "==", ">=", "<=", "!="]
                .iter()
                .any(|o| self.is_op(o))
                || self.is_kw("in")
                || self.is_kw("is")
                || (self.is_kw("not") && self.t.get(self.i + 1).is_some_and(|t| t.text == "in"));
            if !is_cmp {
                break;
            }
            if self.is_kw("not")
                || (self.is_kw("is") && self.t.get(self.i + 1).is_some_and(|t| t.text == "not"))
            {
                self.i += 1;
            }
            self.i += 1;
            let b = self.binary(0)?;
            a = Node {
                start: a.start,
                end: b.end,
                kind: Kind::Other,
            };
        }
        Some(a)
    }

    fn binary(&mut self, level: usize) -> Option<Node> {
        const LEVELS: &[&[&str]] = &[
            &["|"],
            &["^"],
            &["&"],
            &["<<", ">>"],
            &["+", "-"],
            &["*", "/", "//", "%", "@"],
        ];
        if level >= LEVELS.len() {
            return self.factor();
        }
        let mut a = self.binary(level + 1)?;
        while LEVELS[level].iter().any(|o| self.is_op(o)) {
            self.i += 1;
            let b = self.binary(level + 1)?;
            a = Node {
                start: a.start,
                end: b.end,
                kind: Kind::BinOp {
                    left_end: a.end,
                    right_start: b.start,
                },
            };
        }
        Some(a)
    }

    fn factor(&mut self) -> Option<Node> {
        if self.is_op("+") || self.is_op("-") || self.is_op("~") {
            let start = self.peek()?.start;
            self.i += 1;
            let b = self.factor()?;
            return Some(Node {
                start,
                end: b.end,
                kind: Kind::Other,
            });
        }
        self.power()
    }

    fn power(&mut self) -> Option<Node> {
        let a = if self.is_kw("await") {
            let start = self.peek()?.start;
            self.i += 1;
            let p = self.primary()?;
            Node {
                start,
                end: p.end,
                kind: Kind::Other,
            }
        } else {
            self.primary()?
        };
        if self.is_op("**") {
            self.i += 1;
            let b = self.factor()?;
            return Some(Node {
                start: a.start,
                end: b.end,
                kind: Kind::BinOp {
                    left_end: a.end,
                    right_start: b.start,
                },
            });
        }
        Some(a)
    }

    fn skip_group(&mut self) -> Option<usize> {
        // At an opening bracket: skip to its match; returns the end of the closing bracket.
        let mut depth = 0usize;
        while let Some(t) = self.peek() {
            match t.kind {
                Tok::Open(_) => depth += 1,
                Tok::Close(_) => {
                    depth -= 1;
                    if depth == 0 {
                        let e = t.end;
                        self.i += 1;
                        return Some(e);
                    }
                }
                _ => {}
            }
            self.i += 1;
        }
        None
    }

    fn primary(&mut self) -> Option<Node> {
        let mut a = self.atom()?;
        loop {
            match self.peek() {
                Some(t) if t.kind == Tok::Open('(') => {
                    let e = self.skip_group()?;
                    a = Node {
                        start: a.start,
                        end: e,
                        kind: Kind::Other,
                    };
                }
                Some(t) if t.kind == Tok::Open('[') => {
                    let open = self.i;
                    let e = self.skip_group()?;
                    // The slice's end: the last token before the closing bracket.
                    let close = self.i - 1;
                    let slice_end = if close > open + 1 {
                        self.t[close - 1].end
                    } else {
                        e
                    };
                    a = Node {
                        start: a.start,
                        end: e,
                        kind: Kind::Subscript {
                            value_end: a.end,
                            slice_end,
                        },
                    };
                }
                Some(t) if t.kind == Tok::Op && t.text == "." => {
                    self.i += 1;
                    let n = self.peek()?;
                    if n.kind != Tok::Name {
                        return None;
                    }
                    let e = n.end;
                    self.i += 1;
                    a = Node {
                        start: a.start,
                        end: e,
                        kind: Kind::Other,
                    };
                }
                _ => return Some(a),
            }
        }
    }

    fn atom(&mut self) -> Option<Node> {
        let t = self.peek()?.clone();
        match t.kind {
            Tok::Name => {
                if KEYWORDS.contains(&t.text.as_str()) {
                    return None;
                }
                self.i += 1;
                Some(Node {
                    start: t.start,
                    end: t.end,
                    kind: Kind::Other,
                })
            }
            Tok::Number => {
                self.i += 1;
                Some(Node {
                    start: t.start,
                    end: t.end,
                    kind: Kind::Other,
                })
            }
            Tok::Str => {
                self.i += 1;
                let mut end = t.end;
                while let Some(n) = self.peek() {
                    if n.kind != Tok::Str {
                        break;
                    }
                    end = n.end;
                    self.i += 1;
                }
                Some(Node {
                    start: t.start,
                    end,
                    kind: Kind::Other,
                })
            }
            Tok::Op if t.text == "..." => {
                self.i += 1;
                Some(Node {
                    start: t.start,
                    end: t.end,
                    kind: Kind::Other,
                })
            }
            Tok::Open('(') => {
                // A parenthesized single expression keeps the inner node's span and kind.
                let save = self.i;
                self.i += 1;
                if let Some(inner) = self.expr() {
                    if self.peek().is_some_and(|c| c.kind == Tok::Close(')')) {
                        self.i += 1;
                        return Some(inner);
                    }
                }
                self.i = save;
                let e = self.skip_group()?;
                Some(Node {
                    start: t.start,
                    end: e,
                    kind: Kind::Other,
                })
            }
            Tok::Open(_) => {
                let e = self.skip_group()?;
                Some(Node {
                    start: t.start,
                    end: e,
                    kind: Kind::Other,
                })
            }
            _ => None,
        }
    }
}

/// Computes anchors for a failing segment, or `None` when CPython would show plain carets.
pub fn anchors(segment: &[char]) -> Option<Anchors> {
    let toks = tokenize(segment)?;
    if toks.is_empty() {
        return None;
    }
    let mut p = P { t: &toks, i: 0 };
    let node = p.expr()?;
    if p.i != toks.len() {
        return None;
    }
    let n = segment.len();
    match node.kind {
        Kind::BinOp {
            left_end,
            right_start,
        } => {
            let mut res = None;
            let mut i = left_end;
            while i < right_start {
                if is_ws(segment[i]) {
                    i += 1;
                    continue;
                }
                let left = i;
                let mut right = i + 1;
                if i + 1 < right_start && !is_ws(segment[i + 1]) {
                    right += 1;
                }
                res = Some(Anchors {
                    left,
                    right,
                    primary: '^',
                    secondary: '^',
                });
                if i + 1 < right_start && segment[i] == ')' {
                    i += 1;
                    continue;
                }
                res = Some(Anchors {
                    left,
                    right,
                    primary: '~',
                    secondary: '^',
                });
                break;
            }
            res
        }
        Kind::Subscript {
            value_end,
            slice_end,
        } => {
            let mut left = value_end;
            let mut right = slice_end + 1;
            while left < n && (is_ws(segment[left]) || segment[left] != '[') {
                left += 1;
            }
            while right < n && (is_ws(segment[right]) || segment[right] != ']') {
                right += 1;
            }
            if right < n {
                right += 1;
            }
            Some(Anchors {
                left,
                right,
                primary: '~',
                secondary: '^',
            })
        }
        Kind::Other => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Option<(usize, usize)> {
        let c: Vec<char> = s.chars().collect();
        anchors(&c).map(|a| (a.left, a.right))
    }

    #[test]
    fn binop_and_subscript() {
        assert_eq!(a("1/0"), Some((1, 2)));
        assert_eq!(a("a + b + c"), Some((6, 7)));
        assert_eq!(a("a // b"), Some((2, 4)));
        assert_eq!(a("x[5]"), Some((1, 4)));
        assert_eq!(a("d['k']"), Some((1, 6)));
        assert_eq!(a("(a) + b"), Some((4, 5)));
        assert_eq!(a("f(x)"), None);
        assert_eq!(a("a < b"), None);
    }
}
