# range objects and slice semantics on str/list/tuple/range.

r = range(10)
print(r, range(1, 10, 2), range(10, 0, -3), range(0), range(-5, 5))
print(len(r), len(range(1, 10, 2)), len(range(10, 0, -3)), len(range(5, 1)))
print(list(range(5)), list(range(2, 12, 3)), list(range(5, -6, -2)), list(range(3, 3)))
print(r[0], r[-1], r[3], r[2:8:2], r[::-1], r[::-3], range(1, 20, 4)[1:3])
print(5 in r, 10 in r, -1 in r, 4 in range(0, 10, 2), 5 in range(0, 10, 2))
print(r.index(7), range(0, 20, 5).index(15), r.count(3), range(2).count(5))
print(range(3) == range(0, 3), range(0) == range(5, 1), range(1, 4) == [1, 2, 3])
print(sum(range(101)), max(range(7)), min(range(3, 9)), list(reversed(range(4))))
big = range(10 ** 9)
print(len(big), big[-1], big[10 ** 8], 10 ** 8 + 5 in big, 10 ** 12 in big)

seq = list(range(10))
text = "abcdefghij"
tup = tuple(seq)
for sl in [(None, None, None), (2, None, None), (None, 3, None), (1, 8, 2),
           (-3, None, None), (None, -3, None), (8, 1, -2), (None, None, -1),
           (100, None, None), (-100, 3, None), (5, 5, None), (9, -11, -3)]:
    start, stop, step = sl
    k = slice(start, stop, step)
    print(k, seq[k], text[k], tup[k], list(range(10)[k]))

print(slice(3), slice(1, 2), slice(1, 2, 3), slice(None, 5).indices(10), slice(-1, None, -2).indices(7))
print(text[1:-1], text[-1:1:-1], text[::4], text[3:3], text[9:100])

# Slice assignment and deletion on lists
lst = list(range(8))
lst[2:5] = "XY"
print(lst)
lst[:] = []
print(lst)
lst = list(range(10))
del lst[1:9:3]
print(lst)
lst[::-2] = ["a", "b", "c", "d"]
print(lst)
lst[-1:] = range(3)
print(lst)

# Ranges in loops with break/continue
for i in range(0, 30, 7):
    if i == 21:
        break
    if i == 7:
        continue
    print("i", i)

# Errors
def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)

attempt("zero step", lambda: range(1, 2, 0))
attempt("float arg", lambda: range(1.5))
attempt("index out", lambda: range(3)[3])
attempt("slice zero", lambda: [1, 2][::0])
attempt("index missing", lambda: range(3).index(7))
attempt("str arg", lambda: range("3"))
