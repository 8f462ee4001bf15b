# Sorts whose keys are all machine ints, all exact strs, or all exact tuples of those are done
# on the keys taken out of the objects; everything else goes through the comparison protocol.
# Both must give timsort's order: stable, reverse keeps ties in their order, code point order.
recs = [(i, "n%d" % (i * 7 % 5), i * 37 % 11 - 5) for i in range(40)]
print([r[0] for r in sorted(recs, key=lambda r: r[2])])
print([r[0] for r in sorted(recs, key=lambda r: r[2], reverse=True)])
print([r[0] for r in sorted(recs, key=lambda r: r[1])])
print([r[0] for r in sorted(recs, key=lambda r: r[1], reverse=True)])
print([r[0] for r in sorted(recs, key=lambda r: (r[1], -r[2]))])
print([r[0] for r in sorted(recs, key=lambda r: (r[2] % 3, r[1]), reverse=True)])
print(sorted([-(2**62), 2**62, -1, 0, 1, -(2**63), 2**63 - 1]))
print(sorted(["z", "é", "a", "\U0001F600", "\uffff", "", "ab", "a\x00", "Z"]))
print(sorted([(1, "b"), (1,), (), (0, "z", 5), (1, "a", 0), (1, "a")]))
print(sorted(["b", "a"] * 3, key=str.upper))
print(sorted([3]), sorted([]), sorted([(2, "x")]))

# Keys that are not all of one plain kind: the protocol decides (and may raise).
print(sorted([2**70, 3, -(2**80), 1]))
print(sorted([True, 2, False, 1, 0]))
print(sorted([3, 1.5, 2]))


class S(str):
    def __lt__(self, other):
        return len(self) < len(other)


print(sorted([S("ccc"), S("a"), S("bb")]))
print(sorted([(1, "a"), (1, 2)] [:1] + [(0, "b")]))
try:
    sorted([(1, "a"), (1, 2)])
except TypeError as e:
    print("TypeError:", e)
try:
    sorted([1, "a"])
except TypeError as e:
    print("TypeError:", e)
try:
    sorted([("a", 1), ("a", "b")], key=lambda t: t)
except TypeError as e:
    print("TypeError:", e)
words = "the quick brown fox jumps over the lazy dog The End".split()
words.sort(key=len)
print(words)
words.sort()
print(words)
