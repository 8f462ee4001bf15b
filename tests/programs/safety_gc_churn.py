# Creates 50,000 garbage reference cycles (two instances, their dicts and a list each, plus a
# 4 KB string). With the cycle collector memory stays flat; tests/safety_gc.rs measures the peak
# RSS of `pyvm run` on this file, and with the argument `nogc` (collector disabled) for contrast.
import gc
import sys

if sys.argv[1:] == ["nogc"]:
    gc.disable()


class Node:
    pass


def make(i):
    a = Node()
    b = Node()
    a.other = b
    b.other = a
    a.payload = [a, b, "x" * 4000 + str(i)]


for i in range(50000):
    make(i)
print("done, collector enabled:", gc.isenabled())
