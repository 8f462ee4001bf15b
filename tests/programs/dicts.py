# Dictionaries: insertion order, methods, views, comprehensions, merging,
# deletion and errors.

d = {"one": 1, "two": 2, "three": 3}
print(d, len(d), d["two"], "one" in d, "four" not in d)
d["four"] = 4
d["one"] = 100
print(d)
del d["two"]
print(d, list(d), list(d.keys()), list(d.values()), list(d.items()))
d["two"] = 2
print(d)

print(d.get("one"), d.get("zzz"), d.get("zzz", -1))
print(d.pop("one"), d.pop("missing", "dflt"), d)
print(d.setdefault("five", 5), d.setdefault("five", 55), d)
print(d.popitem(), d)
d.update({"a": 1}, b=2)
d.update([("c", 3)])
print(d)

# Views are live
keys = d.keys()
vals = d.values()
items = d.items()
d["z"] = 26
print(keys, vals, items)
print(len(keys), "z" in keys, ("z", 26) in items, 26 in vals)

# Various constructors
print(dict(), dict(a=1, b=2), dict([(1, "x"), (2, "y")]), dict({"k": 0}, k2=1))
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0))
print({i: i * i for i in range(6)})
print({k: v for k, v in zip("abc", range(3)) if v})

# Merging operators and unpacking
x = {"a": 1, "b": 2}
y = {"b": 3, "c": 4}
print(x | y, y | x, {**x, **y}, {**y, "a": 0})
x |= y
print(x)

# Int, float, bool, tuple keys
m = {1: "int", 2.5: "float", (1, 2): "tuple", None: "none", "1": "str"}
print(m[1], m[1.0], m[True], m[2.5], m[(1, 2)], m[None], m["1"])
m[1.0] = "replaced"
print(m)

# Equality ignores order
print({"a": 1, "b": 2} == {"b": 2, "a": 1}, {1: 1} == {1: 1.0}, {} == {})

# Iteration and sorted
scores = {"carol": 88, "alice": 92, "bob": 75, "dave": 92}
for name in sorted(scores):
    print(name, scores[name])
for name, sc in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
    print(name, sc)

# Copy
c = scores.copy()
c["eve"] = 1
print(len(scores), len(c))
c.clear()
print(c)

# Nested
nested = {"outer": {"inner": [1, 2, {"deep": True}]}}
print(nested["outer"]["inner"][2]["deep"], nested)
rec = {}
rec["self"] = rec
print(rec)

# Errors
def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)

attempt("missing", lambda: d["nope"])
attempt("missing int", lambda: {1: 2}[3])
attempt("missing tuple", lambda: {}[(1, 2)])
attempt("unhashable", lambda: {[1]: 2})
attempt("unhashable get", lambda: {}.get({}))
attempt("popitem empty", lambda: {}.popitem())
attempt("pop missing", lambda: {}.pop("k"))

def mutate_while_iterating():
    dd = {1: 1, 2: 2}
    for k in dd:
        dd[k + 10] = 0
    return dd

attempt("mutate", mutate_while_iterating)
