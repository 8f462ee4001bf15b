# complex: construction (numbers, strings, keywords), repr with signed zeros,
# inf and nan, arithmetic, abs, conjugate, pow, comparisons, and errors.

z = complex(3, 4)
w = 1 - 2j
print(z, w, repr(z), str(w), z.real, z.imag, abs(z), z.conjugate(), type(z.real).__name__)
print(z + w, z - w, z * w, z / w, -z, +z, z ** 2, z ** 0.5, z ** -1, (1j) ** 2, 1j * 1j)
print(complex(), complex(2), complex(2.5), complex("1+2j"), complex(" 3-4j "), complex("j"), complex("-j"), complex("5"), complex("1e3j"))
print(complex(real=1, imag=2), complex(1, 2j), complex(1j, 1j), complex(True), complex("(1+2j)"), complex("infj"), complex("-nan+nanj"))
print(0j, -0j, complex(0.0, -0.0), complex(-0.0, 0.0), complex(-0.0, -0.0), 1 + 0j, 1 - 0j, -(0j), 0j * -1)
print(complex(1e300, 1e300) * 10, complex(float("inf"), 1), complex(1, float("nan")), complex(1.5, 2.25), 1e20j, 1.5e-7 + 1j)
print(3 + 4j == 3 + 4j, 3 + 0j == 3, 3 + 0j == 3.0, 1j != 1, (2 + 0j) in [2], hash(3 + 0j) == hash(3), hash(0j) == 0)
for bad in [
    lambda: z < w,
    lambda: 1j > 0,
    lambda: complex("1+"),
    lambda: complex("1 + 2j"),
    lambda: complex("x"),
    lambda: complex("1", 2),
    lambda: z // 2,
    lambda: z % 2,
    lambda: int(z),
    lambda: float(z),
    lambda: 1 / 0j,
    lambda: 0j ** -1,
    lambda: divmod(z, 1),
    lambda: round(z),
]:
    try:
        print(bad())
    except (TypeError, ValueError, ZeroDivisionError) as e:
        print(type(e).__name__ + ":", e)
print(abs(3 - 4j), abs(-5j), abs(complex(1e200, 1e200)), abs(1 + 1j), (1 + 1j).conjugate(), (2j).real, (2j).imag)
print(f"{z}", f"{z:.2f}", f"{w:>12}", f"{1.5 + 2.25j:e}", f"{z:g}", format(1 + 1j, "+.1f"), "%s %r" % (z, w))
acc = 0j
for k in range(1, 5):
    acc += complex(k, -k) / k
print(acc, sum([1j, 2, 3.5]), sum([1j] * 3), 2 * (1 + 1j), (1 + 1j) * 2.5, 10 / (1 + 1j), (1 + 2j) ** 3, pow(1j, 4))
print(complex(2, 3).__complex__(), z.__add__(1), z.__radd__(1.5), (1j).__mul__(1j), type(1j).__name__)
