# Minimal classes: __init__, instance and class attributes, methods,
# __repr__/__str__/__eq__, getattr/setattr/hasattr/delattr, isinstance.

class Point:
    dims = 2

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"

    def __eq__(self, other):
        if not isinstance(other, Point):
            return NotImplemented
        return (self.x, self.y) == (other.x, other.y)

    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)

    def norm2(self):
        return self.x * self.x + self.y * self.y

p = Point(3, 4)
q = p.moved(1, -1)
print(p, q, p.norm2(), q.norm2(), p.dims, Point.dims)
print(p == Point(3, 4), p == q, p != q, p == (3, 4))
print(str(p), repr([p, q]), type(p).__name__, isinstance(p, Point), isinstance(3, Point))

p.x += 10
p.label = "moved"
print(p, p.label, hasattr(p, "label"), hasattr(p, "nope"))
del p.label
print(hasattr(p, "label"), getattr(p, "label", "gone"))
setattr(p, "y", -1)
print(getattr(p, "y"), p)

try:
    p.missing
except AttributeError as e:
    print("AttributeError:", e)
try:
    del p.missing
except AttributeError as e:
    print("AttributeError:", e)

class Counter:
    instances = 0

    def __init__(self, start=0):
        Counter.instances += 1
        self.value = start

    def increment(self, by=1):
        self.value += by
        return self

    def __str__(self):
        return f"<Counter {self.value}>"

c = Counter().increment().increment(5)
d = Counter(100)
print(c, d, Counter.instances, c.value + d.value)
print(str(c), repr(c)[:17])

# Bound methods are objects too
inc = d.increment
inc(2)
inc(3)
print(d.value, callable(inc), inc.__name__)

# Class with a class-level list shared by instances
class Registry:
    items = []

    def add(self, item):
        self.items.append(item)
        return len(self.items)

r1 = Registry()
r2 = Registry()
r1.add("a")
r2.add("b")
print(Registry.items, r1.items is r2.items)

# Methods calling each other and instance dict
class Stack:
    def __init__(self):
        self._data = []

    def push(self, v):
        self._data.append(v)

    def pop(self):
        if self.is_empty():
            raise IndexError("pop from empty Stack")
        return self._data.pop()

    def is_empty(self):
        return not self._data

s = Stack()
for v in "abc":
    s.push(v)
print(s.pop(), s.pop(), vars(s))
s.pop()
try:
    s.pop()
except IndexError as e:
    print("IndexError:", e)

try:
    Point(1)
except TypeError as e:
    print("TypeError:", e)
