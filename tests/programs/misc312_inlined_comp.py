# PEP 709 (3.12): list/dict/set comprehensions are inlined into the enclosing
# function. Iteration variables still do not leak and shadowed names are
# restored; class-body scoping rules are unchanged; closures over the
# iteration variable still work; generator expressions keep their own frame.

x = "module x"
squares = [x * x for x in range(4)]
print(squares, x)
pairs = {x: y for x, y in [(1, 2), (3, 4)]}
print(pairs, x)
letters = {x for x in "aaa"}
print(letters, x)

def shadow():
    x = "function x"
    y = "function y"
    result = [(x, y) for x in range(2) for y in "ab"]
    print(result, x, y)
    z = [x for x in [x]]
    print(z, x)
    nested = [[x + i for i in range(2)] for x in range(3)]
    print(nested, x)
    try:
        [undefined_name for _ in range(1)]
    except NameError as e:
        print("NameError:", e)
    return x
print(shadow())

def unbound_after():
    [k for k in range(3)]
    try:
        return k
    except NameError as e:
        return f"NameError: {e}"
print(unbound_after())

def uses_outer_in_first_iterable():
    data = [1, 2, 3]
    return [data for data in data]
print(uses_outer_in_first_iterable())

def closures():
    funcs = [lambda: i for i in range(3)]
    bound = [lambda i=i: i for i in range(3)]
    return [f() for f in funcs], [f() for f in bound]
print(closures())

def captured_cell():
    total = 0
    items = [total + v for v in range(3)]
    def show():
        return total
    total = 100
    return items, show()
print(captured_cell())

def walrus_in_comp():
    values = [last := v * 2 for v in range(4)]
    return values, last
print(walrus_in_comp())

class Scope:
    factor = 10
    items = [1, 2, 3]
    scaled = [v * 2 for v in items]
    try:
        bad = [v * factor for v in items]
    except NameError as e:
        error = str(e)
print(Scope.scaled, Scope.error, hasattr(Scope, "v"))

def frames_in_traceback(kind):
    def fail(v):
        return 1 // v
    try:
        if kind == "list":
            [fail(v) for v in [1, 0]]
        elif kind == "gen":
            list(fail(v) for v in [1, 0])
        else:
            {v: fail(v) for v in [0]}
    except ZeroDivisionError as e:
        names = []
        tb = e.__traceback__
        while tb is not None:
            names.append(tb.tb_frame.f_code.co_name)
            tb = tb.tb_next
        return names
for kind in ["list", "gen", "dict"]:
    print(kind, frames_in_traceback(kind))

def locals_inside():
    a = 1
    return [sorted(locals()) for b in range(1)][0]
print(locals_inside())

def mixed_scopes():
    n = 3
    return [[n * i * j for j in range(n)] for i in range(n)], {i: sum(j for j in range(i)) for i in range(n)}
print(mixed_scopes())
print([(i, j) for i in range(3) if i for j in range(i) if j != 1], sum(x for x in range(4)), x)
