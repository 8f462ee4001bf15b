"""Edge cases of the native fast paths: sorting with plain keys, int() of short decimals,
one-character strs, str searching and splitting, zero-padded formatting, min/max with
int keys, and big-int arithmetic with small operands."""

# Sorting: plain int / str / tuple keys are stable and match the general comparison.
recs = [(i % 3, "k%d" % (i % 4), i) for i in range(12)]
print(sorted(recs, key=lambda r: r[0]))
print(sorted(recs, key=lambda r: r[1], reverse=True))
print(sorted(recs, key=lambda r: (r[0], r[1])))
print(sorted(recs, key=lambda r: (r[1], -r[2]), reverse=True))
print(sorted(["b", "a", "é", "B", "ab", "", "a"]))
print(sorted([(1,), (1, 0), (), (0, 5), (1, -1)]))
print(sorted([3, -1, 2**40, -(2**40), 0, 3]))
words = ["pear", "Apple", "fig", "apple", "Fig"]
print(sorted(words, key=str.lower), sorted(words, key=len, reverse=True))

# Keys the fast path must leave to the general comparison.
try:
    sorted([(1, "a"), (1, 2)])
except TypeError as e:
    print("TypeError:", e)
print(sorted([(1, 2), ("a",)], key=lambda t: len(t)))
nan = float("nan")
print(sorted([3.0, nan, 1.0, 2.0]))
print(sorted([2, 1.5, True, 0]))


class Rev(str):
    def __lt__(self, other):
        return str.__gt__(self, other)


print(sorted([Rev("a"), Rev("c"), Rev("b")]))


class T(tuple):
    def __lt__(self, other):
        return len(self) > len(other)


print(sorted([T((1,)), T((1, 2, 3)), T((1, 2))]))
log = []


class Noisy:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        log.append("eq")
        return self.v == other.v

    def __lt__(self, other):
        log.append("lt")
        return self.v < other.v

    def __repr__(self):
        return "N%d" % self.v


print(sorted([(1, Noisy(2)), (1, Noisy(1)), (0, Noisy(5))]), len(log) > 0)
values = [5, 3, 9, 1]
values.sort(reverse=True)
print(values)

# int() of strings.
for s in ["0", "-0", "+7", "000123", "999999999999999999", "-999999999999999999",
          "1000000000000000000", "  12  ", "1_000", "\u0663\u0661", "12\n"]:
    print(repr(s), int(s))
for s in ["", "-", "+", "0x10", "1__0", "_1", "x1", "--1", "1.5"]:
    try:
        int(s)
    except ValueError as e:
        print("ValueError:", e)

# One-character strs: indexing, iterating, chr.
text = "abcaé\u20ac"
print(text[0] is text[3], text[4], text[-1], [c for c in text])
print(list("hello")[2] is list("hello")[3], chr(97) == "a", chr(0xE9), chr(0x20AC))
try:
    text[10]
except IndexError as e:
    print("IndexError:", e)

# Searching and splitting.
s = "a;b;;c;"
print(s.split(";"), s.split(";", 1), s.rsplit(";", 2), s.split(";;"))
print("x\ny\n".split("\n"), "é;ü".split(";"), s.replace(";", "+"), s.replace(";", ""))
print("a-b".replace("-", "+"), "aaa".replace("a", "b", 2), "abc".replace("", "-"))
u = "héllo wörld héllo"
print(u.find("llo"), u.find("llo", 3), u.rfind("héllo"), u.find("ö", 2, 9), u.find("x"))
print(u.count("l"), u.count("l", 3, 12), u.count(""), u.count("", 5, 7), u.count("é", -5))
print(u.startswith("hé"), u.startswith("llo", 2), u.startswith(("x", "wö"), 7))
print(u.endswith("llo"), u.endswith("wör", 0, 10), u.endswith(("a", "b")), u.endswith("", 99))
print(u.index("wö"), u.rindex("l"), "abc".find("c", 5), "abc".find("", 3), "abc".find("", 4))
try:
    u.startswith(("a", 1))
except TypeError as e:
    print("TypeError:", e)
try:
    u.find(1)
except TypeError as e:
    print("TypeError:", e)
print(",".join(["a", "bb", ""]), "".join([]), "é".join("xyz"))
try:
    ",".join(["a", 2])
except TypeError as e:
    print("TypeError:", e)

# Formatting ints.
for spec in ["06d", "6", "<6", "^7", "=+8", "+06", "06", "0", "1", "08,", "_x", "#010b", "X"]:
    print(spec, repr(format(-42, spec)), repr(format(1234567, spec)), repr(format(0, spec)))
print(f"{7:03d}|{123456:02d}|{-3:05}|{2**70:030d}")

# min/max with int keys: the first of equal keys wins.
names = ["bb", "a", "cc", "dd", "e"]
print(max(names, key=len), min(names, key=len), max([3, 7, 7, 1]), min(4, 2, 2, 9))
print(max([2**70, 5, -(2**70)]), min([(1, "b"), (1, "a")]))

# Big ints with small operands.
q = 10**30
print(q * 7, 7 * q, q + 1, 1 - q, q // 3, q % 7, -q // 7, q << 3, q >> 90, q & 0xFFFF, q ^ 1)
print(divmod(q, 12345), pow(q, 2), q * q // q == q, (q * 2) - q == q)
