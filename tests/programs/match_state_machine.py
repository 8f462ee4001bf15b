# A state machine driven by match: a vending machine whose transitions are
# (state, event) tuples matched with class patterns, literals, captures,
# guards, OR-patterns and wildcards; plus a tokenizer/evaluator using match.

class Coin:
    __match_args__ = ("value",)
    def __init__(self, value):
        self.value = value
    def __repr__(self):
        return f"Coin({self.value})"

class Select:
    __match_args__ = ("item",)
    def __init__(self, item):
        self.item = item
    def __repr__(self):
        return f"Select({self.item!r})"

class Cancel:
    def __repr__(self):
        return "Cancel()"

PRICES = {"tea": 120, "coffee": 150, "water": 80}

def step(state, credit, event):
    match (state, event):
        case ("idle" | "paying", Coin(value=v)) if v in (10, 50, 100):
            return "paying", credit + v, f"accepted {v}"
        case (_, Coin(v)):
            return state, credit, f"rejected coin {v}"
        case ("paying", Select(item)) if item not in PRICES:
            return state, credit, f"unknown item {item!r}"
        case ("paying", Select(item)) if credit >= PRICES[item]:
            change = credit - PRICES[item]
            return "idle", 0, f"vend {item}, change {change}"
        case ("paying", Select(item)):
            return state, credit, f"need {PRICES[item] - credit} more for {item}"
        case ("idle", Select()):
            return state, credit, "insert coins first"
        case (_, Cancel()) if credit:
            return "idle", 0, f"refund {credit}"
        case (_, Cancel()):
            return "idle", 0, "nothing to refund"
        case (s, other):
            return s, credit, f"ignored {other!r} in {s}"

state, credit = "idle", 0
events = [Select("tea"), Coin(100), Coin(5), Select("coffee"), Coin(50), Select("soda"), Select("coffee"),
          Coin(10), Cancel(), Cancel(), "kick", Coin(100), Coin(10), Coin(10), Select("tea")]
for ev in events:
    state, credit, msg = step(state, credit, ev)
    print(f"{ev!r:>16} -> {state:<7} credit={credit:<4} {msg}")

def tokenize(text):
    tokens, i = [], 0
    while i < len(text):
        ch = text[i]
        match ch:
            case " ":
                i += 1
            case "+" | "-" | "*" | "/" | "(" | ")":
                tokens.append(("op", ch))
                i += 1
            case d if d.isdigit():
                j = i
                while j < len(text) and text[j].isdigit():
                    j += 1
                tokens.append(("num", int(text[i:j])))
                i = j
            case _:
                raise SyntaxError(f"unexpected {ch!r} at {i}")
    return tokens

def parse_expr(tokens):
    node, rest = parse_term(tokens)
    while True:
        match rest:
            case [("op", "+" | "-" as op), *more]:
                right, rest = parse_term(more)
                node = (op, node, right)
            case _:
                return node, rest

def parse_term(tokens):
    node, rest = parse_atom(tokens)
    while True:
        match rest:
            case [("op", ("*" | "/") as op), *more]:
                right, rest = parse_atom(more)
                node = (op, node, right)
            case _:
                return node, rest

def parse_atom(tokens):
    match tokens:
        case [("num", n), *rest]:
            return n, rest
        case [("op", "-"), *rest]:
            node, rest = parse_atom(rest)
            return ("neg", node), rest
        case [("op", "("), *rest]:
            node, rest = parse_expr(rest)
            match rest:
                case [("op", ")"), *after]:
                    return node, after
                case _:
                    raise SyntaxError("missing )")
        case []:
            raise SyntaxError("unexpected end")
        case [tok, *_]:
            raise SyntaxError(f"unexpected token {tok}")

def evaluate(node):
    match node:
        case int(n):
            return n
        case ("neg", x):
            return -evaluate(x)
        case ("+", a, b):
            return evaluate(a) + evaluate(b)
        case ("-", a, b):
            return evaluate(a) - evaluate(b)
        case ("*", a, b):
            return evaluate(a) * evaluate(b)
        case ("/", a, b):
            return evaluate(a) // evaluate(b)

for src in ["1 + 2 * 3", "(1 + 2) * 3", "-4 * (2 - 7) / 3", "2 * (3 + 4", "8 $ 2", "7 +", "10 - 2 - 3"]:
    try:
        tree, _ = parse_expr(tokenize(src))
        print(f"{src!r}: {tree} = {evaluate(tree)}")
    except SyntaxError as e:
        print(f"{src!r}: SyntaxError: {e}")
