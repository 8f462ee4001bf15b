# __del__ runs when the last reference goes away: del of a name, rebinding,
# a local going out of scope, removal from a container, a temporary, and an
# object kept alive by another reference. No reference cycles here.

class Res:
    alive = 0
    def __init__(self, name):
        self.name = name
        Res.alive += 1
        print(f"open {name}")
    def __del__(self):
        Res.alive -= 1
        print(f"close {self.name}")

print("-- del name")
a = Res("a")
del a
print("alive:", Res.alive)

print("-- rebinding")
b = Res("b1")
b = Res("b2")
print("rebound")
b = None
print("alive:", Res.alive)

print("-- second reference")
c = Res("c")
c2 = c
del c
print("still alive:", c2.name)
del c2
print("alive:", Res.alive)

print("-- function scope")
def use():
    r = Res("local")
    print("using", r.name)
    return 7
print("returned", use())

def make():
    return Res("returned")
kept = make()
print("kept", kept.name)
make()
print("after discarded call")

print("-- containers")
items = [Res("l0"), Res("l1"), Res("l2")]
items.pop(1)
print("popped")
del items[0]
print("deleted index 0")
items.clear()
print("cleared")
d = {"k": Res("dv")}
d["k"] = 5
print("dict value replaced")
nested = [[Res("deep")]]
nested[0] = None
print("nested dropped")

print("-- temporaries and attributes")
print(Res("temp").name.upper())
class Holder:
    pass
h = Holder()
h.res = Res("attr")
h.res = Res("attr2")
del h
print("holder deleted")

print("-- exception in flight")
def fail():
    r = Res("in-frame")
    raise ValueError("boom")
try:
    fail()
except ValueError as e:
    print("caught", e)
print("after except block")

class Child(Res):
    def __del__(self):
        print("child cleanup for", self.name)
        super().__del__()
x = Child("kid")
x = 1
print("-- end", Res.alive, kept.name)
del kept
print("alive at end:", Res.alive)
