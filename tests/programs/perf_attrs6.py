"""Dict lookups with str keys (session 6, helper G): exact str keys are found by identity or
text without the general probe; every other candidate with the same hash sends the lookup to
the general path (str subclasses with their own __eq__, ints, tuples, instances)."""


def fresh(s):
    # A str equal to s but a different object (not interned).
    return "".join(list(s))


# Keys that are equal text but different objects, small (linear) and large (indexed) dicts.
for n in (3, 8, 9, 40):
    d = {}
    for i in range(n):
        d[fresh("k%d" % i)] = i
    total = 0
    for i in range(n):
        total += d[fresh("k%d" % i)]
        d[fresh("k%d" % i)] = d[fresh("k%d" % i)] * 2
    print(n, total, sum(d.values()), len(d), list(d)[:3])


class Shout(str):
    """A str subclass with its own equality and the hash of its lower-case text."""

    def __eq__(self, other):
        print("  Shout.__eq__", repr(str(self)), repr(other))
        return str(self).lower() == str(other).lower()

    def __hash__(self):
        return hash(str(self).lower())


# A str subclass stored, looked up with an exact str of the same hash: Python __eq__ runs.
d = {Shout("ABC"): 1, "x": 2}
print(d["abc"], d["x"])
d["abc"] = 10
print(d, len(d))
print("abc" in d, d.get("abc"), d.get("zzz", "missing"))

# An exact str stored, looked up with the subclass.
d = {"abc": 1}
print(d[Shout("ABC")])
d[Shout("ABC")] = 5
print(d)


class Plain(str):
    pass


# A subclass without __eq__: equal by text, stored key kept.
d = {Plain("key"): 1}
d["key"] = 2
print(d, type(list(d)[0]).__name__)
d = {"key": 1}
d[Plain("key")] = 3
print(d, type(list(d)[0]).__name__)


class SameHash:
    """An instance whose hash equals a str's hash and whose __eq__ reports and mutates."""

    def __init__(self, text, target):
        self.text = text
        self.target = target

    def __hash__(self):
        return hash(self.text)

    def __eq__(self, other):
        print("  SameHash.__eq__", self.text, repr(other))
        self.target.pop("other", None)
        return other == self.text


d = {}
d["other"] = 0
s = SameHash("name", d)
d[s] = 1
print(len(d), d["name"])
d["name"] = 7
print(len(d), d[s])

# An int key with the same hash as a str key (ints hash to themselves).
h = hash("spam")
d = {h: "int", "spam": "str"}
print(d[h], d["spam"])
d["spam"] = "str2"
d[h] = "int2"
print(sorted(d.values()))

# Missing keys: KeyError from the fast path, with its traceback.
env = {"total": 1, "i": 2}
for name in ("total", "i", fresh("total")):
    env[name] = env[name] + 1
print(env)


def lookup(e, k):
    return e[k]


try:
    lookup(env, fresh("j"))
except KeyError as exc:
    print("KeyError", exc)

# Many keys added and deleted (removed slots in the index), then looked up again.
d = {fresh("w%d" % i): i for i in range(100)}
for i in range(0, 100, 3):
    del d[fresh("w%d" % i)]
print(len(d), sum(d[fresh("w%d" % i)] for i in range(100) if i % 3), "w3" in d, "w4" in d)
for i in range(0, 100, 3):
    d[fresh("w%d" % i)] = -i
print(len(d), sum(d.values()), list(d)[-3:])

print(lookup(env, fresh("missing")))
