# Structural pattern matching: literals, captures, wildcards, sequences,
# mappings, OR-patterns, guards, AS-patterns, class patterns on builtins.

def describe(value):
    match value:
        case None:
            return "None"
        case True:
            return "True"
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small int"
        case int(n) if n < 0:
            return f"negative int {n}"
        case int():
            return "other int"
        case float(f):
            return f"float {f}"
        case "hello" | "hi":
            return "greeting"
        case str(s) if len(s) > 5:
            return f"long string {s!r}"
        case str():
            return "short string"
        case []:
            return "empty sequence"
        case [x]:
            return f"one element {x!r}"
        case [x, y]:
            return f"pair {x!r}, {y!r}"
        case [first, *rest] if len(rest) > 3:
            return f"long sequence starting {first!r}, {len(rest)} more"
        case [first, *_, last]:
            return f"sequence {first!r}..{last!r}"
        case {"type": "point", "x": x, "y": y}:
            return f"point at {x},{y}"
        case {"type": kind, **extra}:
            return f"typed {kind} with {sorted(extra)}"
        case {}:
            return "other mapping"
        case _:
            return "something else: " + type(value).__name__

tests = [None, True, False, 0, 2, -7, 99, 2.5, "hi", "greetings", "yo",
         [], (), [1], ("a", "b"), [1, 2, 3], list(range(8)), "ab"[:0],
         {"type": "point", "x": 1, "y": 2}, {"type": "circle", "r": 3, "c": 0},
         {"other": 1}, {}, {1, 2}, range(3)]
for t in tests:
    print(repr(t), "->", describe(t))

# Commands with nested patterns and AS captures
def run(command):
    match command.split():
        case ["go", ("north" | "south" | "east" | "west") as direction]:
            return f"going {direction}"
        case ["go", other]:
            return f"unknown direction {other!r}"
        case ["take", *items] if items:
            return "taking " + ", ".join(items)
        case ["take"]:
            return "take what?"
        case ["quit" | "exit"]:
            return "bye"
        case [verb, *_]:
            return f"unknown verb {verb!r}"
        case []:
            return "empty command"

for cmd in ["go north", "go up", "take lamp key", "take", "exit", "dance wildly", ""]:
    print(repr(cmd), "->", run(cmd))

# Matching tuples of values, constants via dotted names is not used here
def fizzbuzz(n):
    match (n % 3, n % 5):
        case (0, 0):
            return "FizzBuzz"
        case (0, _):
            return "Fizz"
        case (_, 0):
            return "Buzz"
        case _:
            return str(n)

print(" ".join(fizzbuzz(i) for i in range(1, 16)))

# Capture patterns bind names that survive the match
match [10, [20, 30]]:
    case [a, [b, c]] as whole:
        print(a, b, c, whole)

# Strings and bytes are not sequences for matching
match "abc":
    case [a, b, c]:
        print("matched as sequence")
    case str() as s:
        print("matched as str", s)

# Mapping patterns ignore extra keys and check keys exist
config = {"host": "h", "port": 80, "debug": False}
match config:
    case {"host": str(host), "port": int(port)}:
        print("host", host, "port", port)
