# Chained comparisons: evaluation order, short-circuiting, single evaluation
# of middle operands, mixing operators (COPY/SWAP in the bytecode).

x = 5
print(1 < x < 10, 1 < x > 10, 10 > x >= 5, 5 == x == 5.0, 1 < 2 < 3 < 4 < 5 < 4)
print(0 <= x <= 4, x != 4 != x, 1 < x in [5, 6], x in [5] in [[5]], x is x is not None)

log = []
def v(name, value):
    log.append(name)
    return value

print(v("a", 1) < v("b", 2) < v("c", 3), log)
log.clear()
print(v("a", 1) < v("b", 0) < v("c", 3), log)
log.clear()
print(v("a", 3) > v("b", 2) > v("c", 1) > v("d", 0), log)
log.clear()
print(v("a", 1) == v("b", 1) != v("c", 2) < v("d", 3) <= v("e", 3), log)

def in_range(lo, val, hi):
    return lo <= val < hi

print([in_range(0, i, 3) for i in range(-1, 5)])

# Chains of strings and lists
print("a" < "b" < "c", "b" < "a" < "c", [1] < [1, 0] < [2], (1, 2) <= (1, 2) < (1, 3))

# In conditions
for n in [-3, 0, 7, 15, 100]:
    if 0 < n < 10:
        kind = "digit"
    elif 10 <= n < 100:
        kind = "two digits"
    elif n >= 100:
        kind = "big"
    else:
        kind = "non-positive"
    print(n, kind)

# Chained comparisons with exceptions raised in the middle
def boom():
    raise ValueError("boom")

try:
    print(1 < boom() < 3)
except ValueError as e:
    print("ValueError:", e)
print(2 < 1 < boom() if False else "short-circuit avoided boom")
print(5 < 1 < boom.__name__ if False else 3 > 2 > 1)

# Comparison errors partway through the chain
try:
    print(1 < 2 < "three")
except TypeError as e:
    print("TypeError:", e)
print(1 > 2 < "three")

# Equality of mixed types never raises
print(1 == "1", [] == (), None == 0, 0 == False, "" == [], 1.0 == True)
print(1 != "1", None != None, [1] != [1])

# Identity chains
a = [1]
b = a
c = [1]
print(a is b is not c, a is not c is not b, a == c is not b)

# Comparison results used as ints
print(sum(i > 2 for i in range(6)), (3 > 2) + (2 > 1), True * 10)
