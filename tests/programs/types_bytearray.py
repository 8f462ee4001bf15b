# bytearray: mutation (item/slice assignment, del, append, extend, insert,
# pop, remove, reverse, clear, +=, *=), the methods shared with bytes, repr,
# comparisons, and errors for out-of-range values and bad types.

ba = bytearray(b"hello")
print(ba, repr(ba), len(ba), ba[0], ba[-1], ba[1:3], type(ba[1:3]).__name__, bytearray(), bytearray(3), bytearray([1, 2]), bytearray("é", "utf-8"))
ba[0] = 72
print(ba)
ba[1:3] = b"EY"
print(ba)
ba[1:3] = b""
print(ba)
ba[0:0] = b">>"
print(ba)
ba[::2] = b"abc"
print(ba)
del ba[0]
print(ba)
del ba[::2]
print(ba)
ba.append(33)
ba.extend(b"??")
ba.extend([65, 66])
ba.insert(0, 60)
ba.insert(100, 62)
print(ba, ba.pop(), ba.pop(0), ba)
ba.remove(63)
print(ba)
ba.reverse()
print(ba)
ba += b"+bytes"
print(ba)
ba *= 2
print(ba, len(ba))
ba.clear()
print(ba, len(ba), bool(ba))
for bad in [lambda: ba.pop(), lambda: bytearray(b"a").remove(99), lambda: bytearray(b"a").__setitem__(0, 256), lambda: bytearray(b"a").append(-1),
            lambda: bytearray(b"a").__setitem__(0, "x"), lambda: bytearray(b"ab").__setitem__(slice(0, 2, 1), 5), lambda: bytearray(b"abc").__setitem__(slice(None, None, 2), b"x"),
            lambda: bytearray(b"a")[3], lambda: bytearray(b"abc").index(b"z"), lambda: bytearray(b"a") + "s", lambda: hash(bytearray(b"h")), lambda: bytearray("str")]:
    try:
        print(bad())
    except (IndexError, ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
w = bytearray(b"The Quick Brown Fox")
print(w.lower(), w.upper(), w.split(), w.replace(b"Quick", b"Slow"), w.find(b"Q"), w.count(b"o"), w.startswith(b"The"), w.strip(b"Thex"), w.hex())
print(w.decode(), w.decode("ascii"), bytes(w), w == b"The Quick Brown Fox", w < bytearray(b"Z"), w.title(), w.partition(b" "), bytearray(b"-").join([b"a", b"b"]))
c = bytearray(b"abc")
d = c
c += b"d"
print(c is d, d, c * 2, c + b"e", type(c + b"e").__name__, b"x" + c, type(b"x" + c).__name__, c.copy(), c.copy() is c)
print(bytearray.fromhex("41 42"), bytearray(b"xyz").translate(bytes.maketrans(b"x", b"X")), bytearray(b"  a ").strip(), list(bytearray(b"AB")))
m = bytearray(range(10))
m[2:8] = bytearray(2)
print(m, m.rfind(0), m.index(9), 9 in m, b"\x00\x00" in m, sorted(bytearray(b"dcba")), max(m), m.isalnum())
m[1:3] = [97, 98, 99, 100]
print(m, m.zfill(20)[:6], m.center(14, b"."), m.expandtabs(), m.splitlines(), m.removeprefix(b"\x00"), m.isascii())
for i, byte in enumerate(bytearray(b"hi")):
    print(i, byte, chr(byte), end="; ")
print()
print(bytearray(b"%d-%s") % (5, b"x"), bytearray(b"abc")[::-1], bytearray(b"ab") * 0, bytearray(4)[1:3], str(bytearray(b"q")))
