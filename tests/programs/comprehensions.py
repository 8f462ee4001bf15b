# List/set/dict comprehensions (inlined in 3.12, PEP 709) and generator
# expressions: scoping, shadowing, nesting, conditions, closures inside.

nums = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]
print([x * 2 for x in nums])
print([x for x in nums if x % 2])
print([x if x > 3 else -x for x in nums])
print({x for x in nums if x > 2})
print({x: x ** 2 for x in nums})
print({i: c for i, c in enumerate("hey")})
print([(x, y) for x in range(3) for y in range(x)])
print([[i * j for j in range(4)] for i in range(3)])
print([x for x in range(30) if x % 2 if x % 3])
print(sum(x * x for x in range(10)), max(len(w) for w in ["a", "abc", "ab"]))
print(list(x for x in "abc"), tuple(i for i in range(3)), sorted(n for n in nums))

# The loop variable does not leak, and outer names are restored
x = "outer x"
squares = [x * x for x in range(4)]
print(squares, x)

def in_function():
    y = "local y"
    vals = [y for y in range(3)]
    return vals, y

print(in_function())

# Comprehension variable shadowing a name used afterwards
def shadow_after():
    result = [v for v in range(3)]
    try:
        return v
    except NameError as e:
        return "NameError: " + str(e)

print(shadow_after())

# Closures created in a comprehension capture the comprehension variable
fns = [lambda: i for i in range(3)]
print([f() for f in fns])
fns = [lambda i=i: i * 10 for i in range(3)]
print([f() for f in fns])

def cell_in_comprehension():
    items = [lambda: k for k in "ab"]
    k = "after"
    return [f() for f in items], k

print(cell_in_comprehension())

# Comprehension referring to enclosing function's locals and globals
factor = 10
def scale(values):
    offset = 1
    return [v * factor + offset for v in values]

print(scale([1, 2, 3]))

# Nested comprehension with dependent iterables
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[i] for i in range(3) for row in matrix])
print([[row[i] for row in matrix] for i in range(3)])
print([v for row in matrix for v in row if v % 2 == 0])
print({k: [w for w in ["apple", "avocado", "banana", "blueberry", "cherry"] if w[0] == k] for k in "abc"})

# Walrus in comprehension binds in the enclosing scope
data = [1, 5, 2, 8, 3]
hits = [y for v in data if (y := v * 2) > 5]
print(hits, y)

# Exceptions inside comprehensions restore state
def failing():
    z = "z before"
    try:
        return [1 / z for z in [1, 0]]
    except ZeroDivisionError as e:
        return "caught " + str(e) + " / z=" + z

print(failing())

# Generator expression laziness
log = []
def noisy(v):
    log.append(v)
    return v

gen = (noisy(v) for v in range(5))
print(log)
print(next(gen), next(gen), log)
print(list(gen), log)

# The first iterable is evaluated eagerly, in the enclosing scope
def first_eager():
    try:
        g = (a for a in undefined_iterable_name)
    except NameError as e:
        return "NameError: " + str(e)
    return g

print(first_eager())

# Comprehension inside a comprehension's condition and a dict from pairs
words = ["aa", "b", "ccc", "dd"]
print([w for w in words if len([c for c in w if c != "x"]) > 1])
print(dict((w, len(w)) for w in words), {len(w) for w in words})
