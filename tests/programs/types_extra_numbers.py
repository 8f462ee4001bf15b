# int / bool / float / complex beyond the core corpus: the operator dunders
# and their NotImplemented rules, __divmod__ and three-argument __pow__,
# __getnewargs__, the numeric descriptors, to_bytes/from_bytes variants,
# float.fromhex / hex / __getformat__, complex construction, formatting
# and arithmetic corner cases.

print((7).__add__(1), (7).__add__(1.0), (7.0).__add__(1), (7.5).__radd__(2), (1j).__add__(2), (1j).__radd__(2.5), (3).__sub__(True))
print((7).__divmod__(2), (7).__divmod__(2.0), (7.5).__divmod__(2), (7.5).__rdivmod__(20), (-7).__rdivmod__(2), divmod(True, 2))
print((3).__pow__(4, 5), (3).__rpow__(2), (3).__pow__(2, None), (2.0).__pow__(3), (2).__pow__(-1), (10).__rpow__(2, 7), pow(7, -1, 10))
print((5).__lt__(6), (5).__lt__(6.0), (5.0).__lt__(6), (5.0).__eq__(5), (5).__eq__(5.0), (1j).__eq__(1j), (1j).__lt__(1j), (2).__ge__(True))
print(True.__and__(False), True.__or__(False), True.__xor__(True), True.__and__(3), (6).__and__(3), (6).__ror__(1), (6).__rxor__(True), (1).__rlshift__(3), (64).__rrshift__(1024))
print((7).__floordiv__(2), (7).__rfloordiv__(30), (7.0).__mod__(2), (7).__rmod__(30), (7).__truediv__(2), (7).__rtruediv__(14), (2.5).__rsub__(1), (2).__rmul__(4.5))
print((5).__getnewargs__(), (2.5).__getnewargs__(), (1 + 2j).__getnewargs__(), float.__getformat__("double"), (9).__index__(), (9).__trunc__(), (2.5).__trunc__())
print((5).real, (5).imag, (5).numerator, (5).denominator, True.real, True.denominator, (2.5).real, (2.5).imag, (3 - 4j).real, (3 - 4j).imag)
print((12).bit_length(), (-12).bit_length(), (0).bit_count(), (2 ** 70 - 1).bit_count(), (-9).bit_count(), (6).as_integer_ratio(), (6).is_integer(), (-6).conjugate(), True.conjugate())
print((1024).to_bytes(2), (1024).to_bytes(4, "little"), (-2).to_bytes(2, "big", signed=True), (255).to_bytes(1, byteorder="little"), (0).to_bytes(0, "big"))
print(int.from_bytes(b"\x04\x00"), int.from_bytes(b"\x00\x04", "little"), int.from_bytes(b"\xfe", "big", signed=True), int.from_bytes([1, 0, 0], "big"), int.from_bytes(bytearray(b"\x7f"), "little", signed=True), bool.from_bytes(b"\x00", "big"))
for bad in [lambda: (256).to_bytes(1, "big"), lambda: (-1).to_bytes(2, "big"), lambda: (1).to_bytes(2, "sideways"), lambda: int.from_bytes("x", "big"), lambda: int.from_bytes([300], "big"),
            lambda: (1).to_bytes(-1, "big"), lambda: (2).__pow__(3.0, 5), lambda: (2.0).__pow__(3, 5), lambda: float.__getformat__("long"), lambda: (1).__add__()]:
    try:
        print(bad())
    except (OverflowError, ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
print((0.375).hex(), (-0.0).hex(), float.fromhex("0x1.8p-1"), float.fromhex("-0X10"), float.fromhex("0x1p+10"), float.fromhex("  inf  "), (3.75).as_integer_ratio(), (1e16).is_integer())
print((2.5).__round__(), (3.5).__round__(), (2.675).__round__(2), (1234.5).__round__(-2), (7).__round__(-1), (15).__round__(-1), (25).__round__(-1), (2.5).__floor__(), (-2.5).__ceil__())
print(complex("1+2j"), complex("-3.5J"), complex(" (2-0j) "), complex("inf-infj"), complex("1_000+2_0j"), complex(1.5), complex(imag=2), complex(2, -0.0), complex(complex(1, 2), 3))
for bad in [lambda: complex("1+2"), lambda: complex("1__0"), lambda: complex("j1"), lambda: complex([1]), lambda: complex(1, "2"), lambda: complex(1, [2]), lambda: (1j).__lt__(1), lambda: 1j % 2]:
    try:
        print(bad())
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
z = 1.5 - 2.25j
print(format(z, ""), format(z, ".1f"), format(z, "^20.2e"), format(z, "*>16g"), format(-z, "+.3g"), format(2j, ".2f"), format(2j, ""), format(-0.0 + 3j, ""), format(z, "n"))
for bad_spec in ["05", "=10", "d", "%"]:
    try:
        format(z, bad_spec)
    except ValueError as e:
        print("ValueError:", e)
print(z.conjugate(), z.__complex__(), abs(3 + 4j), (1 + 1j) ** 3, (2 - 1j) ** -2, (1j) ** 0, 0j ** 0, (1 + 2j) / (3 - 4j), -(1 - 1j), +z == z, bool(0j), bool(-0.0 + 0j))
print(1e300 * 1e10, -1e300 * 1e10, (10 ** 20) / 3, 10 ** 20 // 3, -(10 ** 20) % 7, 7 % -(10 ** 20), float(2 ** 53 + 1), int(1e20), round(1e22, -21), divmod(-7.5, 2))
print(format(10 ** 20, ","), format(-255, "#x"), format(255, "08b"), format(3.14159, "+.2%"), format(1e-5, ".3"), format(123456789, "_d"), format(0.1, ".20f"), format(1.0, "#g"))
print(isinstance(True, int), True + 1.5, True * 1j, int.__add__(True, True), bool.__add__(True, True), float.__add__(1.5, 0.5), complex.__mul__(1j, 1j), type(True & True).__name__, type(True & 1).__name__)
