# match pattern kinds: class patterns with __match_args__ (positional and
# keyword, builtin self-matching classes), mapping patterns with **rest,
# sequence patterns with *rest (and what counts as a sequence), OR/AS
# patterns, guards, literals (None/True/-1/1+2j), value patterns (dotted
# names), wildcards, and the errors from bad __match_args__.

class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y

class Point3(Point):
    __match_args__ = ("x", "y", "z")
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z

class Color:
    RED = "red"
    GREEN = "green"

def where(p):
    match p:
        case Point3(0, 0, 0):
            return "3d origin"
        case Point3(x, y, z=z) if z < 0:
            return f"below ground at {x},{y},{z}"
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=y):
            return f"on y axis at {y}"
        case Point(x, 0):
            return f"on x axis at {x}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Point():
            return "somewhere"
        case _:
            return "not a point"

for p in [Point(0, 0), Point(0, 5), Point(3, 0), Point(2, 2), Point(1, 9), Point3(0, 0, 0), Point3(1, 2, -3), Point3(1, 2, 3), (0, 0)]:
    print(type(p).__name__, "->", where(p))

def shape(v):
    match v:
        case []:
            return "empty sequence"
        case [x]:
            return f"one item {x!r}"
        case [1, 2, *rest] if rest:
            return f"starts 1,2 then {rest}"
        case [first, *middle, last] if len(middle) > 2:
            return f"long: {first}..{last} ({len(middle)} between)"
        case [(a, b), *_]:
            return f"pairs starting with {a},{b}"
        case [_, _]:
            return "two items"
        case {"type": "user", "name": str(name), **rest}:
            return f"user {name} extra={sorted(rest)}"
        case {"type": "point", "x": int() | float() as x, "y": x2}:
            return f"point map {x},{x2}"
        case {}:
            return f"other mapping with {len(v)} keys"
        case str() | bytes():
            return f"text {v!r} (not a sequence pattern)"
        case int(n) | float(n) if n < 0:
            return f"negative {n}"
        case bool(b):
            return f"bool {b}"
        case int(n) | float(n):
            return f"number {n}"
        case _:
            return f"other {type(v).__name__}"

for v in [[], (7,), [1, 2], [1, 2, 3, 4], list(range(6)), [(5, 6), 9], ["a", "b"], range(2), "ab", b"xy",
          {"type": "user", "name": "ann", "age": 3, "admin": True}, {"type": "user", "name": 5}, {"type": "point", "x": 1.5, "y": 2},
          {}, {"k": 1}, -3, -0.5, True, 42, None, {1, 2}, 2j]:
    print(f"{v!r:<50.50} -> {shape(v)}")

def literal(v):
    match v:
        case None:
            return "None"
        case True:
            return "True"
        case False:
            return "False"
        case -1:
            return "minus one"
        case 1 + 2j:
            return "complex"
        case 0.5:
            return "half"
        case "s" "t":
            return "concatenated 'st'"
        case Color.RED:
            return "value pattern RED"
        case Color.GREEN as g:
            return f"value pattern {g}"
        case [1, [2, [3, *deep]]]:
            return f"nested, deep={deep}"
        case (0 | 1) as bit:
            return f"bit {bit}"
        case _:
            return "wildcard"
print([literal(v) for v in [None, True, False, 1, 0, -1, 1 + 2j, 0.5, "st", "red", "green", [1, [2, [3, 4, 5]]], 1.0, "x"]])

class Bad:
    __match_args__ = ("a",)
class Wrong:
    __match_args__ = ["a"]
    a = 1
for subject, label in [(Bad(), "missing attr"), (Wrong(), "list match_args")]:
    try:
        match subject:
            case Bad(x) | Wrong(x):
                print(label, "matched", x)
            case _:
                print(label, "no match")
    except (TypeError, AttributeError) as e:
        print(label, "->", type(e).__name__ + ":", e)
try:
    match Point(1, 2):
        case Point(1, 2, 3):
            pass
except TypeError as e:
    print("TypeError:", e)
try:
    match 5:
        case int(1, 2):
            pass
except TypeError as e:
    print("TypeError:", e)
match {"a": 1, "b": 2}:
    case {"a": 1, **others}:
        print("mapping rest:", others)
match [1, 2, 3]:
    case [*all_items]:
        print("star captures all:", all_items, type(all_items).__name__)
match (1, 2):
    case [a, b] as whole:
        print("as binds the subject:", whole, a, b)
x = "unchanged"
match 99:
    case 1:
        x = "one"
print(x)
