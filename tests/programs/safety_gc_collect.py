# The cycle collector: gc.collect() counts on a few cycle shapes, and __del__ on objects in
# cycles (PEP 442: finalizers run once, even after resurrection).
import gc


class A:
    pass


gc.collect()

a = A()
a.me = a
del a
print("instance self-cycle:", gc.collect())

l = []
l.append(l)
del l
print("list self-cycle:", gc.collect())

a = A()
b = A()
a.b = b
b.a = a
del a, b
print("two instances:", gc.collect())

d = {}
d["d"] = d
del d
print("dict self-cycle:", gc.collect())

t = ([],)
t[0].append(t)
del t
print("tuple-list cycle:", gc.collect())


def outer():
    x = 1

    def inner():
        return x, inner

    return inner


g = outer()
del g
print("closure cycle:", gc.collect())

chain = [[] for _ in range(10)]
for i in range(10):
    chain[i].append(chain[(i + 1) % 10])
del chain, i
print("ring of ten lists:", gc.collect())

alive = []
alive.append(alive)
print("reachable cycle:", gc.collect(), len(alive))


class D:
    def __del__(self):
        print("del", self.name, "sees its attributes:", self.me is self)


d = D()
d.name = "d1"
d.me = d
del d
print("with __del__ found something:", gc.collect() > 0)
print("nothing left:", gc.collect())

saved = None


class R:
    def __del__(self):
        global saved
        print("R.__del__ runs once")
        saved = self


r = R()
r.me = r
del r
gc.collect()
print("resurrected:", saved is not None and saved.me is saved)
saved = None
gc.collect()
print("second collection ran no finalizer")

gc.disable()
print("disabled:", gc.isenabled())
x = []
x.append(x)
del x
print("collect works while disabled:", gc.collect())
gc.enable()
print("enabled:", gc.isenabled())
