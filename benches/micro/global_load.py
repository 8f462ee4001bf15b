"""Micro: LOAD_GLOBAL of module globals and of builtins."""
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0

STEP = 3
MASK = 0xFFFF
OFFSET = 11


def work(n):
    total = 0
    for _ in range(n):
        total = (total + STEP + OFFSET) & MASK
        if total is None or len is None:
            break
    return total


print(work(max(1, int(4000000 * SCALE))))
