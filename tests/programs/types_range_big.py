# range objects whose bounds do not fit a machine word.
big = 1 << 100
r = range(big)
print(r, bool(r), bool(range(big, big)))
try:
    len(r)
except OverflowError as e:
    print("OverflowError:", e)
try:
    len(range(2**63))
except OverflowError as e:
    print("OverflowError:", e)
print(len(range(2**31 - 1)))
print(r[5], r[-1], r[-big])
try:
    r[big]
except IndexError as e:
    print("IndexError:", e)
try:
    r[-big - 1]
except IndexError as e:
    print("IndexError:", e)
print(r[::2], r[10:], r[::-1], r[-3:])
print(r[::-1][0], r[big - 3:][1])
print(big - 1 in r, big in r, -1 in r, 12345 in r, 3.0 in r)
print(r.index(big - 1), r.count(7), r.count(big))
try:
    r.index(big)
except ValueError as e:
    print("ValueError:", e)
s = range(-big, big, 3)
print(s, s[0], s[-1], s.index(-big + 30), (-big + 31) in s)
it = iter(r)
print(type(it).__name__, next(it), next(it), next(it))
print(type(iter(range(10))).__name__, type(iter(range(2**64 - 10, 2**64 - 5))).__name__)
print(list(range(2**63 - 3, 2**63 + 3)))
print(list(range(2**64, 2**64 - 5, -2)))
print(list(range(-2**63 - 2, -2**63 + 2)))
rv = reversed(r)
print(type(rv).__name__, next(rv), next(rv))
rv = reversed(range(10))
print(type(rv).__name__, list(rv))
print(list(reversed(range(2**63 - 3, 2**63 + 3, 2))))
print(range(big) == range(big), range(0, big, 2) == range(0, big - 1, 2), range(big, 0) == range(0))
print(range(big)[:0] == range(5, 5), range(big, big + 1) == range(big, big + 2, 5))
print(hash(range(0)) == hash(range(5, 5)), hash(range(7, 8)) == hash(range(7, 9, 5)))
print(hash(range(3, 30, 4)) == hash((7, 3, 4)), hash(range(0)) == hash((0, None, None)))
print(hash(range(9, 10)) == hash((1, 9, None)))
print(r.start, r.stop, r.step, s.step)
print(range(big, -big, -big // 2), list(range(big, -big, -big // 2)))
for i in range(big, big + 3):
    print(i)
print(sum(range(2**62, 2**62 + 4)))
print(max(range(2**70, 2**70 + 5)), min(range(-2**70, 0, 2**68)))
print(range(10**30, 10**30 + 10, 3)[1:][::-1])
x = iter(range(2**63 - 2, 2**63 + 1))
print(x.__length_hint__(), next(x), x.__length_hint__())
print(list(x))
print(list(zip(range(big, big + 3), "abc")))
print(sorted(range(2**64 + 2, 2**64 - 2, -1)))
print(range(0, 2**63, 2**62)[1], len(range(0, 2**64, 2**62)))
it = iter(range(big, big + 10, 3))
next(it)
print(type(it).__name__, it.__length_hint__())
r = it.__reduce__()
print(r[0] is iter, r[1][0], r[2])
it2 = iter(range(5))
next(it2)
print(it2.__reduce__()[1:], it2.__length_hint__())
print(range(big).__reduce__())
print(repr(iter(range(big)))[:27])
import operator
print(operator.length_hint(iter(range(big, big+7))))
x = iter(range(10))
x.__setstate__(7)
print(list(x))
y = iter(range(big, big + 10))
y.__setstate__(8)
print(list(y))
print(reversed(range(big)).__length_hint__())
print(range(big)[10:20:3], range(big)[::-1][big-1], len(range(big)[big-5:]))
print(range(-5, big)[-3:] == range(big-3, big))
print(list(range(2**63-2, 2**63+2)[1:3]))
huge = range(2**100)
for name, f in [("unpack", lambda: [*huge]), ("tuple", lambda: tuple(huge)), ("list", lambda: list(huge)),
                ("star", lambda: (lambda *a: a)(*huge)), ("extend", lambda: [].extend(huge)),
                ("join", lambda: "".join(huge)), ("sorted", lambda: sorted(huge))]:
    try:
        f()
    except OverflowError as e:
        print(name, "OverflowError:", e)
