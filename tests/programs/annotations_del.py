# Variable annotations (module, function, class scope), __annotations__,
# and every kind of del statement: names, globals, locals, cells,
# subscripts, slices and attributes.

count: int = 3
name: str
ratio: float = 0.5
print(__annotations__)
print(count, ratio)
try:
    print(name)
except NameError as e:
    print("NameError:", e)

def typed(a: int, b: "str" = "x", *args: float, key: bool = False, **kw: dict) -> list:
    local: int = 5
    return [a, b, args, key, kw, local]

print(typed(1), typed.__annotations__)

class Annotated:
    x: int = 1
    y: "list[int]"

print(Annotated.__annotations__, Annotated.x, hasattr(Annotated, "y"))

# del on module names
a = 1
b = 2
del a, b
print("a" in globals(), "b" in globals())

# del global from inside a function
g = "global"
def drop_global():
    global g
    del g
drop_global()
print("g" in globals())

# del local and re-assign
def del_local():
    x = [1, 2]
    y = x
    del x
    x = "new"
    return x, y

print(del_local())

# del a cell variable
def del_cell():
    v = "cell"
    def read():
        return v
    first = read()
    del v
    try:
        read()
    except NameError as e:
        return first, str(e)

print(del_cell())

# del subscripts and slices
lst = list(range(10))
del lst[0]
del lst[-1]
del lst[2:4]
del lst[::2]
print(lst)
d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(d)
try:
    del d["zzz"]
except KeyError as e:
    print("KeyError:", e)
try:
    del lst[100]
except IndexError as e:
    print("IndexError:", e)

# del attributes on a function object
def f():
    pass
f.attr = 1
del f.attr
print(hasattr(f, "attr"))

# del of several targets, including nested
m = [[1, 2], [3, 4]]
del m[0][1], m[1]
print(m)

# del name that does not exist
try:
    del never_defined
except NameError as e:
    print("NameError:", e)

def del_unbound():
    try:
        del nothing_here
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)
    nothing_here = 1

print(del_unbound())
