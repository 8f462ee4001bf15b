# Closures: cells, free variables, late binding, counters, nested scopes,
# closures in loops and lambdas, and function attributes.

def make_adder(n):
    def add(x):
        return x + n
    return add

add5 = make_adder(5)
add10 = make_adder(10)
print(add5(1), add10(1), add5(add10(0)))

def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    def get():
        return count
    return inc, get

inc, get = make_counter()
inc()
inc()
print(get(), inc(), get())
inc2, get2 = make_counter()
print(get2(), inc2(), get())

# Late binding in loops
funcs = []
for i in range(3):
    funcs.append(lambda: i)
print([f() for f in funcs])
funcs = [lambda i=i: i for i in range(3)]
print([f() for f in funcs])
funcs = [(lambda j: lambda: j * 10)(i) for i in range(3)]
print([f() for f in funcs])

# Three levels of nesting
def outer(a):
    def middle(b):
        def inner(c):
            return a + b + c
        return inner
    return middle

print(outer(1)(20)(300))

# A closure sees later assignments to the cell
def late():
    def show():
        return value
    value = "first"
    r1 = show()
    value = "second"
    return r1, show()

print(late())

# Closure over a mutable object
def accumulator():
    items = []
    def push(x):
        items.append(x)
        return list(items)
    return push

push = accumulator()
push(1)
print(push(2))

# Function attributes and introspection of closures
def tagged(x):
    return x
tagged.label = "my tag"
print(tagged.label, tagged.__name__, getattr(tagged, "missing", "none"))
del tagged.label
print(hasattr(tagged, "label"))
print(add5.__closure__ is not None, len(add5.__closure__), add5.__closure__[0].cell_contents)
print(make_adder.__closure__, add5.__code__.co_freevars, make_adder.__code__.co_cellvars)

# Cell deleted before use
def deleted_cell():
    v = 1
    def read():
        return v
    del v
    try:
        return read()
    except NameError as e:
        return type(e).__name__ + ": " + str(e)

print(deleted_cell())

# Closure used before assignment in enclosing scope
def unassigned():
    def read():
        return w
    try:
        return read()
    except NameError as e:
        return type(e).__name__ + ": " + str(e)
    w = 5

print(unassigned())

# Recursive closure
def make_fact():
    def fact(n):
        return 1 if n <= 1 else n * fact(n - 1)
    return fact

print(make_fact()(10))

# Parameter captured by a closure
def param_cell(x, y=2):
    def both():
        return x * y
    x = x + 1
    return both()

print(param_cell(4), param_cell(4, 10))
