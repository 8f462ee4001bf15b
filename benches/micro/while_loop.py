"""Micro: a while loop with COMPARE_OP, POP_JUMP_IF and in-place adds of small ints."""
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


def work(n):
    i = 0
    total = 0
    while i < n:
        total += i & 7
        i += 1
    return total


print(work(max(1, int(6000000 * SCALE))))
