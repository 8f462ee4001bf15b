# list / tuple / dict / dict views / set / frozenset / range / slice methods
# and operator dunders beyond the core corpus: sequence dunder errors,
# reversed iterators, sort stability and errors, view set algebra with any
# iterable, mapping proxies, multi-argument set methods, range search
# without materializing, slice.indices.

class Rec:
    def __init__(self, k, tag):
        self.k, self.tag = k, tag
    def __repr__(self):
        return f"{self.k}{self.tag}"
recs = [Rec(2, "a"), Rec(1, "b"), Rec(2, "c"), Rec(1, "d"), Rec(3, "e"), Rec(2, "f")]
print(sorted(recs, key=lambda r: r.k), sorted(recs, key=lambda r: r.k, reverse=True), sorted(recs, key=lambda r: -r.k) == sorted(recs, key=lambda r: r.k, reverse=True))
words = ["pear", "Fig", "apple", "fig", "Kiwi", "date"]
words.sort(key=str.lower)
print(words, sorted(words, key=len), sorted("bca"), sorted((3, 1, 2), reverse=True), sorted({3: 0, 1: 0}))
for bad in [lambda: [3, "a"].sort(), lambda: [1, 2].sort(key=1), lambda: [].sort(reverse=True, cmp=None), lambda: sorted([1], 2), lambda: [1].__add__((2,)), lambda: (1,).__add__([2]),
            lambda: [1].__mul__("x"), lambda: "ab".__add__(1), lambda: [1, 2].index(3), lambda: (1, 2).index(3), lambda: [].pop(), lambda: [1].pop(3)]:
    try:
        print(bad())
    except (TypeError, ValueError, IndexError) as e:
        print(type(e).__name__ + ":", e)
lst = [5, 6, 7, 8]
it = reversed(lst)
lst.append(9)
print(type(it).__name__, list(it), list(lst.__reversed__()), [1, 2].__mul__(2), [1].__rmul__(3), (1, 2).__getnewargs__(), (4,).__mul__(2), lst.__contains__(9), lst.__len__())
print([1, 2, 3, 1].index(1, 1), [1, 2, 3].index(3, -1), (1, 2, 1).index(1, 1, 3), [0] * 3 == [0, 0, 0], lst.copy() is lst, lst[::-1].__getitem__(0), [1, [2]].count([2]))
d = {"a": 1, "b": 2, "c": 3}
ks, vs, its = d.keys(), d.values(), d.items()
print(list(reversed(d)), list(reversed(ks)), list(reversed(vs)), list(reversed(its)), len(ks), "b" in ks, ("b", 2) in its, ("b", 3) in its, 2 in vs)
print(sorted(ks & ["a", "z"]), sorted(ks | ("x",)), sorted(ks - {"a"}), sorted(ks ^ ["a", "q"]), sorted(["c", "w"] & ks), sorted({"z"} | ks), sorted(its - {("a", 1)}))
print(ks.isdisjoint(["x"]), its.isdisjoint([("a", 1)]), ks == set(["a", "b", "c"]), ks < set(["a", "b", "c", "d"]), ks.mapping["b"], ks.mapping is not d, len(its.mapping), vs.mapping["c"])
print("proxy compare:", ks.mapping == d, ks.mapping != d, its.mapping == dict(d), vs.mapping == {"a": 0})
print(ks.__and__({"a"}), its.__or__([]) == set(its), ks.__rsub__(["a", "k"]), ks.__contains__("c"), list(vs.__iter__()), its.__len__(), type(ks.__iter__()).__name__)
d.update({"d": 4}, e=5)
print(d.pop("e"), d.pop("zz", None), d.setdefault("f", 6), d.get("zz", "dflt"), d.popitem(), dict.fromkeys(range(3), []), {1: 2} | {1: 3, 4: 5}, d.copy() == d, d.__reversed__ is not None)
merged = dict(d)
merged |= [("m", 0)]
print(merged, dict([("k", 1)], k=2), {k: v for k, v in zip("ab", range(2))})
s = {1, 2, 3, 4}
print(s.union([5], (6,)), s.intersection([1, 2, 9], {2, 1}), s.difference([1], [2]), s.symmetric_difference([4, 5]), s.issubset(range(10)), s.issuperset([1, 2]), s.isdisjoint([7, 8]))
s.update([10], [11]); s.intersection_update(range(12), [1, 2, 10, 11]); s.difference_update([2]); s.symmetric_difference_update([1, 99])
print(sorted(s), s.pop() in {10, 11, 99}, len(s), s.copy() == s, {1, 2} <= {1, 2}, {1} < {1}, {1, 2}.__or__([3]), {1} ^ frozenset([2]))
fs = frozenset([3, 1, 2])
print(fs, fs | {4}, fs & {1, 9}, fs - {1}, fs ^ {0}, type(fs | {4}).__name__, type({4} | fs).__name__, fs.union([7]), fs.intersection([1]), fs.copy() is fs, frozenset() == set())
for bad in [lambda: set().pop(), lambda: {1}.remove(5), lambda: {[1]}, lambda: fs.add(1), lambda: {1} | [2], lambda: s.update(1)]:
    try:
        print(bad())
    except (KeyError, TypeError, AttributeError) as e:
        print(type(e).__name__ + ":", e)
r = range(10, -20, -3)
huge = range(-5, 10 ** 15, 7)
print(r.index(1), r.count(4), r.count(4.0), 4.0 in r, r.index(-17), huge.index(10 ** 12 + 5 - (10 ** 12 + 10) % 7), huge.count(2), 2 in huge, 3 in huge, huge[-1] % 7, huge[10:13])
print(list(reversed(range(1, 10, 3))), list(range(5).__reversed__()), range(0, 10, 2).__len__(), range(3).__contains__(2), range(2, 5) == range(2, 5, 1), range(0) == range(5, 2), r.start, r.stop, r.step)
for bad in [lambda: r.index(5), lambda: r.index("x"), lambda: range(3)[3], lambda: range(1, 2, 0)]:
    try:
        print(bad())
    except (ValueError, IndexError, OverflowError) as e:
        print(type(e).__name__ + ":", e)
sl = slice(-3, None, 2)
print(sl.indices(10), sl.start, sl.stop, sl.step, slice(None, None, -2).indices(7), slice(5, 1, -1).indices(3), slice(0, 100).indices(4), list(range(10))[sl], "abcdefghij"[slice(1, None, 3)])
