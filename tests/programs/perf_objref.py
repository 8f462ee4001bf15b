"""Reference counts kept in 32 bits (vm/src/objref.rs): weak references, objects dying with
weak references left, `__del__` resurrection, cycles, and objects with many references."""
import gc
import weakref


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __repr__(self):
        return "Node(%s)" % self.name


# Weak references to an object, dropped before and after it dies.
a = Node("a")
r1 = weakref.ref(a)
r2 = weakref.ref(a, lambda r: print("callback, dead:", r() is None))
print("alive:", r1() is a, r2() is a)
del r2
r3 = weakref.ref(a, lambda r: print("callback 3"))
del a
print("after del:", r1(), r3())

# A weak reference outliving its object, then dropped.
b = Node("b")
w = weakref.ref(b)
del b
print("dead:", w() is None)
del w

# Many strong references to one object, then released.
shared = Node("shared")
many = [shared] * 100000
ws = weakref.ref(shared)
del shared
print("alive through list:", ws() is not None, len(many))
many = None
print("dead after list:", ws() is None)

# Resurrection from __del__: the object dies again without a second __del__.
keep = []


class Phoenix:
    def __del__(self):
        print("__del__", self.tag)
        keep.append(self)


p = Phoenix()
p.tag = "phoenix"
wp = weakref.ref(p)
del p
print("resurrected:", len(keep), keep[0].tag)
keep.clear()
print("gone:", keep)

# A cycle with weak references, collected by the cycle collector.
x = Node("x")
y = Node("y")
x.other = y
y.other = x
wx = weakref.ref(x, lambda r: print("x collected"))
del x, y
gc.collect()
print("cycle:", wx() is None)

# Weak references held in a dict, looked up after some targets died.
vals = [Node(str(i)) for i in range(5)]
refs = {v.name: weakref.ref(v) for v in vals}
del vals[1:3]
print("live:", sorted(k for k, r in refs.items() if r() is not None))

# Deep chains are freed without native recursion.
head = None
for i in range(100000):
    n = Node(i)
    n.other = head
    head = n
wh = weakref.ref(head)
head = n = None
print("chain freed:", wh() is None)

# Objects moved out of their only reference (tuples of tuples rebuilt in place).
t = tuple((i, str(i)) for i in range(5))
print(t, len({id(e) for e in t}))
