"""Micro: bound method calls (LOAD_ATTR method form + CALL) on an instance."""
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


class Acc:
    def __init__(self):
        self.total = 0

    def add(self, v):
        self.total += v
        return self

    def get(self):
        return self.total


def work(n):
    acc = Acc()
    for i in range(n):
        acc.add(i & 15)
        if acc.get() < 0:
            break
    return acc.get()


print(work(max(1, int(4000000 * SCALE))))
