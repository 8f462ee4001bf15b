# Tuples and every form of unpacking (UNPACK_SEQUENCE, UNPACK_EX, swaps).

t = (1, 2, 3)
print(t, len(t), t[0], t[-1], t[1:], t[::-1], t * 2, t + (4,))
print((), (1,), (1, 2), tuple(), tuple([1, 2]), tuple("ab"))
print(t.index(2), t.count(3), 2 in t, (1, 2) < (1, 3), (1, 2) == (1, 2))

x, y, z = t
print(x, y, z)
x, y = y, x
print(x, y)
a, b, c = c, a, b = 7, 8, 9
print(a, b, c)
x, y, z = y, z, x
print(x, y, z)
first, *rest = [10, 20, 30, 40]
print(first, rest)
*init, last = "hello"
print(init, last)
head, *middle, tail = range(6)
print(head, middle, tail)
p, *q = (1,)
print(p, q)
(m, n), o = (1, 2), 3
print(m, n, o)
[r, s], *u = [[5, 6], 7, 8]
print(r, s, u)
for i, (k, v) in enumerate([("a", 1), ("b", 2)]):
    print(i, k, v)
for a, *bs in [(1, 2, 3), (4,), (5, 6)]:
    print(a, bs)

def pair():
    return 1, "two"

n1, n2 = pair()
print(n1, n2)

# Unpacking into subscripts and nested targets
lst = [0, 0, 0]
lst[0], lst[2] = "L", "R"
print(lst)
d = {}
d["x"], d["y"] = 1, 2
print(d)

# Starred in displays
nums = [1, 2]
print((*nums, 3), [*nums, *nums], {*nums}, (*"ab", *range(2)))

# Tuple of mutable items
tm = ([1], [2])
tm[0].append(3)
print(tm)

# Hashing equal tuples equal
print(hash((1, 2)) == hash((1, 2)), (1, 2) == (1.0, 2.0))

# Errors
def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)

def unpack2(seq):
    a, b = seq
    return a, b

def unpack_star(seq):
    a, b, *c = seq
    return a, b, c

attempt("too many", lambda: unpack2([1, 2, 3]))
attempt("too few", lambda: unpack2([1]))
attempt("empty", lambda: unpack2(""))
attempt("not iterable", lambda: unpack2(5))
attempt("star few", lambda: unpack_star([1]))
attempt("star ok", lambda: unpack_star("abcd"))
attempt("item assign", lambda: t.__setitem__(0, 1))
attempt("index", lambda: t[3])
attempt("tuple index", lambda: t.index(9))
attempt("concat", lambda: t + [1])
