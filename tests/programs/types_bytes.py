# bytes: literals and repr escaping, construction, indexing (ints) and
# slicing (bytes), the str-like methods, hex/fromhex, decode with error
# handlers, %-formatting, comparisons, and errors mixing bytes and str.

b = b"Hello, World"
print(b, repr(b"\x00\x7f\x80\xff\t\n\r\\'\""), b"it's", b'say "hi"', b"both ' and \"", bytes(3), bytes([65, 66, 67]), bytes(range(5)))
print(b[0], b[-1], b[1:5], b[::-1], b[::3], len(b), b"l" in b, 108 in b, b"xyz" in b, list(b"abc"), type(b[0]).__name__)
print(bytes("héllo", "utf-8"), bytes(b"copy"), bytes(bytearray(b"ba")), bytes(memoryview(b"mv")), bytes.fromhex("de ad BE EF"), b"\xde\xad".hex(), b"abc".hex("-"), b"abcdef".hex(":", 2))
print(b.lower(), b.upper(), b.swapcase(), b.title(), b"hello world".capitalize(), b.split(b", "), b"a b  c".split(), b"a,b".split(b",", 1), b"k=v=w".rsplit(b"=", 1))
print(b.find(b"o"), b.rfind(b"o"), b.find(111), b.index(b"W"), b.count(b"l"), b.startswith(b"Hell"), b.endswith((b"x", b"ld")), b.replace(b"l", b"L", 2))
print(b"  pad  ".strip(), b"xxhixx".strip(b"x"), b"  l".lstrip(), b"r  ".rstrip(), b"ab".center(6, b"*"), b"ab".ljust(4, b"-"), b"ab".rjust(4), b"42".zfill(5))
print(b"-".join([b"a", b"b", bytearray(b"c")]), b"k:v".partition(b":"), b"a.b.c".rpartition(b"."), b"line1\nline2\r\n".splitlines(), b"a\tb".expandtabs(4))
print(b"abc".isalpha(), b"abc1".isalnum(), b"123".isdigit(), b" \t".isspace(), b"Title Me".istitle(), b"UP".isupper(), b"lo".islower(), b"\x80".isascii(), b"".isalpha())
print(b"prefix_body".removeprefix(b"prefix_"), b"body.txt".removesuffix(b".txt"), b"abc".translate(bytes.maketrans(b"abc", b"xyz")), b"hello".translate(None, b"l"))
print("héllo wörld".encode().decode(), b"caf\xc3\xa9".decode("utf-8"), b"caf\xe9".decode("latin-1"), b"\xff\xfeab".decode("utf-8", "replace"), b"a\xffb".decode("utf-8", "ignore"), b"a\xffb".decode("ascii", "backslashreplace"))
for bad in [
    lambda: b"\xff".decode(),
    lambda: b"\xc3".decode("utf-8"),
    lambda: b"a" + "b",
    lambda: "a" + b"b",
    lambda: b"abc".index(b"z"),
    lambda: bytes([256]),
    lambda: bytes("no encoding"),
    lambda: bytes.fromhex("abc"),
    lambda: bytes.fromhex("zz"),
    lambda: b"x"[5],
    lambda: b"abc".split(b""),
    lambda: b"x".join(["s"]),
    lambda: bytes(-1),
]:
    try:
        print(bad())
    except (UnicodeDecodeError, TypeError, ValueError, IndexError) as e:
        print(type(e).__name__ + ":", e)
print(b"%s and %d and %x and %5.2f and %c and %r and %b" % (b"bytes", 42, 255, 3.14159, 65, b"r", b"bb"), b"%%" % (), b"%(k)s" % {b"k": b"v"})
print(b"abc" < b"abd", b"abc" < b"ab", b"" < b"\x00", b"a" == b"a", b"a" == "a", b"abc" == bytearray(b"abc"), max(b"hello"), sorted(b"cab"), sum(b"\x01\x02"))
print(b"ab" * 3, 2 * b"-", b"a" + b"b", b + bytearray(b"!"), type(b + bytearray(b"!")).__name__, b"x" * 0, hash(b"") == hash(b""))
print(bytes.fromhex("0102").hex(), int.from_bytes(b"\x00\x10", "big"), list(b"\x00\x10"), [bytes([c]) for c in b"hi"], b"%03d" % 7)
print(str(b"abc"), repr(b"abc"[1:]), f"{b'fmt'}", b"A".lower() == b"a", b"caf\xc3\xa9".decode().upper().encode(), ascii(b"x"), b"\x41\x42", b"a\0b")
print(b"one two  three".split(maxsplit=1), b"  a  ".split(b" "), b"aXbXc".split(b"X", -1), b"abcabc".count(b"bc", 2), b"hello".find(b"l", 3, 4), b"HeLLo".isalpha())
