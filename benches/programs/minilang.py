"""A tiny language: a tokenizer, a recursive-descent parser building a tree of node
objects, and a tree-walking evaluator with an environment dict and dispatch by method."""
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0

SOURCE = """
let total = 0;
let i = 0;
while (i < LIMIT) {
    let j = i % 7;
    if (j == 3) { total = total + i * 2; } else { total = total - j; }
    if (i % 11 == 0) { total = total + fact(j); }
    i = i + 1;
}
"""


class Num:
    def __init__(self, value):
        self.value = value

    def eval(self, env):
        return self.value


class Var:
    def __init__(self, name):
        self.name = name

    def eval(self, env):
        return env[self.name]


class BinOp:
    def __init__(self, op, left, right):
        self.op = op
        self.left = left
        self.right = right

    def eval(self, env):
        a = self.left.eval(env)
        b = self.right.eval(env)
        op = self.op
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if op == "%":
            return a % b
        if op == "<":
            return 1 if a < b else 0
        if op == "==":
            return 1 if a == b else 0
        raise ValueError("bad operator " + op)


class Call:
    def __init__(self, name, arg):
        self.name = name
        self.arg = arg

    def eval(self, env):
        return FUNCTIONS[self.name](self.arg.eval(env))


class Assign:
    def __init__(self, name, expr):
        self.name = name
        self.expr = expr

    def run(self, env):
        env[self.name] = self.expr.eval(env)


class If:
    def __init__(self, cond, then, otherwise):
        self.cond = cond
        self.then = then
        self.otherwise = otherwise

    def run(self, env):
        block = self.then if self.cond.eval(env) else self.otherwise
        for stmt in block:
            stmt.run(env)


class While:
    def __init__(self, cond, body):
        self.cond = cond
        self.body = body

    def run(self, env):
        while self.cond.eval(env):
            for stmt in self.body:
                stmt.run(env)


def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


FUNCTIONS = {"fact": fact}
PRECEDENCE = {"==": 1, "<": 1, "+": 2, "-": 2, "*": 3, "%": 3}


def tokenize(text):
    tokens = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit():
            start = i
            while i < n and text[i].isdigit():
                i += 1
            tokens.append(("num", int(text[start:i])))
        elif ch.isalpha() or ch == "_":
            start = i
            while i < n and (text[i].isalnum() or text[i] == "_"):
                i += 1
            tokens.append(("name", text[start:i]))
        elif text.startswith("==", i):
            tokens.append(("op", "=="))
            i += 2
        else:
            tokens.append(("op", ch))
            i += 1
    return tokens


class Parser:
    def __init__(self, tokens):
        self.tokens = tokens
        self.pos = 0

    def peek(self):
        if self.pos < len(self.tokens):
            return self.tokens[self.pos]
        return ("eof", None)

    def take(self, expected=None):
        tok = self.peek()
        if expected is not None and tok[1] != expected:
            raise SyntaxError("expected %r, got %r" % (expected, tok[1]))
        self.pos += 1
        return tok

    def block(self):
        self.take("{")
        body = []
        while self.peek()[1] != "}":
            body.append(self.statement())
        self.take("}")
        return body

    def statement(self):
        kind, value = self.peek()
        if value == "let":
            self.take()
            name = self.take()[1]
            self.take("=")
            expr = self.expression(0)
            self.take(";")
            return Assign(name, expr)
        if value == "while":
            self.take()
            self.take("(")
            cond = self.expression(0)
            self.take(")")
            return While(cond, self.block())
        if value == "if":
            self.take()
            self.take("(")
            cond = self.expression(0)
            self.take(")")
            then = self.block()
            otherwise = []
            if self.peek()[1] == "else":
                self.take()
                otherwise = self.block()
            return If(cond, then, otherwise)
        name = self.take()[1]
        self.take("=")
        expr = self.expression(0)
        self.take(";")
        return Assign(name, expr)

    def expression(self, min_prec):
        left = self.atom()
        while True:
            kind, op = self.peek()
            prec = PRECEDENCE.get(op, -1) if kind == "op" else -1
            if prec <= min_prec - 1 or prec < 0:
                return left
            self.take()
            right = self.expression(prec + 1)
            left = BinOp(op, left, right)

    def atom(self):
        kind, value = self.take()
        if kind == "num":
            return Num(value)
        if kind == "name":
            if self.peek()[1] == "(":
                self.take("(")
                arg = self.expression(0)
                self.take(")")
                return Call(value, arg)
            return Var(value)
        if value == "(":
            inner = self.expression(0)
            self.take(")")
            return inner
        raise SyntaxError("unexpected %r" % (value,))


def run(limit):
    program = []
    parser = Parser(tokenize(SOURCE))
    while parser.peek()[0] != "eof":
        program.append(parser.statement())
    env = {"LIMIT": limit}
    for stmt in program:
        stmt.run(env)
    return env["total"], len(parser.tokens)


def main():
    limit = max(10, int(300000 * SCALE))
    total, ntokens = run(limit)
    print("tokens:", ntokens)
    print("total:", total)
    parsed = 0
    for k in range(max(1, int(2500 * SCALE))):
        parsed += len(tokenize(SOURCE.replace("LIMIT", str(k))))
    print("retokenized:", parsed)


main()
