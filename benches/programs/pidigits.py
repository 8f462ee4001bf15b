"""Digits of pi from an unbounded spigot: big-integer multiply, add and floor division."""
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


def pi_digits(count):
    q, r, t, k = 1, 0, 1, 1
    digits = []
    while len(digits) < count:
        # compose with the next term of the series
        q, r, t = q * k, (2 * q + r) * (2 * k + 1), t * (2 * k + 1)
        k += 1
        if q > r:
            continue
        d = (3 * q + r) // t
        if d == (4 * q + r) // t:
            digits.append(d)
            q, r = 10 * q, 10 * (r - d * t)
    return digits


def main():
    count = max(10, int(4000 * SCALE))
    digits = pi_digits(count)
    text = "".join(map(str, digits))
    for start in range(0, min(count, 50), 10):
        print(text[start : start + 10])
    print("...")
    print(text[-10:], ":", count)
    print("digit sum:", sum(digits))


main()
