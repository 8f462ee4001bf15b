# range and slice objects: repr, len, indexing and slicing ranges (which give
# ranges), membership, index/count, equality of ranges, reversed, negative
# steps, slice attributes and slice.indices, and the error messages.

r = range(3, 20, 4)
print(r, list(r), len(r), r[0], r[-1], r[1:3], r[::-1], list(r[::-1]), r[10:], 7 in r, 8 in r, r.index(11), r.count(15), r.count(16))
print(range(5), range(0), range(2, 2), range(10, 0, -3), list(range(10, 0, -3)), len(range(10, 0, -3)), list(range(-5, -1)), range(0, 10, 1) == range(10))
print(range(0) == range(5, 5), range(1, 10, 3) == range(1, 11, 3), range(0, 3, 2) == range(0, 4, 2), list(reversed(range(1, 10, 4))), reversed(range(3)).__class__.__name__)
print(r.start, r.stop, r.step, range(7).start, range(7).step, sum(range(101)), max(range(-3, 3)), min(range(5, 0, -1)), sorted(range(3, 0, -1)))
big = range(0, 2 ** 40, 3)
print(big[-1], big[12345], 3 ** 20 in big, 3 ** 20 + 1 in big, big.index(30), big[2 ** 20:2 ** 20 + 9:3])
for bad in [lambda: r[10], lambda: r.index(8), lambda: range(1, 2, 0), lambda: range(1.5), lambda: range(), lambda: r["x"], lambda: range(1, 2, 3, 4)]:
    try:
        print(bad())
    except (IndexError, ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
print(hash(range(3)) == hash(range(0, 3)), {range(2): "a"}[range(0, 2, 1)], bool(range(0)), bool(range(1)), 2.0 in range(3), "x" in range(3))
data = list(range(10))
sl = slice(2, 8, 2)
print(sl, repr(slice(3)), slice(None, None, -1), sl.start, sl.stop, sl.step, slice(5).start, slice(5).stop, data[sl], "abcdefghij"[sl], tuple(data)[sl])
print(slice(1, 5) == slice(1, 5), slice(1, 5) == slice(1, 6), slice(1, 2) < slice(1, 3), slice(None).indices(10), sl.indices(5), slice(-3, None).indices(10))
print(slice(None, None, -1).indices(4), slice(10, -10, -3).indices(7), slice(-100, 100).indices(5), slice(0, 1, 5).indices(0))
try:
    slice(0, 1, 0).indices(5)
except ValueError as e:
    print("ValueError:", e)
try:
    slice(1, 2).indices(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    data[slice(0, 5, 0)]
except ValueError as e:
    print("ValueError:", e)
s = "0123456789"
print(s[::-1], s[-1:-4:-1], s[8:2:-2], s[:-3], s[-3:], s[100:200], s[-100:3], s[3:3], s[5:1], s[::4], s[1::3], s[::-3])
print(s[None:None], s[slice(None, 3)], s[:3:None], data[::-1][::2], data[2:-2][::-1], data[-1:-11:-1] == data[::-1])
m = list(range(8))
m[slice(1, 7, 2)] = ["a", "b", "c"]
print(m)
del m[slice(None, None, 3)]
print(m)

class Sliceable:
    def __getitem__(self, key):
        return key
probe = Sliceable()
print(probe[1:2], probe[::], probe[1:2, 3], probe[..., 1], probe[:, ::-1], probe["a":"b":"c"], probe[()])
print(range(10)[slice(2, None)], range(10)[-3:], range(0, 100, 10)[2:8:3], range(5)[::-1][1], range(1, 6)[::2])
print(list(range(2, 30, 7)[::-2]), range(3)[-3], len(range(-10, 10, 3)), list(range(-10, 10, 3)), range(2**31 - 5, 2**31 - 1)[-1])
