# fractions (over decimal -> _pydecimal, numbers, math, operator, re) from the standard library.
from fractions import Fraction
from decimal import Decimal
import math

a = Fraction(3, 4)
b = Fraction('2/3')
print(a, b, repr(a), a + b, a - b, a * b, a / b, a // b, a % b, a ** 2, -a, abs(-b))
print(Fraction(6, -8), Fraction(5), Fraction('1.25'), Fraction(' -3/7 '), Fraction('1e-3'), Fraction(2.5))
print(Fraction.from_float(0.1), Fraction.from_decimal(Decimal('1.1')), Fraction(0.1).limit_denominator(10))
print(Fraction(math.pi).limit_denominator(1000), Fraction(3, 7).limit_denominator(2), Fraction(1, 3).as_integer_ratio())
print(a < b, a == Fraction(6, 8), a == 0.75, a + 1, 1 - a, a * 2.0, float(b), int(Fraction(-7, 2)), round(Fraction(5, 2)))
print(round(Fraction(7, 3), 2), math.floor(Fraction(-7, 2)), math.ceil(Fraction(7, 2)), Fraction(1, 3).is_integer())
print(a.numerator, a.denominator, hash(Fraction(1, 2)) == hash(0.5), sum([Fraction(1, n) for n in range(1, 6)]))
print(format(Fraction(1, 3), '.5f'), f'{Fraction(22, 7):.3e}', format(Fraction(5, 4), ''), str(Fraction(10, 5)))
try:
    Fraction(1, 0)
except ZeroDivisionError as e:
    print('ZeroDivisionError:', e)
try:
    Fraction('x/2')
except ValueError as e:
    print('ValueError:', e)
print(Decimal('1.1') + Decimal('2.2'), Decimal(1) / Decimal(7), Decimal('3.14159').quantize(Decimal('0.01')))
