# A tiny tokenizer and recursive-descent calculator with variables,
# precedence, unary minus, power (right-assoc), and error reporting.

def tokenize(src):
    tokens = []
    i = 0
    while i < len(src):
        ch = src[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit() or ch == ".":
            start = i
            while i < len(src) and (src[i].isdigit() or src[i] == "."):
                i += 1
            text = src[start:i]
            tokens.append(("num", float(text) if "." in text else int(text)))
        elif ch.isalpha() or ch == "_":
            start = i
            while i < len(src) and (src[i].isalnum() or src[i] == "_"):
                i += 1
            tokens.append(("name", src[start:i]))
        elif src.startswith("**", i):
            tokens.append(("op", "**"))
            i += 2
        elif ch in "+-*/%()=":
            tokens.append(("op", ch))
            i += 1
        else:
            raise SyntaxError(f"unexpected character {ch!r} at {i}")
    tokens.append(("end", None))
    return tokens

def evaluate(src, env):
    tokens = tokenize(src)
    pos = 0

    def peek():
        return tokens[pos]

    def take(kind=None, value=None):
        nonlocal pos
        tok = tokens[pos]
        if (kind and tok[0] != kind) or (value and tok[1] != value):
            raise SyntaxError(f"expected {value or kind}, got {tok[1]!r}")
        pos += 1
        return tok

    def expr():
        left = term()
        while peek() in (("op", "+"), ("op", "-")):
            op = take()[1]
            right = term()
            left = left + right if op == "+" else left - right
        return left

    def term():
        left = unary()
        while peek()[0] == "op" and peek()[1] in ("*", "/", "%"):
            op = take()[1]
            right = unary()
            if op == "*":
                left *= right
            elif op == "/":
                left /= right
            else:
                left %= right
        return left

    def unary():
        if peek() == ("op", "-"):
            take()
            return -unary()
        return power()

    def power():
        base = atom()
        if peek() == ("op", "**"):
            take()
            return base ** unary()
        return base

    def atom():
        kind, value = peek()
        if kind == "num":
            take()
            return value
        if kind == "name":
            take()
            if value not in env:
                raise NameError(f"unknown variable {value!r}")
            return env[value]
        if (kind, value) == ("op", "("):
            take()
            v = expr()
            take("op", ")")
            return v
        raise SyntaxError(f"unexpected token {value!r}")

    if len(tokens) > 2 and tokens[0][0] == "name" and tokens[1] == ("op", "="):
        name = tokens[0][1]
        pos = 2
        env[name] = expr()
        result = env[name]
    else:
        result = expr()
    take("end")
    return result

env = {"pi": 3.14159}
lines = [
    "1 + 2 * 3",
    "(1 + 2) * 3",
    "2 ** 3 ** 2",
    "-2 ** 2",
    "x = 10",
    "y = x * 2 + 1",
    "x * y - 7 % 4",
    "100 / 8",
    "2 ** 100",
    "r = 2.5",
    "pi * r ** 2",
    "((((7))))",
    "1 / 0",
    "3 +",
    "foo + 1",
    "4 $ 4",
    "(1 + 2",
    "1 2",
]
for line in lines:
    try:
        print(f"{line:<14} => {evaluate(line, env)!r}")
    except (SyntaxError, NameError, ZeroDivisionError) as e:
        print(f"{line:<14} !! {type(e).__name__}: {e}")
print(sorted(env.items()))
