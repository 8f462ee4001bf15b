# A descriptor-based validator framework: __set_name__ records the attribute
# name, __set__ validates, __get__ on the class returns the descriptor; an
# abstract Validator base with subclasses, and a model built from them.

class Validator:
    def __set_name__(self, owner, name):
        print(f"  __set_name__({owner.__name__}, {name!r}) for {type(self).__name__}")
        self.public = name
        self.private = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.private)

    def __set__(self, obj, value):
        self.validate(value)
        setattr(obj, self.private, value)

    def validate(self, value):
        raise NotImplementedError

    def __repr__(self):
        return f"<{type(self).__name__} {self.public}>"


class OneOf(Validator):
    def __init__(self, *options):
        self.options = options

    def validate(self, value):
        if value not in self.options:
            raise ValueError(f"{self.public}: expected one of {self.options!r}, got {value!r}")


class Number(Validator):
    def __init__(self, minvalue=None, maxvalue=None):
        self.minvalue, self.maxvalue = minvalue, maxvalue

    def validate(self, value):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise TypeError(f"{self.public}: expected a number, got {type(value).__name__}")
        if self.minvalue is not None and value < self.minvalue:
            raise ValueError(f"{self.public}: {value!r} < {self.minvalue!r}")
        if self.maxvalue is not None and value > self.maxvalue:
            raise ValueError(f"{self.public}: {value!r} > {self.maxvalue!r}")


class String(Validator):
    def __init__(self, minsize=0, predicate=None):
        self.minsize, self.predicate = minsize, predicate

    def validate(self, value):
        if not isinstance(value, str):
            raise TypeError(f"{self.public}: expected str, got {type(value).__name__}")
        if len(value) < self.minsize:
            raise ValueError(f"{self.public}: {value!r} shorter than {self.minsize}")
        if self.predicate is not None and not self.predicate(value):
            raise ValueError(f"{self.public}: {value!r} rejected by {self.predicate.__name__}")


print("defining Component")
class Component:
    name = String(minsize=2, predicate=str.isupper)
    kind = OneOf("wood", "metal", "plastic")
    quantity = Number(minvalue=0)
    price = Number(0, 1000.0)

    def __init__(self, name, kind, quantity, price):
        self.name, self.kind, self.quantity, self.price = name, kind, quantity, price

    def __repr__(self):
        return f"Component({self.name!r}, {self.kind!r}, {self.quantity}, {self.price})"

print("defined")
c = Component("WIDGET", "metal", 5, 9.99)
print(c, sorted(vars(c)))
print(Component.name, Component.kind.options, Component.price.maxvalue)
c.quantity += 10
print(c.quantity)

attempts = [
    ("WIDGET", "metal", 5, 2000),
    ("widget", "metal", 5, 1),
    ("W", "metal", 5, 1),
    (42, "metal", 5, 1),
    ("BOLT", "glass", 5, 1),
    ("BOLT", "wood", -1, 1),
    ("BOLT", "wood", True, 1),
    ("BOLT", "wood", "5", 1),
    ("BOLT", "plastic", 0, 0),
]
for args in attempts:
    try:
        print("ok:", Component(*args))
    except (TypeError, ValueError) as e:
        print(f"{type(e).__name__}: {e}")

class Part(Component):
    weight = Number(maxvalue=50)

    def __init__(self, *args, weight):
        super().__init__(*args)
        self.weight = weight

p = Part("GEAR", "metal", 1, 3.5, weight=12)
print(p, p.weight, sorted(vars(p)))
try:
    p.weight = 51
except ValueError as e:
    print("ValueError:", e)

class Late:
    pass
v = Number(1)
Late.n = v
print(hasattr(v, "public"))
v.__set_name__(Late, "n")
obj = Late()
obj.n = 3
print(obj.n, v.public)
