# A shape hierarchy: abstract-ish base with NotImplementedError, overriding,
# class attributes, zero-arg super(), __repr__/__str__, sorting by a method.

class Shape:
    kind = "shape"
    count = 0

    def __init__(self, name):
        self.name = name
        Shape.count += 1

    def area(self):
        raise NotImplementedError(f"{type(self).__name__}.area")

    def perimeter(self):
        raise NotImplementedError

    def describe(self):
        return f"{self.kind} {self.name}: area={self.area():.2f} perimeter={self.perimeter():.2f}"

    def __repr__(self):
        return f"{type(self).__name__}({self.name!r})"


class Rect(Shape):
    kind = "rectangle"

    def __init__(self, name, w, h):
        super().__init__(name)
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h

    def perimeter(self):
        return 2 * (self.w + self.h)


class Square(Rect):
    kind = "square"

    def __init__(self, name, side):
        super().__init__(name, side, side)

    def __str__(self):
        return f"Square[{self.w}]"


class Circle(Shape):
    kind = "circle"
    PI = 3.141592653589793

    def __init__(self, name, r):
        super().__init__(name)
        self.r = r

    def area(self):
        return self.PI * self.r ** 2

    def perimeter(self):
        return 2 * self.PI * self.r


class Triangle(Shape):
    kind = "triangle"

    def __init__(self, name, a, b, c):
        super().__init__(name)
        if a + b <= c or a + c <= b or b + c <= a:
            raise ValueError(f"invalid triangle sides {a}, {b}, {c}")
        self.sides = (a, b, c)

    def perimeter(self):
        return sum(self.sides)

    def area(self):
        s = self.perimeter() / 2
        a, b, c = self.sides
        return (s * (s - a) * (s - b) * (s - c)) ** 0.5


shapes = [Rect("r1", 3, 4), Square("s1", 2.5), Circle("c1", 1), Triangle("t1", 3, 4, 5), Circle("c2", 0.5)]
for s in shapes:
    print(s.describe())
print(shapes)
print([str(s) for s in shapes])
print("count:", Shape.count, Rect.count, Square.count)

by_area = sorted(shapes, key=lambda s: s.area())
print("by area:", [s.name for s in by_area])
by_perim = sorted(shapes, key=lambda s: s.perimeter(), reverse=True)
print("by perimeter desc:", [s.name for s in by_perim])
print("total area: %.4f" % sum(s.area() for s in shapes))

try:
    Triangle("bad", 1, 2, 10)
except ValueError as e:
    print("ValueError:", e)
print("count after failure:", Shape.count)

try:
    Shape("plain").describe()
except NotImplementedError as e:
    print("NotImplementedError:", e)
try:
    Shape.perimeter(Square("s2", 1)), Shape("p").perimeter()
except NotImplementedError as e:
    print("NotImplementedError repr:", repr(e))

sq = shapes[1]
print(isinstance(sq, Rect), isinstance(sq, Shape), isinstance(sq, Circle))
print(issubclass(Square, Shape), issubclass(Shape, Square))
print(type(sq).__mro__)
print([c.__name__ for c in Square.__mro__])
print(Square.__bases__, Shape.__bases__)
print(Square.kind, Rect.kind, Shape.kind, sq.kind)
sq.kind = "custom"
print(sq.kind, Square.kind, vars(sq))
del sq.kind
print(sq.kind)
print(Square.area is Rect.area, Square.__str__ is Shape.__str__, Circle.__str__ is object.__str__)
print(Square.__name__, Square.__qualname__, Square.__module__)
