"""Micro: LOAD_FAST / LOAD_CONST / BINARY_OP / STORE_FAST in a for-range loop."""
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


def work(n):
    a = 0
    b = 1
    c = 2
    for i in range(n):
        a = a + i
        b = b ^ i
        c = c - 3
        a = a & 0xFFFFFF
    return a + b + c


print(work(max(1, int(3500000 * SCALE))))
