# if/elif/else, conditional expressions, pass, assert, early returns,
# `is None` tests, and truthiness of many kinds of objects.

def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    elif n < 100:
        return "medium"
    else:
        return "large"

for v in [-5, 0, 3, 42, 1000]:
    print(v, classify(v))

def sign(x):
    return 1 if x > 0 else -1 if x < 0 else 0

print([sign(v) for v in (-3, 0, 8)])

def describe(x):
    if x is None:
        return "None"
    if x is not None and not x:
        return "falsy " + repr(x)
    return "truthy " + repr(x)

for v in [None, 0, 0.0, "", [], (), {}, set(), range(0), "a", [0], (None,), 1, -1, 0.1, range(1)]:
    print(describe(v))

def find(seq, target):
    for i, v in enumerate(seq):
        if v == target:
            return i
    return None

r = find([5, 6, 7], 6)
if r is not None:
    print("found at", r)
r = find([5, 6, 7], 9)
if r is None:
    print("not found")

# Nested conditions and pass
def grade(score):
    if score >= 50:
        if score >= 90:
            g = "A"
        elif score >= 75:
            g = "B"
        else:
            g = "C"
    else:
        if score < 0:
            pass
        g = "F"
    return g

print([grade(s) for s in (95, 80, 60, 10, -1)])

# assert
def checked_div(a, b):
    assert b != 0, "b must not be zero"
    return a / b

print(checked_div(6, 3))
try:
    checked_div(1, 0)
except AssertionError as e:
    print("AssertionError:", e)
try:
    assert 1 > 2
except AssertionError as e:
    print("AssertionError args:", e.args)
try:
    assert [], ["a", "list", "message"]
except AssertionError as e:
    print("AssertionError:", e)

# Conditions with side effects evaluated exactly once
calls = []
def probe(name, value):
    calls.append(name)
    return value

if probe("a", 0) or probe("b", 2) and probe("c", 0) or probe("d", 1):
    print("taken", calls)
calls.clear()
x = probe("p", 5) if probe("cond", False) else probe("q", 6)
print(x, calls)

# Comparing with None / True / False via identity
flags = [True, False, None, 1, 0]
for f in flags:
    print(repr(f), f is True, f is False, f is None, f == True, f == False)

# Deeply nested if in a loop
count = 0
for i in range(20):
    if i % 2:
        if i % 3:
            if i % 5:
                count += 1
print("count", count)
