# Numeric conversion hooks: __index__ (slicing, bin/hex/oct, range, sequence
# repetition, operator.index), __int__, __float__, __complex__, and the errors
# when hooks are missing or return the wrong type.

class Idx:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return self.v
    def __repr__(self):
        return f"Idx({self.v})"

data = list(range(10))
i2, i5 = Idx(2), Idx(5)
print(data[i2], data[i2:i5], data[::Idx(3)], "abcdef"[Idx(-1)], (1, 2, 3)[Idx(1)])
print(bin(Idx(10)), hex(Idx(255)), oct(Idx(8)), list(range(Idx(3))), list(range(i2, Idx(12), Idx(4))))
print("ab" * Idx(3), [0] * Idx(2), Idx(3) * "xy", int(Idx(7)), [1, 2, 3][:Idx(-1)])
print(round(2.5678, Idx(2)), (2).__pow__(Idx(10)), [7, 8, 9].pop(Idx(1)), "abcd".center(Idx(8), "*"))
lst = [1, 2, 3, 4]
lst[Idx(0)] = "zero"
del lst[Idx(1)]
print(lst, bytes(Idx(3)), bytearray(Idx(2)), "%d %x" % (Idx(12), Idx(255)))
print(data[Idx(1):][Idx(0)], (10).to_bytes(Idx(2), "big"), int.from_bytes(b"\x01\x00", "little"))

class Int:
    def __int__(self):
        return 42
class Flt:
    def __float__(self):
        return 2.5
class Cpx:
    def __complex__(self):
        return 1 + 2j
class IntAndIndex:
    def __int__(self):
        return 1
    def __index__(self):
        return 2

print(int(Int()), float(Flt()), complex(Cpx()), int(IntAndIndex()), float(IntAndIndex()), bin(IntAndIndex()))
print(float(Idx(4)), complex(Flt()), complex(Idx(5)))
print(int("  12  "), int(3.99), int(-3.99), int(True), float("1e3"), float(" -inf "), int("0x1f", 16), int("0b101", 0))

class BadIndex:
    def __index__(self):
        return 1.5
class BadInt:
    def __int__(self):
        return "x"
class BadFloat:
    def __float__(self):
        return 1
class NoConv:
    pass

tests = [
    ("list[BadIndex]", lambda: [1][BadIndex()]),
    ("int(BadInt)", lambda: int(BadInt())),
    ("float(BadFloat)", lambda: float(BadFloat())),
    ("int(NoConv)", lambda: int(NoConv())),
    ("float(NoConv)", lambda: float(NoConv())),
    ("list[Int]", lambda: [1, 2][Int()]),
    ("range(Flt)", lambda: range(Flt())),
    ("hex(Int)", lambda: hex(Int())),
    ("'a'*Flt", lambda: "a" * Flt()),
    ("slice Int", lambda: data[Int():]),
    ("int('12a')", lambda: int("12a")),
    ("float('x')", lambda: float("x")),
    ("int(None)", lambda: int(None)),
    ("int('5', 1)", lambda: int("5", 1)),
    ("int(5, 10)", lambda: int(5, 10)),
    ("complex('1+')", lambda: complex("1+")),
]
for label, fn in tests:
    try:
        print(label, "->", fn())
    except (TypeError, ValueError) as e:
        print(label, "->", type(e).__name__ + ":", e)

class MyInt(int):
    def __index__(self):
        return 99
m = MyInt(3)
print(m, m + 1, [10, 20, 30, 40][m], int(m), type(int(m)).__name__, bin(m))

class MyFloat(float):
    def __float__(self):
        return 0.0
print(float(MyFloat(3.5)), MyFloat(3.5) + 0)
