# memoryview basics: over bytes and bytearray, indexing (ints), slicing
# (zero-copy views that see later writes), tobytes/tolist/hex, len/nbytes/
# readonly/format/itemsize, writes through a view, release, and errors.

data = bytearray(b"abcdefgh")
mv = memoryview(data)
print(len(mv), mv[0], mv[-1], mv.readonly, mv.format, mv.itemsize, mv.nbytes, mv.ndim, mv.shape, mv.strides, type(mv).__name__)
print(mv.tobytes(), mv.tolist()[:3], mv.hex(), mv[2:5].tobytes(), bytes(mv[::2]), mv[::-1].tobytes(), mv[1:7:3].tolist())
sub = mv[2:6]
data[3] = ord("X")
print(sub.tobytes(), bytes(sub), sub[1], len(sub), sub.obj is data, sub.nbytes)
sub[0] = ord("Z")
sub[1:3] = b"!!"
print(data, mv.tobytes())
mv[-2:] = bytearray(b"YZ")
print(data, mv == data, mv == b"abZ!!fYZ", mv[0:2] == b"ab", mv.tobytes().upper())
ro = memoryview(b"readonly")
print(ro.readonly, ro[4:].tobytes(), ro.tobytes().decode(), list(ro[:3]), ro.obj, bytes(ro) == b"readonly", ro.hex(":"))
for bad in [lambda: ro.__setitem__(0, 1), lambda: mv[100], lambda: mv.__setitem__(0, 256), lambda: mv.__setitem__(slice(0, 2), b"abc"),
            lambda: memoryview("text"), lambda: memoryview(5), lambda: mv["x"], lambda: mv.__setitem__(0, b"a")]:
    try:
        print(bad())
    except (TypeError, ValueError, IndexError) as e:
        print(type(e).__name__ + ":", e)
b = bytearray(b"0123456789")
v = memoryview(b)
print(bytes(v[v.nbytes // 2:]), sum(v), max(v), list(reversed(v[:3])), 50 in v, b"5" in bytes(v), [c for c in v[:4]])
with memoryview(b"context") as cm:
    print(cm.tobytes(), cm[0])
try:
    cm.tobytes()
except ValueError as e:
    print("ValueError:", e)
rel = memoryview(b"x")
rel.release()
rel.release()
try:
    len(rel)
except ValueError as e:
    print("ValueError:", e)
print(repr(rel).startswith("<released memory at"), repr(memoryview(b"")).startswith("<memory at"))
buf = bytearray(4)
view = memoryview(buf)
for i in range(4):
    view[i] = i * 60
print(buf, list(view), view.tolist() == list(buf), bytes(view).hex())
try:
    buf.append(1)
except BufferError as e:
    print("BufferError:", e)
view.release()
buf.append(1)
print(buf, bytes(memoryview(b"ab") [1:]), memoryview(b"abc")[1:] == memoryview(b"xbc")[1:], b"".join([memoryview(b"a"), memoryview(b"b")]))
print(memoryview(bytearray(b"abc")).cast("B").tolist(), bytearray(memoryview(b"copy")), str(memoryview(b"s").tobytes(), "ascii"), int.from_bytes(memoryview(b"\x01\x00"), "little"))
