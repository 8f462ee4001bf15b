# Cycles through objects of native types (deque, its iterator, functools.partial) are
# collected: the collector sees their contents (and empties a deque that is garbage). So are
# instances of subclasses of builtin types whose attribute dict refers back to them; their
# __del__ runs before anything is cleared, and gc.collect() counts as CPython 3.12 does (the
# attributes of a `list` subclass instance are inline, those of a `str` subclass are a dict).
import collections
import functools
import gc

gc.disable()
gc.collect()  # garbage left by start-up differs between CPython builds


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def deque_cycle():
    d = collections.deque()
    n = Noisy("in a deque")
    d.append(n)
    n.back = d


def deque_self():
    d = collections.deque([Noisy("beside a deque holding itself")])
    d.append(d)


def deque_iterator_cycle():
    d = collections.deque([Noisy("in a deque with an iterator")])
    it = iter(d)
    d.append(it)


def partial_cycle():
    n = Noisy("bound by a partial")
    n.call = functools.partial(print, n, sep="")


for make in (deque_cycle, deque_self, deque_iterator_cycle, partial_cycle):
    make()
    print(make.__name__, "collected something:", gc.collect() > 0)


class S(str):
    def __del__(self):
        print("del S", str(self), self.me is self)


class L(list):
    def __del__(self):
        print("del L", len(self), self[0] is self, self.tag)


class I(int):
    def __del__(self):
        print("del I", int(self), self.me is self)


o = S("text")
o.me = o
del o
print("str subclass:", gc.collect())
o = L()
o.append(o)
o.tag = "tagged"
del o
print("list subclass:", gc.collect())
o = I(10**30)
o.me = o
del o
print("int subclass:", gc.collect())
print("done")
