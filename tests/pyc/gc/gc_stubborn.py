# A generator in a garbage cycle that ignores GeneratorExit: the collector's close() fails, the
# failure is reported as unraisable (on stderr, with the generator's address), the generator is
# not closed again, and the cycle is still freed. Run by tests/safety_gc.rs (stderr is compared
# with the address masked, so this is not a golden program).
import gc

gc.disable()


class Noisy:
    def __del__(self):
        print("del Noisy")


def stubborn(ref):
    while True:
        try:
            yield ref
        except GeneratorExit:
            print("stubborn ignores GeneratorExit")


cycle = [Noisy()]
s = stubborn(cycle)
cycle.append(s)
next(s)
del s, cycle
print("before collect")
gc.collect()
print("after collect")
gc.collect()
print("done")
