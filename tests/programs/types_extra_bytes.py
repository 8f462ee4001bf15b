# bytes / bytearray / memoryview methods the core corpus does not reach: the
# find family with start/end and int needles, tail matching with tuples,
# whitespace splitting with maxsplit, hex separators, translate with delete,
# decode error handlers and codecs, bytearray mutation edge cases, buffer
# exports, memoryview casts and read-only views.

b = b"  The quick brown fox  "
print(b.find(b"q", 5), b.find(b"q", 10), b.rfind(b"o"), b.rfind(b"o", 0, 15), b.index(b"T"), b.rindex(32), b.count(b"o", 0, 16), b.count(b""))
print(b.startswith((b"x", b"  T")), b.endswith(b"fox", 0, -2), b.startswith(b"", 30), b.endswith((b"  ", b"z")), b"abc".find(b"", 4), b"abc".find(b"", 3))
print(b.split(maxsplit=2), b.rsplit(maxsplit=2), b.strip().split(b" ", 1), b.strip().rsplit(b" ", 1), b"a  b".split(b" "), b"".split(), b"".split(b"x"))
print(b.strip().title(), b.strip().swapcase(), b.strip().capitalize(), b"hello World".istitle(), b"Hello World".istitle(), b"ABC".isupper(), b"abc1".islower())
print(b"\x00\x01\xfe\xff".hex(), b"abcdef".hex("-", 4), b"abcdef".hex(b"_", -4), b"ab".hex(":", 0), bytes.fromhex("0a 0B\t0c\n"), bytearray.fromhex("ff00"))
table = bytes.maketrans(b"abc", b"ABC")
print(b"aabbcc".translate(table), b"aabbcc".translate(table, b"b"), b"aabbcc".translate(None, delete=b"ac"), len(table), table[97:100])
print(b"a\tbc\td".expandtabs(), b"a\tbc\td".expandtabs(4), b"x\r\ny\tz".expandtabs(2), b"ab".center(7, b"*"), b"ab".center(8), b"-7".zfill(4), b"+7".zfill(3))
print(b"12".isdigit(), b"a1".isalnum(), b" \x0b\x0c".isspace(), b"".isspace(), b"\x7f".isascii(), b"\x80".isascii(), b"AbC".swapcase())
print(b"prefix-body".removeprefix(b"pre"), b"body.txt".removesuffix(b".py"), b"a,b;c".replace(b",", b";").split(b";"), b"aaaa".replace(b"a", b"b", 2), b"ab".replace(b"", b".", 2))
print(b"k=v".partition(b"="), b"k=v".rpartition(b"x"), b"line1\nline2".splitlines(True), b"\r\r\n".splitlines(), bytearray(b"a b").rsplit())
data = "grüße, €".encode()
print(data, data.decode(), data.decode("ascii", "replace"), data.decode("ascii", "ignore"), data.decode("latin-1"), data.decode("utf-8", "backslashreplace"))
print("€".encode("utf-16-le"), "€".encode("utf-16-be"), "€".encode("utf-32-le"), b"\xac\x20".decode("utf-16-le"), "ab".encode("utf-16").decode("utf-16"), "é".encode("cp1252" if False else "latin1"))
for bad in [lambda: b"\x80abc".decode("ascii"), lambda: b"ab\xc3".decode(), lambda: b"\xe2\x82(".decode(), lambda: b"x".decode("nope"), lambda: "é".encode("ascii"), lambda: "€".encode("latin-1"),
            lambda: b"x".center(3, "y"), lambda: b"x".find("x"), lambda: b"x".startswith("x"), lambda: b"x".join([b"a", 1]), lambda: b"abc".index(b"d"), lambda: b"x".count(256), lambda: b"x".hex("ab")]:
    try:
        print(bad())
    except (UnicodeError, LookupError, TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
try:
    b"\xff\xfe".decode("utf-8")
except UnicodeDecodeError as e:
    print(e.encoding, e.start, e.end, e.reason, e.object)
ba = bytearray(b"0123456789")
ba[2:5] = b""
ba[::2] = b"ABCD"
del ba[-2:]
ba[1:1] = [120, 121]
print(ba, len(ba), ba.count(b"A"), ba.find(0x79))
ba[::3] = b""
print(ba)
for bad in [lambda: ba.__setitem__(slice(0, 2), 7), lambda: ba.__setitem__(slice(0, 2), "xy"), lambda: ba.__setitem__(slice(None, None, 2), b"zzzzzzzz"),
            lambda: ba.__setitem__("k", 1), lambda: ba.extend(7), lambda: ba.insert(0, b"a"), lambda: bytearray(b"").pop(), lambda: ba.remove(200)]:
    try:
        print(bad())
    except (TypeError, ValueError, IndexError) as e:
        print(type(e).__name__ + ":", e)
view = memoryview(ba)
for bad in [lambda: ba.append(1), lambda: ba.extend(b"xy"), lambda: ba.__delitem__(0), lambda: ba.clear()]:
    try:
        bad()
    except BufferError as e:
        print("BufferError:", e)
view[0] = 0x21
ba[0:1] = b"?"
print(ba, view.tobytes())
view.release()
ba.extend(b"!!")
print(ba, ba.copy() is ba, ba.copy() == ba)
mv = memoryview(bytearray(b"abcdef"))
ro = mv.toreadonly()
print(mv.cast("c")[0], mv.cast("b").tolist()[:2], ro.readonly, ro[1], mv[::2].strides, mv[1::2].tobytes(), mv[::-1][0], mv.hex(":", 2))
for bad in [lambda: ro.__setitem__(0, 1), lambda: mv.cast("x"), lambda: mv[::2].cast("B"), lambda: mv.__setitem__(0, -1), lambda: mv[1.5], lambda: hash(mv), lambda: mv.__delitem__(0)]:
    try:
        print(bad())
    except (TypeError, ValueError, IndexError) as e:
        print(type(e).__name__ + ":", e)
print(hash(memoryview(b"hash")) == hash(b"hash"), memoryview(b"ab") == bytearray(b"ab"), memoryview(b"ab") != b"ab", b"%s|%5s" % (memoryview(b"mv"), b"r"), b"x" + memoryview(b"yz"))
print(bytes(b"x").__bytes__(), b"ab".__getnewargs__(), bytearray(b"%d-%b") % (1, b"2"), b"%c%c" % (104, b"i"), b"%(a)s" % {b"a": b"A"}, b"%x %o %e" % (255, 8, 1.5))
