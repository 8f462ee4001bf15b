# weakref from the standard library: finalize, WeakValueDictionary, WeakKeyDictionary and
# WeakSet clean up through weakref callbacks.
import gc
import weakref


class C:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return f'C({self.n})'


log = []
a = C(1)
f = weakref.finalize(a, log.append, 'finalized a')
print(f.alive, f.peek()[2:])
del a
print(log, f.alive, f())
log.clear()

b = C(2)
f2 = weakref.finalize(b, log.append, 'never')
print(f2.detach()[2:], f2.alive)
del b
print(log)

c = C(3)
f3 = weakref.finalize(c, lambda *a, **k: log.append((a, k)), 1, 2, k=3)
print(f3(), f3(), log)
log.clear()

objs = [C(i) for i in range(5)]
wvd = weakref.WeakValueDictionary((i, o) for i, o in enumerate(objs))
print(len(wvd), sorted(wvd.keys()))
del objs[:2]
print(len(wvd), sorted(wvd.keys()), wvd.get(0), wvd[2])
objs.clear()
print(len(wvd), list(wvd.items()))

keys = [C(i) for i in range(4)]
wkd = weakref.WeakKeyDictionary({k: k.n * 10 for k in keys})
print(len(wkd), sorted(wkd.values()))
keys.pop()
print(len(wkd), sorted(wkd.values()))

ws = weakref.WeakSet(keys)
print(len(ws))
keys.clear()
print(len(ws), list(ws))

# Cycles are collected and their finalizers run.
x = C('cyc')
x.me = x
weakref.finalize(x, log.append, 'cycle finalized')
del x
gc.collect()
print(log)
log.clear()

d = C('exit')
weakref.finalize(d, print, 'finalized at exit')
print('end of program')
