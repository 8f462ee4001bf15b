# Inheritance with minimal classes: method overriding, super() calls,
# __class__ cells, class bodies reading enclosing function variables,
# isinstance/issubclass and method resolution order.

class Animal:
    sound = "..."

    def __init__(self, name):
        self.name = name

    def speak(self):
        return f"{self.name} says {self.sound}"

    def describe(self):
        return f"{type(self).__name__}({self.name})"

class Dog(Animal):
    sound = "woof"

    def __init__(self, name, tricks=()):
        super().__init__(name)
        self.tricks = list(tricks)

    def speak(self):
        base = super().speak()
        return base + "!" * len(self.tricks)

class Puppy(Dog):
    def speak(self):
        return super().speak().upper()

    def whoami(self):
        return __class__.__name__

animals = [Animal("generic"), Dog("rex", ["sit", "roll"]), Puppy("bit", ["beg"])]
for a in animals:
    print(a.describe(), "|", a.speak())
print(Puppy("p").whoami(), [c.__name__ for c in Puppy.__mro__])
print(isinstance(animals[2], Dog), isinstance(animals[1], Puppy), issubclass(Puppy, Animal), issubclass(Animal, Dog))

# super() with explicit arguments
class Base:
    def hello(self):
        return "Base.hello"

class Child(Base):
    def hello(self):
        return "Child.hello -> " + super(Child, self).hello()

print(Child().hello())

# Class body reading a variable from the enclosing function
def make_class(factor):
    class Scaled:
        scale = factor

        def apply(self, v):
            return v * factor

    return Scaled

S3 = make_class(3)
print(S3.scale, S3().apply(7), make_class("ab")().apply(2))

def shadowed_class_name():
    label = "from function"
    class K:
        label = "from class"
        seen = label
    return K.seen, K.label

print(shadowed_class_name())

def class_reads_free():
    value = "free variable"
    class K:
        got = value
        def method(self):
            return value
    return K.got, K().method()

print(class_reads_free())

# Overriding __str__ and calling the parent implementation
class Tagged(Dog):
    def __str__(self):
        return "<" + self.describe() + ">"

print(str(Tagged("t")), Tagged("t").speak())

# Calling an overridden method through the class
print(Animal.speak(animals[1]), Dog.speak(animals[2]))

def not_a_method(x):
    return super()

try:
    not_a_method(1)
except RuntimeError as e:
    print("RuntimeError:", e)
