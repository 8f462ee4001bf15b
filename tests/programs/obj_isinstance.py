# isinstance/issubclass with classes, tuples (nested), unions (int | str),
# __instancecheck__/__subclasscheck__ on metaclasses, __class__ overrides,
# the error messages for bad arguments, and type(name, bases, dict).

class Animal: pass
class Dog(Animal): pass
class Cat(Animal): pass
class Robot: pass

rex, tom, r2 = Dog(), Cat(), Robot()
print(isinstance(rex, Dog), isinstance(rex, Animal), isinstance(rex, Cat), isinstance(rex, object))
print(isinstance(rex, (Cat, Robot)), isinstance(rex, (Cat, (Robot, (Dog,)))), isinstance(rex, ()))
print(isinstance(3, int | str), isinstance("s", int | str), isinstance(None, int | None), isinstance(2.0, int | str))
print(issubclass(Dog, Animal), issubclass(Dog, Dog), issubclass(Animal, Dog), issubclass(Dog, (Robot, Animal)))
print(issubclass(bool, int), issubclass(int, object), issubclass(type, object), issubclass(object, type))
print(isinstance(True, int), isinstance(int, type), isinstance(type, type), isinstance(object, type))
print(issubclass(Dog, int | Animal), type(int | str).__name__, int | str, (int | str).__args__)

for args in [(rex, 5), (rex, (Dog, 5)), (Dog, rex), (rex, "Dog")]:
    try:
        print(issubclass(*args) if args[0] is Dog else isinstance(*args))
    except TypeError as e:
        print("TypeError:", e)
try:
    issubclass(rex, Dog)
except TypeError as e:
    print("TypeError:", e)

class DuckMeta(type):
    def __instancecheck__(cls, obj):
        print(f"  __instancecheck__({cls.__name__}, {type(obj).__name__})")
        return hasattr(obj, "quack")
    def __subclasscheck__(cls, sub):
        print(f"  __subclasscheck__({cls.__name__}, {sub.__name__})")
        return hasattr(sub, "quack")

class Duck(metaclass=DuckMeta):
    pass

class Mallard:
    def quack(self):
        return "Quack"

class RealDuck(Duck):
    pass

print(isinstance(Mallard(), Duck), isinstance(rex, Duck))
print(isinstance(RealDuck(), Duck))     # a real subclass, but the hook decides
print(isinstance(Duck(), Duck))         # exact type: the hook is not called
print(issubclass(Mallard, Duck), issubclass(Dog, Duck), issubclass(Duck, Duck))
print(isinstance(Mallard(), (int, Duck)))

class EvenMeta(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, int) and obj % 2 == 0
class EvenNumber(metaclass=EvenMeta):
    pass
print([x for x in range(7) if isinstance(x, EvenNumber)], isinstance("2", EvenNumber))

class Fake:
    @property
    def __class__(self):
        return Dog
f = Fake()
print(isinstance(f, Dog), isinstance(f, Fake), type(f).__name__, f.__class__.__name__)

Point = type("Point", (), {"x": 0, "y": 0, "norm": lambda self: abs(self.x) + abs(self.y)})
p = Point()
p.x, p.y = 3, -4
print(Point.__name__, Point.__qualname__, Point.__module__, p.norm(), Point.__bases__, isinstance(p, Point))
Point3 = type("Point3", (Point,), {"z": 1, "__repr__": lambda self: f"Point3({self.x},{self.y},{self.z})"})
print(Point3(), [c.__name__ for c in Point3.__mro__], issubclass(Point3, Point))
Named = type("Named", (Exception,), {"__doc__": "made by type()"})
try:
    raise Named("dynamic")
except Named as e:
    print(type(e).__name__, e, Named.__doc__)
print(type(5) is int, type("x").__name__, type(type), type(None).__name__, type(Point).__name__)
for bad in [lambda: type("X", 5, {}), lambda: type("X", (), 5), lambda: type(1, (), {}), lambda: type("X", (5,), {}), lambda: type()]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
