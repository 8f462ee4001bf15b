# Session 8 (issue #8, peak memory): big buffers (lists, dicts, strs, bytearrays past 256 KiB)
# growing, shrinking and moving across the allocator's big-block threshold, and the sort that
# orders plain keys without building (key, item) pairs.


def check_list_growth():
    xs = []
    for i in range(120000):
        xs.append(i * 3)
    print("appended", len(xs), xs[0], xs[65535], xs[65536], xs[-1], sum(xs))
    del xs[1000:110000]
    print("after del", len(xs), xs[999], xs[1000], xs[-1], sum(xs))
    xs.extend(range(50000))
    print("extended", len(xs), xs[11000], xs[-1], sum(xs))
    while len(xs) > 10:
        xs.pop()
    print("popped", xs)
    ys = [None] * 70000
    ys[69999] = "end"
    zs = ys * 2
    print(len(zs), zs[69999], zs[-1], zs.count(None))
    zs.clear()
    zs += [1, 2, 3]
    print(zs)
    big = list(range(200000))
    half = big[::2]
    rev = big[::-1]
    print(len(half), half[-1], rev[0], rev[-1], big[100000:100003])
    big[10:199990] = []
    print(big)
    t = tuple(range(40000))
    print(len(t), t[-1], sum(t[::7]))


def check_other_buffers():
    s = "ab" * 300000
    u = s.upper()
    print(len(u), u[:6], u[-3:], u.count("A"))
    r = s.replace("a", "xyz")
    print(len(r), r[:10], r[-10:])
    b = bytearray(b"q" * 500000)
    b += b"tail"
    del b[:499990]
    print(len(b), bytes(b))
    d = {}
    for i in range(60000):
        d[i] = str(i)
    for i in range(0, 60000, 2):
        del d[i]
    print(len(d), d[59999], list(d)[:3], list(d.values())[-2:])
    st = set(range(100000))
    st -= set(range(0, 100000, 3))
    print(len(st), min(st), max(st))
    words = ("w%d " % (i % 977) * 3 for i in range(40000))
    joined = "".join(words)
    parts = joined.split()
    print(len(joined), len(parts), parts[:4], parts[-1])


class Rec:
    def __init__(self, k, name):
        self.k = k
        self.name = name

    def __repr__(self):
        return "Rec(%r, %r)" % (self.k, self.name)


def check_sort():
    recs = [Rec(i % 5, "n%d" % (i % 3)) for i in range(20)]
    print(sorted(recs, key=lambda r: r.k)[:6])
    print(sorted(recs, key=lambda r: r.k, reverse=True)[:6])
    print(sorted(recs, key=lambda r: (r.name, -r.k))[:5])
    print(sorted(recs, key=lambda r: r.name, reverse=True)[:5])
    big = [(i * 7919) % 100003 for i in range(30000)]
    s1 = sorted(big)
    print(s1[:5], s1[-5:], s1 == sorted(big, reverse=True)[::-1])
    print(sorted([3, -1, 2**70, -(2**65), 0, 5]))
    print(sorted(["b", "é", "a", "ab", "", "Z", "ä"]))
    print(sorted([(2, "b"), (1, "z"), (2, "a"), (1, "a", 0), (1, "a")]))
    print(sorted([(1, "a"), (1, 2)], key=lambda p: p[0]))
    print(sorted([1.5, 2, -3, 0.0, True]))
    xs = [5, 3, 1]
    try:
        xs.sort(key=lambda v: 1 / (v - 1))
    except ZeroDivisionError as e:
        print("key failed:", e, xs)
    try:
        sorted([1, "a", 2])
    except TypeError as e:
        print("TypeError:", e)
    try:
        sorted([(1, "a"), (1, 2)])
    except TypeError as e:
        print("TypeError:", e)
    ys = [4, 2, 3]

    def meddle(v):
        ys.append(v)
        return v

    try:
        ys.sort(key=meddle)
    except ValueError as e:
        print("ValueError:", e, ys)
    print(sorted(iter([3, 1, 2])), sorted([]), sorted([7]), sorted("cab"))
    pairs = [(i % 3, i) for i in range(9)]
    pairs.sort(key=lambda p: p[0], reverse=True)
    print(pairs)
    names = ["b", "A", "a", "B", "c"]
    print(sorted(names, key=str.lower), sorted(names, key=str.lower, reverse=True))


check_list_growth()
check_other_buffers()
check_sort()
