"""Micro: float multiply/add/divide on locals."""
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


def work(n):
    x = 0.5
    s = 0.0
    for _ in range(n):
        x = x * 1.000001 + 0.25
        s = s + x / 3.0
        x = x - 0.25
    return s


print("%.6f" % work(max(1, int(4000000 * SCALE))))
