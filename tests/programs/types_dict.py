# dict: insertion order, views (keys/values/items, live updates, set ops on
# keys/items, reversed), get/setdefault/pop/popitem/update/clear/copy,
# fromkeys, | and |=, comprehension, equality, and KeyError messages.

d = {"b": 2, "a": 1}
d["c"] = 3
d["b"] = 20
print(d, len(d), list(d), d["a"], d.get("z"), d.get("z", 0), "a" in d, 2 in d, 20 in d.values())
ks, vs, its = d.keys(), d.values(), d.items()
print(ks, vs, its, type(ks).__name__, type(vs).__name__, type(its).__name__)
d["d"] = 4
del d["a"]
print(ks, vs, its, len(ks), "d" in ks, ("d", 4) in its, ("d", 5) in its, list(reversed(ks)), list(reversed(its)))
print(ks & {"b", "x"}, sorted(ks | {"z"}), sorted(ks - {"b"}), sorted(ks ^ {"b", "q"}), its & {("b", 20)}, ks.isdisjoint({"q"}), ks == set("bcd"))
print(d.setdefault("e", 5), d.setdefault("b", 99), d, d.pop("e"), d.pop("zz", "default"), d)
print(d.popitem(), d, d.popitem(), d)
d.update({"x": 1}, y=2)
d.update([("z", 3), ("x", 10)])
d.update(w=0)
print(d)
e = d.copy()
e["x"] = "changed"
print(d["x"], e["x"], e == d, e is d)
d.clear()
print(d, len(d), bool(d))
for bad in [lambda: {}["missing"], lambda: {}.pop("k"), lambda: {}.popitem(), lambda: {[1]: 2}, lambda: {"a": 1}.update(5), lambda: dict([(1, 2, 3)]), lambda: dict([1])]:
    try:
        print(bad())
    except (KeyError, TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
try:
    {(1, 2): "t"}[(3, 4)]
except KeyError as e:
    print("KeyError:", e, e.args)
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0), dict.fromkeys(range(3), []), dict(a=1, b=2), dict([("k", "v")]), dict({"x": 1}, y=2), dict(zip("ab", (1, 2))))
shared = dict.fromkeys(["p", "q"], [])
shared["p"].append(1)
print(shared)
base = {"a": 1, "b": 2}
other = {"b": 3, "c": 4}
print(base | other, other | base, base, {**base, **other}, {**other, "a": 0})
base |= other
print(base)
base |= [("z", 26)]
print(base)
try:
    base | [("y", 1)]
except TypeError as e:
    print("TypeError:", e)
print({k: v * 2 for k, v in base.items() if v % 2 == 0}, {x: x ** 2 for x in range(5)}, {c: i for i, c in enumerate("abca")})
print({1: "a"} == {1: "a"}, {1: "a", 2: "b"} == {2: "b", 1: "a"}, {1: 1} == {1: 1.0}, {} == dict(), {"a": [1]} != {"a": [2]})
try:
    {1: 2} < {1: 3}
except TypeError as e:
    print("TypeError:", e)
order = {}
for key in [5, 3, 9, 1, 3, 5, 7]:
    order[key] = order.get(key, 0) + 1
print(order, list(order.items())[0], sorted(order), sorted(order.items(), key=lambda kv: (-kv[1], kv[0])), max(order, key=order.get))
del order[3]
order[3] = "re-added"
print(order, list(order.keys())[-1])
nested = {"outer": {"inner": {"leaf": 1}}, "list": [1, {"x": 2}]}
nested["outer"]["inner"]["leaf"] += 1
print(nested, nested["list"][1]["x"])
rec = {}
rec["self"] = rec
print(rec)
it = iter({"a": 1, "b": 2})
print(next(it), next(it), next(it, "end"))
g = {"a": 1}
try:
    for k in g:
        g["new"] = 1
except RuntimeError as e:
    print("RuntimeError:", e)
print({1: None, True: "t", 1.0: "f"}, {0: "zero", False: "f", 0.0: "z"}, len({None: 1, (): 2, "": 3, 0: 4}))
print(repr({"q": "'", "d": '"'}), str({1: {2: {}}}), dict(sorted({"b": 1, "a": 2}.items())), list({"x": 1}.values()), {}.keys())
