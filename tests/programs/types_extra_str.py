# str methods and formatting beyond the core corpus: format_map with
# attribute / index fields and __missing__, str.format corner cases, encode
# with codecs and error handlers, str(bytes, encoding, errors), casefold,
# the is* predicates, maketrans/translate, partition, splitting with maxsplit,
# % formatting with mappings and *, and format() for every builtin type.

class Defaults(dict):
    def __missing__(self, key):
        return f"<{key}>"
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
p = Point(3, 4)
print("{x}/{y}".format_map(Defaults(x=1)), "{p.x},{p.y}".format_map({"p": p}), "{0[k]}-{0[1]}".format({"k": "v", 1: "one"}), "{.x:>4}".format(p), "{a[0][1]}".format(a=["xy"]))
print("{:{w}.{p}f}|{:^{w}}".format(3.14159, "c", w=7, p=2), "{!s:>5}{!r:<5}{!a}".format(1, "é", "é"), "{{}} {0}{{{0}}}".format(5), "{0}{0!r}".format("q"), "{:c}".format(9731))
for bad in ["{", "}", "{0!x}", "{:d}", "{0}{}", "{}{1}", "{x}", "{0[}", "{0.}"]:
    try:
        print(repr(bad.format("s")))
    except (ValueError, KeyError, IndexError) as e:
        print(type(e).__name__ + ":", e)
text = "Straße Ⅻ ǅungla ﬁne"
print(text.casefold(), text.lower(), text.upper(), text.title(), text.swapcase(), "ǆ".capitalize(), "ﬁx".upper())
print("x²".isdigit(), "x²"[1].isdigit(), "²".isdecimal(), "Ⅻ".isnumeric(), "٣".isdecimal(), "a_1".isidentifier(), "1a".isidentifier(), "class".isidentifier(), "\u00a0".isspace(), "\x1f".isprintable(), "Ünï".isalpha())
print("Title Case".istitle(), "Title case".istitle(), "ABC".isupper(), "AbC".islower(), "".islower(), "123".isalnum(), "x y".isalnum(), "ü".isascii(), "~".isascii())
print("café".encode("utf-8"), "café".encode("utf_8"), "café".encode(encoding="latin-1"), "café€".encode("ascii", errors="xmlcharrefreplace"), "€".encode("utf-16"), "snow ☃".encode("ascii", "backslashreplace"))
print(str(b"caf\xc3\xa9", "utf-8"), str(b"caf\xe9", encoding="latin-1"), str(b"a\xffb", "ascii", "replace"), str(bytearray(b"ba"), "ascii"), str(memoryview(b"mv"), "utf-8"), str(b"x\xffy", errors="ignore"))
for bad in [lambda: "€".encode("ascii"), lambda: "x".encode("utf-99"), lambda: str(b"\xff", "utf-8"), lambda: str("s", "utf-8"), lambda: str(5, "utf-8"), lambda: "é".encode("ascii", "nosuch"), lambda: str(b"\xe9", "ascii")]:
    try:
        print(bad())
    except (UnicodeError, LookupError, TypeError) as e:
        print(type(e).__name__ + ":", e)
table = str.maketrans("abc", "xyz", "!")
print(table, "a!b!c".translate(table), "hello".translate({ord("l"): "L", ord("o"): None}), str.maketrans({"é": "e", 120: None}), "éx".translate(str.maketrans({"é": "e", 120: None})))
print("a=b=c".partition("="), "a=b=c".rpartition("="), "abc".partition("z"), "  a  b  c  ".split(None, 1), "  a  b  c  ".rsplit(None, 1), "a,b,c".split(",", 0), "a\u2028b\x1cc".splitlines())
print("ab\tc\td".expandtabs(3), "x".center(6, "é"), "ab".ljust(1), "-0".zfill(4), "Hello"[::-1].removeprefix("ol"), "name.py".removesuffix(".py"), "aXbXc".replace("X", "", 1))
print("%(a)s=%(b)05.1f" % {"a": "pi", "b": 3.14159}, "%*d|%-*d|" % (4, 7, 4, 7), "%.3s" % "abcdef", "%c%c" % ("x", 121), "%r %a" % ("é", "é"), "%5.1e" % 12345.0, "%#o %#x %#X" % (8, 255, 255), "%+d % d" % (5, 5))
for bad in ["%d" , "%s %s", "%(a)s", "%y", "%"]:
    try:
        print(bad % ("x",) if bad != "%(a)s" else bad % ("x",))
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__ + ":", e)
print(format(5, "+04d"), format(-5.5, "08.2f"), format("s", ">3"), format(True), format(True, "^6"), format(None), format([1, 2]), format((1,)), format({1: 2}), format(range(2)), format(b"x"), format(1 + 1j, "+.1f"), format(0.5, "5.0%"))
for obj in [None, [1], object()]:
    try:
        format(obj, "x")
    except TypeError as e:
        print("TypeError:", str(e).replace(hex(id(obj)), "ID"))
print("abc".__str__(), "x".__getnewargs__(), "ab".__mul__(3), "ab".__rmul__(2), "%s!".__mod__("hi"), "x".__rmod__("%s"), "a".__add__("b"), "abc".__contains__("bc"), "ab".__len__(), "ab".__eq__("ab"))
