# global/nonlocal edge cases and del of every kind: UnboundLocalError vs
# NameError messages, global declared in nested functions, nonlocal through
# several levels, class bodies vs enclosing functions, and del of names,
# globals, attributes, subscripts, slices, tuples of targets, and cells.

counter = 0

def bump():
    global counter
    counter += 1
    return counter
print(bump(), bump(), counter)

def read_before_assign():
    try:
        print(counter)
        counter = 5
    except UnboundLocalError as e:
        return f"UnboundLocalError: {e}"
print(read_before_assign())

def make_global_inside():
    global created_later
    created_later = "made in function"
make_global_inside()
print(created_later)

def outer():
    level = "outer"
    def middle():
        def inner():
            nonlocal level
            level = "changed by inner"
        inner()
        return level
    before = level
    after_middle = middle()
    return before, after_middle, level
print(outer())

def counter_factory():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    def get():
        return count
    return inc, get
inc, get = counter_factory()
inc(); inc(5)
print(get(), inc.__code__.co_freevars, get.__closure__[0].cell_contents)

def global_in_nested():
    x = "enclosing"
    def g():
        global x
        x = "global from nested"
        return x
    return g(), x
x = "module"
print(global_in_nested(), x)

def class_scope():
    value = "function"
    class C:
        value = "class"
        seen = value
        def method(self):
            return value
    return C.seen, C().method()
print(class_scope())

def free_var_deleted():
    v = 1
    def reader():
        return v
    del v
    try:
        return reader()
    except NameError as e:
        return f"{type(e).__name__}: {e}"
print(free_var_deleted())

try:
    never_defined_name
except NameError as e:
    print("NameError:", e)

def local_unbound():
    if False:
        thing = 1
    try:
        return thing
    except UnboundLocalError as e:
        return str(e)
print(local_unbound())

a = 1
del a
try:
    a
except NameError as e:
    print("after del a:", e)
try:
    del a
except NameError as e:
    print("del again:", e)

def del_local():
    t = 1
    del t
    try:
        del t
    except UnboundLocalError as e:
        return str(e)
print(del_local())

def del_global():
    global to_delete
    del to_delete
to_delete = 5
del_global()
print("to_delete" in globals())

class Obj:
    pass
o = Obj()
o.attr = 1
del o.attr
print(hasattr(o, "attr"))
lst = list(range(10))
del lst[0], lst[-1]
print(lst)
del lst[2:5]
print(lst)
del lst[::2]
print(lst)
d = {"a": 1, "b": 2, "c": 3}
del d["a"]
del (d["b"])
print(d)
p, q, r = 1, 2, 3
del p, (q, r)
print([n for n in ("p", "q", "r") if n in globals()])
m = [[1, 2], [3, 4]]
del m[0][1], m[1]
print(m)
for loop_var in range(2):
    pass
del loop_var
print("loop_var" in globals())
try:
    del d["zz"]
except KeyError as e:
    print("KeyError:", e)
try:
    del lst[99]
except IndexError as e:
    print("IndexError:", e)
try:
    s = "abc"
    del s[0]
except TypeError as e:
    print("TypeError:", e)
try:
    del o.missing
except AttributeError as e:
    print("AttributeError:", e)
