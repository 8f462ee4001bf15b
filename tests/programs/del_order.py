"""The order in which a dead container's items are released, seen through __del__:
lists and tuples last to first, dicts and instance attributes first to last; the items
list.clear() drops go last to first too."""


class D:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


x = [D(1), D(2), D(3)]
del x
print("-- tuple")
t = (D(4), D(5), D(6))
del t
print("-- pair")
p = (D(41), D(42))
del p
print("-- dict")
d = {1: D(7), 2: D(8)}
del d
print("-- nested")
s = [D(9), (D(10), D(11)), [D(12), D(13)]]
s = None
print("-- instance")
o = D(14)
o.a = D(15)
o.b = D(16)
del o
print("-- list built by comprehension")
lst = [D(i) for i in range(17, 21)]
lst = 0
print("-- clear")
a = [D(21), D(22), D(23)]
a.clear()
print("end")
