# memoryview formats beyond B/b/c: cast, items, tolist, iteration, assignment, metadata.
import struct

data = bytearray(range(1, 25))
m = memoryview(data)
for fmt in ["B", "b", "c", "h", "H", "i", "I", "q", "Q", "f", "d"]:
    v = m.cast(fmt)
    print(fmt, v.format, v.itemsize, v.nbytes, v.shape, v.strides, len(v), v.ndim, v.contiguous)
    items = v.tolist()
    print(" ", items[:4], items[-1] if items else None)
    print(" ", v[0], v[-1], list(v)[:3] == items[:3])
h = m.cast("h")
print(h[1:4].tolist(), h[::2].tolist()[:3] if False else h[1:3].format, h[2:5].nbytes, h[2:5].shape)
h[0] = -2
print(data[:4], h[0], h.tolist()[:2])
h[1] = 0x7FFF
print(data[2:4], h[1])
for bad in [1 << 15, -(1 << 15) - 1, 1.5, "x"]:
    try:
        h[2] = bad
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
H = m.cast("H")
for bad in [-1, 1 << 16]:
    try:
        H[0] = bad
    except ValueError as e:
        print(type(e).__name__, e)
d = memoryview(bytearray(struct.pack("=3d", 1.5, -2.25, 1e300))).cast("d")
print(d.tolist(), d[1], d.itemsize, d.nbytes)
d[0] = 7
d[2] = -0.5
print(d.tolist())
try:
    d[1] = "a"
except TypeError as e:
    print("TypeError", e)
f = memoryview(bytearray(struct.pack("=2f", 0.1, 3.0))).cast("f")
print(f.tolist(), f[0] == struct.unpack("=f", struct.pack("=f", 0.1))[0])
f[1] = 2.5
print(f.tolist())
b = memoryview(bytearray(b"\x00\x01\x00")).cast("?")
print(b.tolist(), b[1], b[0])
b[0] = 5
b[2] = []
print(b.tolist(), bytes(b))
q = memoryview(bytearray(struct.pack("=2q", -1, 1 << 62))).cast("q")
print(q.tolist(), q.cast("B").tolist()[:3], q.cast("B").cast("Q").tolist()[0] == (1 << 64) - 1)
Q = memoryview(bytearray(16)).cast("Q")
Q[1] = (1 << 64) - 1
print(Q.tolist(), Q[-1])
print(m.cast("i").cast("B").tolist()[:5], m.cast("B").format)
try:
    memoryview(bytearray(5)).cast("i")
except TypeError as e:
    print("TypeError", e)
try:
    m.cast("h").cast("i")
except TypeError as e:
    print("TypeError", e)
try:
    m.cast("x")
except ValueError as e:
    print("ValueError", e)
i = m.cast("i")
try:
    i[6]
except IndexError as e:
    print("IndexError", e)
print(i[-6], bytes(i[1:2]), i[1:2].tolist(), i.tobytes() == bytes(data))
print(memoryview(b"abcd").cast("h").readonly, h == h, h.tolist() == list(h))
r = memoryview(bytes(8)).cast("i")
try:
    r[0] = 1
except TypeError as e:
    print("TypeError", e)
print(repr(m.cast("h"))[:10], m.cast("h").obj is data)
