"""Micro: calls of builtin functions and methods (len, abs, min, list.append)."""
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


def work(n):
    items = []
    total = 0
    for i in range(n):
        total += abs(i - 500) + min(i, 7)
        items.append(i)
        if len(items) > 100:
            items = []
    return total + len(items)


print(work(max(1, int(1600000 * SCALE))))
