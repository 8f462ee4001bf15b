# Slices and item stores on exact lists and tuples without a slice object
# (BINARY_SLICE / STORE_SLICE / STORE_SUBSCR fast paths), and every case that must fall back.


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        print("__index__", self.v)
        return self.v


class MyList(list):
    def __getitem__(self, k):
        print("MyList.__getitem__", k)
        return list.__getitem__(self, k)

    def __setitem__(self, k, v):
        print("MyList.__setitem__", k, v)
        list.__setitem__(self, k, v)


class MyTuple(tuple):
    pass


def reads():
    a = list(range(10))
    n = 3
    print(a[2:5], a[:n], a[n:], a[:], a[-3:], a[:-3], a[-100:100], a[7:2], a[5:5])
    print(a[2**70:], a[: -(2**70)], a[True:], a[:False])
    print(a[Idx(2) : Idx(4)])
    print(a[::2], a[::-1], a[n::-1], a[8:2:-2], a[-1:-100:-3])
    b = a[:]
    print(b is a, b == a)
    t = tuple(a)
    print(t[2:4], t[:], t[:] is t, t[0:10] is t, t[-2:])
    mt = MyTuple(t)
    print(type(mt[:]).__name__, mt[1:3])
    ml = MyList([1, 2, 3])
    print(ml[1:], type(ml[:]).__name__)
    print("abcdef"[1:4], b"xyz"[1:], range(10)[2:5])
    try:
        a["x":]
    except TypeError as e:
        print("TypeError:", e)
    try:
        a[::0]
    except ValueError as e:
        print("ValueError:", e)
    try:
        a[1.5:]
    except TypeError as e:
        print("TypeError:", e)


def writes():
    a = list(range(8))
    a[:3] = [10, 11]
    print(a)
    a[2:4] = (20, 21, 22)
    print(a)
    a[-2:] = []
    print(a)
    a[:] = a
    print(a)
    a[100:] = [99]
    print(a)
    a[:0] = (x for x in "gen")
    print(a)
    a[1:2] = "st"
    print(a)
    a[Idx(0) : Idx(1)] = [0]
    print(a)
    a[2**70 :] = [1]
    a[: -(2**70)] = [2]
    print(a)
    a[False:True] = MyList([5, 6])
    print(a)
    a[::2] = list(range(len(a[::2])))
    print(a)
    a[::-3] = [-1] * len(a[::-3])
    print(a)
    try:
        a[::2] = [1]
    except ValueError as e:
        print("ValueError:", e)
    try:
        a[1:2] = 5
    except TypeError as e:
        print("TypeError:", e)
    try:
        a["x":] = []
    except TypeError as e:
        print("TypeError:", e)
    ml = MyList([1, 2, 3])
    ml[:1] = [7, 8]
    print(ml)
    t = (1, 2)
    try:
        t[:1] = [3]
    except TypeError as e:
        print("TypeError:", e)
    perm = [3, 1, 2, 0]
    first = perm[0]
    while first:
        perm[: first + 1] = perm[first::-1]
        first = perm[0]
    print("flipped:", perm)


def items():
    a = [1.5, 2.5, 3.5]
    for k in range(3):
        a[k] -= 0.5 * a[k]
    a[-1] = "last"
    a[True] = "one"
    print(a)
    a[Idx(0)] = "idx"
    print(a)
    ml = MyList([1, 2])
    ml[0] = 9
    print(ml)
    try:
        a[2**70] = 1
    except IndexError as e:
        print("IndexError:", e)
    try:
        a[-4] = 1
    except IndexError as e:
        print("IndexError:", e)
    try:
        a["k"] = 1
    except TypeError as e:
        print("TypeError:", e)
    d = {}
    d[1] = 2
    print(d)


reads()
writes()
items()


def store(row, k):
    row[k] = 0.0
    return row


print(store([1.0, 2.0], 1))
print(store([1.0, 2.0], 2))
