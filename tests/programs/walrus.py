# Assignment expressions (:=) in conditions, loops, comprehensions and calls.

data = [4, 8, 15, 16, 23, 42]

if (n := len(data)) > 5:
    print(f"list is long ({n} elements)")

# while with walrus
stack = list(range(5))
while (top := stack.pop() if stack else None) is not None:
    print("popped", top, end="; ")
print()

# Reading chunks
text = "the quick brown fox jumps over the lazy dog"
pos = 0
words = []
while (space := text.find(" ", pos)) != -1:
    words.append(text[pos:space])
    pos = space + 1
words.append(text[pos:])
print(words)

# In comprehensions, the target binds in the enclosing scope
values = [y for x in data if (y := x % 10) > 3]
print(values, "last y:", y)
totals = [total := 0] + [total := total + v for v in data]
print(totals, total)

# Nested in expressions
print((a := 3) + (b := 4), a, b)
print([c := 10, c * 2], c)

def f(v):
    return v * 2

print(f(z := 21), z)

# In if/elif chains
def classify(s):
    if (m := len(s)) == 0:
        return "empty"
    elif (first := s[0]).isdigit():
        return f"starts with digit {first} (len {m})"
    elif m > 5:
        return f"long word, first={first!r}"
    return "short word"

for s in ["", "7up", "elephant", "cat"]:
    print(repr(s), classify(s))

# Walrus in a function scope with a closure reading it
def counter():
    seen = []
    if (count := len(seen)) == 0:
        seen.append("first")
    def get():
        return count, seen
    return get()

print(counter())

# Walrus inside a lambda default/body
scale = lambda v: (w := v * 3) + w
print(scale(2))

# Chained use: compute once, use twice
import sys
def expensive(v):
    print("  computing", v, file=sys.stderr)
    return v * v

results = [(v, sq) for v in range(6) if (sq := expensive(v)) % 2 == 0]
print(results)

# Walrus at module level inside a generator expression passed to any()
if any((hit := v) > 20 for v in data):
    print("first value over 20:", hit)
