# weakref.ref callbacks run when the referent dies (refcount drop or cycle collection).
import gc
import weakref


class C:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f'C({self.name})'


log = []


def cb(r):
    log.append(('cb', r() is None, type(r).__name__))


a = C('a')
r = weakref.ref(a, cb)
print(r.__callback__ is cb, r() is a)
del a
print('after del', log)
log.clear()

# Several weakrefs: callbacks run newest first; a weakref that died first is not called.
b = C('b')
r1 = weakref.ref(b, lambda w: log.append('r1'))
r2 = weakref.ref(b, lambda w: log.append('r2'))
r3 = weakref.ref(b, lambda w: log.append('r3'))
del r2
b = None
print(log)
log.clear()

# Cycle: the callback runs when the collector frees it.
x = C('x')
x.self = x
rx = weakref.ref(x, lambda w: log.append(('cycle', w is rx)))
del x
print('before collect', log)
gc.collect()
print('after collect', log)
log.clear()


# __del__ runs before the weakref callback.
class D:
    def __del__(self):
        log.append('__del__')


d = D()
rd = weakref.ref(d, lambda w: log.append('callback'))
del d
print(log)
log.clear()

# An exception in a callback is reported as unraisable and does not stop the program.
e = C('e')


class Bad:
    def __call__(self, w):
        log.append('bad ran')
        raise ValueError('boom')

    def __repr__(self):
        return 'Bad()'


re_ = weakref.ref(e, Bad())
del e
print(log)
log.clear()


# A subclass of ref with extra state, as WeakValueDictionary's KeyedRef.
class KeyedRef(weakref.ref):
    __slots__ = ('key',)

    def __new__(cls, ob, callback, key):
        self = super().__new__(cls, ob, callback)
        self.key = key
        return self

    def __init__(self, ob, callback, key):
        super().__init__(ob, callback)


store = {}
vals = [C(i) for i in range(3)]
for i, v in enumerate(vals):
    store[i] = KeyedRef(v, lambda w: store.pop(w.key), i)
print(sorted(store))
del vals[1]
print(sorted(store))
vals.clear()
print(sorted(store))
print('done')
