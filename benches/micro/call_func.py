"""Micro: calls of small Python functions with positional arguments (CALL + RETURN_VALUE)."""
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


def add(a, b):
    return a + b


def pick(a, b, c):
    return c if a < b else a


def work(n):
    total = 0
    for i in range(n):
        total = add(total, i) & 0xFFFFF
        total = pick(total, i, total)
    return total


print(work(max(1, int(3000000 * SCALE))))
