# Creates 50,000 garbage cycles through suspended generators: each generator's frame holds a
# list that holds the generator, plus a 4 KB string. With the cycle collector (which closes and
# frees unreachable suspended generators) memory stays flat; tests/safety_gc.rs measures the
# peak RSS of `pyvm run` on this file, and with the argument `nogc` (collector disabled).
import gc
import sys

if sys.argv[1:] == ["nogc"]:
    gc.disable()

closed = 0


def worker(box, payload):
    global closed
    try:
        while True:
            box.append((yield len(payload)))
    finally:
        closed += 1


def make(i):
    box = []
    g = worker(box, "x" * 4000 + str(i))
    box.append(g)
    next(g)
    g.send(box)


for i in range(50000):
    make(i)
gc.collect()
print("done, collector enabled:", gc.isenabled(), "closed:", closed == 50000)
