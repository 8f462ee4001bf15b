"""object.__getstate__ and the errors of object.__reduce_ex__ that come before copyreg is
imported, and the raw_unicode_escape codec (pickle protocol 0's str encoding). The copy and
pickle round trips are in tests/stdlib/copy_reduce.py (they need the standard library)."""


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y


p = P(1, [2, 3])
print(p.__getstate__(), p.__getstate__() is p.__dict__, object().__getstate__())
print(P.__new__(P).__getstate__())


class S:
    __slots__ = ("a", "b")


s = S()
print(s.__getstate__())
s.a = 5
print(s.__getstate__())


class SD(S):
    __slots__ = ("c", "__dict__")


sd = SD()
sd.c = 3
sd.z = 4
print(sd.__getstate__())
S.__slotnames__ = ["b"]
s.b = 6
print(s.__getstate__())


class G:
    def __getstate__(self):
        return "mine"


print(G().__getstate__(), object.__getstate__(G()))


def bad(getnewargs_ex=None, getnewargs=None):
    class B:
        pass

    if getnewargs_ex is not None:
        B.__getnewargs_ex__ = lambda self: getnewargs_ex
    if getnewargs is not None:
        B.__getnewargs__ = lambda self: getnewargs
    try:
        B().__reduce_ex__(2)
    except (TypeError, ValueError) as exc:
        print(type(exc).__name__, exc)


bad(getnewargs_ex=[1])
bad(getnewargs_ex=(1,))
bad(getnewargs_ex=(1, 2, 3))
bad(getnewargs_ex=([], {}))
bad(getnewargs_ex=((), []))
bad(getnewargs=[1])


class R:
    def __reduce__(self):
        return ("R", 1)


print(R().__reduce_ex__(2), R().__reduce_ex__(0))
for call in (
    lambda: object().__reduce_ex__(),
    lambda: object().__reduce_ex__("a"),
    lambda: object().__reduce__(1),
    lambda: object().__getstate__(1),
    lambda: object().__reduce_ex__(1, 2),
    lambda: object().__reduce_ex__(2**70),
):
    try:
        call()
    except (TypeError, OverflowError) as exc:
        print(type(exc).__name__, exc)

for s in ["abc", "caf\xe9", "\u20ac x \U0001f600", "\\u0041", "\ud800", ""]:
    enc = s.encode("raw-unicode-escape")
    print(enc, enc.decode("raw_unicode_escape") == s)
for raw in [b"\\u0041\\U0001F600", b"\\\\u0041", b"\\x", b"\\", b"a\\u00", b"\\U00110000", b"\\u12G4"]:
    try:
        print(ascii(raw.decode("raw-unicode-escape")))
    except UnicodeDecodeError as exc:
        print(exc)
print(ascii(b"a\\u00zz".decode("raw-unicode-escape", "replace")))
print(ascii(b"a\\u00zz\\u12".decode("raw_unicode_escape", "ignore")))
print(ascii(str(b"\\u00e9\xff", "raw-unicode-escape")), "\xff\u0100".encode("RAW_UNICODE_ESCAPE"))
