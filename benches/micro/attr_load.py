"""Micro: LOAD_ATTR of instance attributes and STORE_ATTR on one object."""
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


class Box:
    def __init__(self):
        self.a = 1
        self.b = 2
        self.c = 0


def work(box, n):
    for i in range(n):
        box.c = box.a + box.b + box.c
        box.a = box.b & 1023
        box.b = box.c & 4095
    return box.a + box.b + box.c


print(work(Box(), max(1, int(2500000 * SCALE))))
