# strs whose UTF-8 text is around the 30 bytes kept inside a str object (pyvm): ASCII,
# Latin-1, CJK and emoji texts of 20-40 characters and bytes, built in different ways and
# compared, hashed, sliced, split, joined and searched across the boundary.
import sys

ascii_base = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH"
latin_base = "\u00e9t\u00e9 caf\u00e9 na\u00efve \u00fcber \u00e5ngstr\u00f6m \u00e7a \u00df\u00f8"
cjk_base = "\u4e2d\u6587\u5b57\u7b26\u4e32\u6d4b\u8bd5\u8fb9\u754c\u957f\u5ea6\u4e09\u5341\u5b57\u8282"
emoji_base = "\U0001f600\U0001f601\U0001f602\U0001f923\U0001f603\U0001f604\U0001f605\U0001f606\U0001f609\U0001f60a"


def utf8_len(s):
    return len(s.encode("utf-8"))


def describe(tag, s):
    # getsizeof less that of a one-character str of the same kind: the same on 32-bit CPython
    # (the fixture generator) and 64-bit (absolute sizes: tests/pyc/native64/strinline_sizes.py).
    last = ord(s[-1]) if s else -1
    size = sys.getsizeof(s) - sys.getsizeof(max(s)) if s else 0
    print(tag, len(s), utf8_len(s), last, s.isascii(), size)


texts = []
for n in (20, 21, 22, 23, 24, 28, 29, 30, 31, 32, 35, 40):
    texts.append(("ascii", n, ascii_base[:n]))
for n in (20, 25, 27, 28, 29, 30, 31, 35):
    texts.append(("latin", n, latin_base[:n]))
for n in (6, 7, 9, 10, 11, 12, 15):
    texts.append(("cjk", n, cjk_base[:n]))
for n in (5, 6, 7, 8, 9, 10):
    texts.append(("emoji", n, emoji_base[:n]))
# Byte length crosses 30 while the character count does not.
texts.append(("mixed", 30, "a" * 28 + "\u00e9\u00e9"))
texts.append(("mixed", 29, "a" * 28 + "\u00e9"))
texts.append(("mixed", 30, "a" * 29 + "\u4e2d"))
texts.append(("mixed", 27, "a" * 26 + "\U0001f600"))
texts.append(("mixed", 28, "a" * 27 + "\U0001f600"))

for kind, n, s in texts:
    describe(kind, s)

    # Equal strs built differently: concatenation, join, slicing, repetition, format.
    half = len(s) // 2
    built = [
        s[:half] + s[half:],
        "".join([s[:half], s[half:]]),
        "".join(list(s)),
        (s + s)[: len(s)],
        (s + "xyz")[:-3],
        ("@" + s)[1:],
        f"{s}",
        "%s" % s,
        s[::-1][::-1],
        str(s),
    ]
    for b in built:
        assert b == s, (kind, n, b)
        assert hash(b) == hash(s), (kind, n)
        assert not (b != s)
        assert len(b) == len(s)
        assert b in {s: 1}
    print(" eq ok", len(built), s == built[0], built[3] is not None)

    # Slicing, indexing and the last character.
    print(" ", s[:5], s[-5:], s[3:25:2], s[-1], ord(s[-1]), s[len(s) - 1] == s[-1])
    longer = s + s[:3]
    shorter = s[:-3]
    describe("  +3", longer)
    describe("  -3", shorter)
    print(" ", longer == s, shorter == s, longer[: len(s)] == s, s.startswith(shorter))

    # find / index / count / in across the boundary.
    mid = s[len(s) // 3 : len(s) // 3 + 4]
    print(" find", s.find(mid), s.rfind(mid), s.find(s[-1]), s.count(s[0]), mid in s)
    print(" find-miss", s.find("#"), "#" in s, (s + "#").find("#"), s.find(s), longer.find(s))

    # split and join round trip.
    joined = "\n".join([s, shorter, longer, s])
    parts = joined.split("\n")
    print(" split", len(parts), [len(p) for p in parts], parts[0] == s, parts[3] == parts[0])
    print(" join", utf8_len(",".join(parts)), ",".join(parts).count(","))
    words = (s[:7] + " " + s[7:]).split()
    print(" words", [len(w) for w in words], "".join(words) == s)

    # dict keys: a key made one way, looked up with an equal str made another way.
    d = {s: n, longer: n + 1, shorter: n - 1}
    print(" dict", d[built[1]], d[built[5] + s[:3]], d[s[:-3]], len(d))

for n in (15, 16, 30, 31):
    print(n, [sys.getsizeof(c * n) - sys.getsizeof(c) for c in "a\u00e9\u4e2d\U0001f600"])

# Comparisons and ordering across the two forms.
a30 = "q" * 30
a31 = "q" * 31
print(a30 < a31, a31 > a30, a30 == a31[:30], a31[:30] == a30, sorted([a31, a30, a30[:22]]) == [a30[:22], a30, a31])
print(max(texts, key=lambda t: t[2])[1], min(t[2] for t in texts if t[0] == "cjk")[:2])

# Many lines of 29 characters, as in the strings benchmark.
lines = ["line %05d: %s" % (i, ascii_base[:18]) for i in range(2000)]
doc = "\n".join(lines)
again = doc.split("\n")
print(len(again), len(again[0]), again == lines, sum(map(len, again)), again[1999])
print(len(set(again)), again.index("line 01234: " + ascii_base[:18]))

# Errors raised while handling strs near the boundary.
try:
    a30[30]
except IndexError as e:
    print("IndexError", e)
try:
    print(a31[31])
except IndexError as e:
    print("IndexError", e)
try:
    a30.index("z")
except ValueError as e:
    print("ValueError", e)
try:
    a31 + 1
except TypeError as e:
    print("TypeError", e)
print(a31[30], a30[29], a30[-30], a31[-31])
e30 = emoji_base[:7] + "ab"
print(len(e30), utf8_len(e30), e30[7:], ord(e30[6]))
try:
    ord(e30)
except TypeError as e:
    print("TypeError", e)
print(e30[100:], repr(e30[-2:]), e30.encode("utf-8")[-4:])
# Uncaught, for the traceback's columns.
print("last", e30[0] + a31[len(e30) : len(a31)] + e30[len(a31)])
