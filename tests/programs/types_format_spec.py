# The format mini-language for int, float and str (fill, align, sign, #, 0,
# width, grouping, precision, types), %-formatting, and str.format with
# positional, keyword, attribute and index fields, conversions and nesting.

n = 1234567
for spec in ["", "d", "10d", "<10d", "^10d", ">10d", "=+10d", "+d", " d", "-d", ",", "_", "010,", "x", "X", "#x", "#o", "b", "#b", "_b", "e", ".2%", ".3e"]:
    print(f"{spec!r:>8}: [{format(n, spec)}]")
print([format(-42, s) for s in ["", "+", " ", "05", "<5", "=6", "#x", "x", "*^9"]])
print([format(0, s) for s in ["#b", "#o", "#x", "+", ","]], format(True, "d"), format(True, ""), format(255, "#010x"), format(233, "c"), format(9731, "^5c"))
x = 3.14159265358979
for spec in ["", "f", ".2f", "10.3f", "<10.2f", "^+10.1f", "e", ".3E", "g", ".3g", "G", "%", ".1%", ",.2f", "_.4f", "012.4f", "#.0f", ".0f", ".10g"]:
    print(f"{spec!r:>9}: [{format(x, spec)}]")
print([format(v, "g") for v in [1e16, 1e-5, 123456789.0, 0.0001, 1e15, 100.0, -0.0, float("inf"), float("nan")]])
print([format(v, ".2f") for v in [2.675, 0.125, 0.135, -0.005, 1e20, float("-inf")]], format(1e300, ".3e"))
print([format(v, "") for v in [1.0, 1e16, 1.5e-7, 0.1 + 0.2, 123456789012345678.0]], format(12.5, "=+9.2f"))
print(repr(format(3.0, "#g")), repr(format(1234.5, ",.1f")), repr(format(-1234.5, "_")), format(0.5, ".0f"), format(1.5, ".0f"), format(2.5, ".0f"))
for spec in ["", "s", "10", "<10", ">10", "^10", "*^11", ".3", "10.2", "-<6"]:
    print(f"{spec!r:>7}: [{format('héllo', spec)}]")
for bad in [(1.5, "d"), ("s", "d"), (5, "s"), (5, ".2d"), ("s", "+"), (5, ",x"), (1, "z")]:
    try:
        format(*bad)
    except ValueError as e:
        print("ValueError:", e)

print("%s|%r|%a" % ("é", "é", "é"), "%d|%i|%u" % (7, -7, 7), "%5d|%-5d|%05d|%+d" % (42, 42, 42, 42))
print("%x|%X|%#x|%o|%#o" % (255, 255, 255, 8, 8), "%e|%E|%.2e" % (12345.678, 0.00012, 1.0), "%c%c" % (65, "z"))
print("%f|%.2f|%10.3f|%-10.1f|%g|%G" % (3.14159, 2.675, -1.5, 2.25, 1e-7, 1e20), "100%% sure%s" % "!", "%(a)s-%(b)03d" % {"a": "x", "b": 7})
print("%*d|%-*d|%.*f" % (5, 1, 4, 2, 2, 3.14159), "%s" % ((1, 2),), "%s %s" % (1, 2), "%s" % [1, 2], "%5.1s|" % "abc")
for bad in [lambda: "%d" % "x", lambda: "%s %s" % (1,), lambda: "%s" % (1, 2), lambda: "%z" % 1, lambda: "%(k)s" % {}]:
    try:
        bad()
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__ + ":", e)

class Pt:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __format__(self, spec):
        if spec == "polar":
            return f"<r={(self.x ** 2 + self.y ** 2) ** 0.5:.1f}>"
        return f"({self.x:{spec}}, {self.y:{spec}})"
    def __repr__(self):
        return "Pt!"
p = Pt(3, 4)
print("{0.x}-{0.y}".format(p), "{p.x}".format(p=p), "{0[1]}{0[0]}".format("ab"), "{d[k]} {d[2]}".format(d={"k": "v", 2: "two"}))
print("{} {} {}".format(*"xyz"), "{2}{1}{0}".format(1, 2, 3), "{:polar}".format(p), "{:05.1f}".format(p), "{!r}".format(p), "{!s:>6}".format(1))
print("{:{w}.{p}f}".format(3.14159, w=10, p=2), "{:{}{}{}}".format("c", "*", "^", 7), "{{literal}} {}".format(1), f"{p:polar}", f"{p!r:>5}")
print(format(p, "03"), "{0}{0!r}".format("q"), "{a}{b}".format(b=2, a=1), "{0:,}".format(10 ** 10), "{:_x}".format(0xDEADBEEF))
for bad in [lambda: "{} {1}".format(1, 2), lambda: "{2}".format(1), lambda: "{x}".format(), lambda: "{".format(), lambda: "{0.nope}".format(1), lambda: "{!z}".format(1)]:
    try:
        bad()
    except (ValueError, IndexError, KeyError, AttributeError) as e:
        print(type(e).__name__ + ":", e)
print(f"{'nested':{'>'}{12}}", f"{3 + 4 = }", f"{x = :.2f}", f"{'a' 'b'}", f"{n:,d}".replace(",", "."))
