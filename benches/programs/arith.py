"""Tight loops of int and float arithmetic inside one function."""
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


def int_work(n):
    acc = 0
    x = 12345
    for i in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        acc += (x >> 7) % 1000 - (i & 15)
        if acc > 1000000:
            acc -= 999983
        acc ^= (i << 1) & 0xFF
    return acc


def float_work(n):
    total = 0.0
    x = 0.3
    y = 1.0
    for i in range(n):
        x = 3.7 * x * (1.0 - x)
        y = y * 0.999 + x / (1.0 + i * 0.0001)
        total += y - x * 0.5
    return total


def main():
    n = max(1, int(1000000 * SCALE))
    a = int_work(n)
    b = float_work(n)
    print("int:", a)
    print("float:", round(b, 6))


main()
