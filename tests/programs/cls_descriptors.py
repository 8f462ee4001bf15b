# Descriptors: property with getter/setter/deleter, read-only properties,
# classmethod/staticmethod, user data vs non-data descriptors and their
# precedence relative to the instance __dict__, and bound method objects.

class Temperature:
    def __init__(self, celsius):
        self._c = celsius

    @property
    def celsius(self):
        """Degrees Celsius."""
        return self._c

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError(f"{value} is below absolute zero")
        self._c = value

    @celsius.deleter
    def celsius(self):
        print("  deleting celsius")
        del self._c

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    @classmethod
    def from_f(cls, f):
        return cls((f - 32) * 5 / 9)

    @staticmethod
    def valid(c):
        return c >= -273.15

t = Temperature(25)
print(t.celsius, t.fahrenheit)
t.celsius = 100
print(t.celsius, t.fahrenheit, Temperature.from_f(212).celsius, t.from_f(32).celsius)
print(Temperature.valid(-300), t.valid(0))
for action in [lambda: setattr(t, "celsius", -500), lambda: setattr(t, "fahrenheit", 1)]:
    try:
        action()
    except (ValueError, AttributeError) as e:
        print(type(e).__name__ + ":", e)
del t.celsius
print(hasattr(t, "_c"))
try:
    t.celsius
except AttributeError as e:
    print("AttributeError:", e)
try:
    del t.fahrenheit
except AttributeError as e:
    print("AttributeError:", e)
prop = Temperature.__dict__["celsius"]
print(type(prop).__name__, prop.__doc__, prop.fget.__name__, prop.fset is not None, prop.fdel is not None)
print(type(Temperature.__dict__["from_f"]).__name__, type(Temperature.__dict__["valid"]).__name__)
print(Temperature.valid.__qualname__, Temperature.from_f.__self__ is Temperature, t.valid(5))

class Sub(Temperature):
    pass
print(type(Sub.from_f(50)).__name__, Sub.from_f(50).celsius)

class Verbose:
    def __init__(self, name):
        self.name = name
    def __get__(self, obj, objtype=None):
        print(f"  __get__({self.name}, obj={type(obj).__name__}, type={objtype.__name__})")
        if obj is None:
            return self
        return obj.__dict__.get(self.name, "unset")
    def __set__(self, obj, value):
        print(f"  __set__({self.name}, {value!r})")
        obj.__dict__[self.name] = value * 2
    def __delete__(self, obj):
        print(f"  __delete__({self.name})")
        obj.__dict__.pop(self.name, None)

class NonData:
    def __get__(self, obj, objtype=None):
        return "from non-data descriptor"

class Host:
    data = Verbose("data")
    nd = NonData()

h = Host()
print(h.data)
h.data = 21
print(h.data, h.__dict__)
h.__dict__["data"] = "shadow?"
print(h.data)
del h.data
print(h.__dict__)
print(isinstance(Host.data, Verbose))
print(h.nd)
h.nd = "instance wins"
print(h.nd, Host.nd)
del h.nd
print(h.nd)

class Method:
    def f(self, x):
        return (self.tag, x)
    tag = "m"
m = Method()
bound = m.f
print(bound(1), bound.__self__ is m, bound.__func__ is Method.f, Method.f(m, 2))
print(bound == m.f, bound is m.f, type(bound).__name__, bound.__name__)
f = Method.__dict__["f"]
print(f.__get__(m, Method)(3), f.__get__(None, Method) is f)
print(type(classmethod(len).__get__(None, int)).__name__, staticmethod(len)("abc"))
print(property().fget, property(lambda self: 1).__get__(None, int).__class__.__name__)
