# tuple: construction and the one-element comma, packing/unpacking (starred,
# nested, swap), index/count, slicing, concatenation and repetition,
# lexicographic comparison, hashing of tuples of ints, immutability errors.

t = (3, 1, 4, 1, 5, 9, 2, 6)
print(t, len(t), t[0], t[-1], t[2:5], t[::-2], t.index(1), t.index(1, 2), t.count(1), t.count(7), 9 in t, min(t), max(t), sum(t))
print((), (1,), (1), tuple(), tuple("abc"), tuple([1, 2]), tuple(range(3)), tuple({3: 0, 1: 0}), tuple(x * x for x in range(4)), type((1,)).__name__)
print(repr((1,)), repr(("a", ("b",), [])), str((None, True)), ((),), (((1,),),), tuple((1, 2)) == (1, 2), (1, 2) + (3,), (0,) * 3, 2 * ("x", "y"))
a, b, c = t[:3]
first, *middle, last = t
*init, tail = "abc"
head, *rest = [1]
(p, q), r = (1, 2), 3
x, (y, (z, w)) = 1, (2, (3, 4))
print(a, b, c, first, middle, last, init, tail, head, rest, p, q, r, x, y, z, w)
a, b = b, a
print(a, b)
m, n = n, m = 1, 2
print(m, n)
for i, (k, v) in enumerate([("a", 1), ("b", 2)]):
    print(i, k, v, end=" | ")
print()
for bad in [lambda: t.__setitem__(0, 1), lambda: t.index(99), lambda: t[20], lambda: (1, 2) + [3], lambda: hash((1, [2])), lambda: t.append(1)]:
    try:
        bad()
    except (TypeError, ValueError, IndexError, AttributeError) as e:
        print(type(e).__name__ + ":", e)
try:
    a, b = (1, 2, 3)
except ValueError as e:
    print("ValueError:", e)
try:
    a, b, c = (1,)
except ValueError as e:
    print("ValueError:", e)
try:
    a, *b, c = (1,)
except ValueError as e:
    print("ValueError:", e)
try:
    a, b = 5
except TypeError as e:
    print("TypeError:", e)
print((1, 2, 3) < (1, 2, 4), (1, 2) < (1, 2, 0), () < (0,), (2,) > (1, 99), (1, "a") < (1, "b"), (1, 2) == (1, 2.0), (float("nan"),) == (float("nan"),))
try:
    (1, "a") < (1, 2)
except TypeError as e:
    print("TypeError:", e)
print(hash((1, 2)) == hash((1, 2)), hash((1, 2)) != hash((2, 1)), {(1, 2): "a", (2, 1): "b"}[(1, 2)], len(set([(0, 0), (0, 0), (0, 1)])), (1, 2) in {(1, 2)})
lst = [1]
tt = (lst, 2)
lst.append(99)
print(tt)
try:
    tt[0] += [3]
except TypeError as e:
    print("TypeError:", e, tt)
pairs = [(2, "b"), (1, "z"), (2, "a"), (1, "a")]
print(sorted(pairs), max(pairs), min(pairs, key=lambda pr: pr[1]), sorted(pairs, key=lambda pr: pr[1]))
nested = ((1, 2), (3, 4))
print([i for pair in nested for i in pair], dict(nested), list(zip(*nested)), tuple(map(sum, nested)))
def multi():
    return 1, "two", [3]
res = multi()
print(res, type(res).__name__, multi()[1], *multi(), sep=" ; ")
big = tuple(range(1000))
print(len(big), big[-1], big[500:503], big.index(999), big.count(0), (0,) * 0 == (), big[::250])
print(tuple.__len__((1, 2)), (1, 2).__getitem__(1), (1, 2).__contains__(3), (1, 2).__add__((3,)), (5,).__mul__(2), tuple.__name__)
