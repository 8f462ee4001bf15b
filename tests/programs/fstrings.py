# f-strings: conversions, format specs, nested specs, expressions, debugging '='.

name = "pyvm"
n = 42
pi = 3.14159265
items = [1, 2, 3]
d = {"a": 1, "b": [2, 3]}

print(f"{name} {n} {pi}")
print(f"{name!r} {name!s} {name!a} {'caf\u00e9'!a}")
print(f"[{n:5}] [{n:<5}] [{n:^5}] [{n:>5}] [{n:05}] [{n:+}] [{-n:+}] [{n: }]")
print(f"[{name:10}] [{name:>10}] [{name:^10}] [{name:*^10}] [{name:.2}]")
print(f"{n:x} {n:X} {n:o} {n:b} {n:#x} {n:#o} {n:#b} {n:08b} {255:#06x}")
print(f"{pi:.2f} {pi:10.3f} {pi:e} {pi:.3e} {pi:g} {pi:%} {0.25:.1%}")
print(f"{1234567:,} {1234567:_} {1234567.891:,.2f} {-1234567:,}")
print(f"{n!r:>6} {name!r:^12}")

width = 8
prec = 3
print(f"[{pi:{width}.{prec}f}] [{name:>{width}}] [{n:{'^'}{width}}]")

print(f"{n + 1} {n * 2} {items[0]} {items[-1]} {d['a']} {d['b'][1]} {len(items)}")
print(f"{'nested ' + name} {[x * 2 for x in items]} {(lambda x: x + 1)(1)}")
print(f"{n if n > 40 else -n} {'yes' if items else 'no'}")
print(f"{{literal braces}} {{{n}}}")
print(f"{n=} {name=} {pi=:.2f} {items[1]=} {n + 1 = }")
print(f"{n=!s} {name=!r}")
print(f"multi {n} " f"part {name}" " plain")
print(f"{''}|{'':5}|{'':>3}|")
print(f"{True} {None} {False!r} {3.0} {-0.0} {1e100} {10**20}")
print(f"{True:d} {True:>5} {None!s:>6}")

# Quotes inside f-strings
q = "quoted"
print(f'{q}' f"{q!r}" f"""{q}""" f'''{"inner"}''')
print(f"{'\\'.join(['a', 'b'])}")
print(f"{'a' 'b'}")

# Format specs from format()
print(format(n, "5d"), format(pi, ".1f"), format(name, "<8") + "|", format(10, "c"))
print(format(3, ""), format("x"), format(1.0), format(-5, "03d"))

# Building tables
rows = [("alpha", 1, 0.5), ("beta", 22, 12.25), ("gamma", 333, 100.0)]
for label, count, ratio in rows:
    print(f"{label:<8}|{count:>5}|{ratio:>8.2f}|")

# Errors
def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)

attempt("bad spec", lambda: f"{n:q}")
attempt("str as int", lambda: f"{name:d}")
attempt("float x", lambda: f"{pi:x}")
attempt("sign str", lambda: f"{name:+}")
attempt("comma str", lambda: f"{name:,}")
attempt("precision int", lambda: f"{n:.2}")
