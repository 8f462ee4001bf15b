# Codec error handlers on encode and decode, with CPython's UnicodeError messages.
ENCODINGS = ["utf-8", "ascii", "latin-1", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32"]
HANDLERS = ["strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace",
            "namereplace", "surrogateescape", "surrogatepass"]
TEXTS = ["caf\xe9", "a\u20acb\U0001f600c", "x\udc80\udcffy", "\ud800\udc00", "\udc41z", "\u0100\xff"]


def show(f):
    try:
        r = f()
    except (UnicodeError, TypeError) as e:
        return f"{type(e).__name__}: {e}"
    return repr(r)


for enc in ENCODINGS:
    print("==", enc)
    for t in TEXTS:
        for h in HANDLERS:
            print(ascii(t), h, show(lambda: t.encode(enc, h)))

DATA = [b"caf\xc3\xa9", b"a\xffb\x80", b"\xed\xa0\x80x", b"\xed\xb2\x80", b"\xc3", b"\xe2\x82(",
        b"\xf0\x9f\x98", b"\xf4\x90\x80\x80", b"\xc0\xaf", b"ok"]
for enc in ["utf-8", "ascii", "latin-1"]:
    print("==", enc)
    for d in DATA:
        for h in HANDLERS:
            print(d, h, show(lambda: ascii(d.decode(enc, h))))

DATA16 = [b"a\x00", b"\x00\xd8", b"\x00\xdca\x00", b"\x00\xd8a\x00", b"a\x00b", b"=\xd8\x00\xde"]
for enc in ["utf-16-le", "utf-16"]:
    print("==", enc)
    for d in DATA16:
        for h in HANDLERS:
            print(d, h, show(lambda: ascii(d.decode(enc, h))))
DATA32 = [b"a\x00\x00\x00", b"\x00\xd8\x00\x00", b"\x00\x00\x11\x00", b"a\x00\x00", b"\x80\xdc\x00\x00"]
for enc in ["utf-32-le", "utf-32-be"]:
    print("==", enc)
    for d in DATA32:
        for h in HANDLERS:
            print(d, h, show(lambda: ascii(d.decode(enc, h))))

# Round trips the handlers exist for.
raw = b"\x80abc\xff"
s = raw.decode("utf-8", "surrogateescape")
print(ascii(s), s.encode("utf-8", "surrogateescape") == raw, s.encode("ascii", "surrogateescape"))
s = "\ud83d\ude00".encode("utf-8", "surrogatepass")
print(s, ascii(s.decode("utf-8", "surrogatepass")))
print(ascii("\ud83d".encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")))
try:
    "\udc80".encode()
except UnicodeEncodeError as e:
    print(e.encoding, ascii(e.object), e.start, e.end, e.reason)
try:
    b"ab\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print(e.encoding, e.object, e.start, e.end, e.reason)
print("\u20ac\xe9\x00".encode("ascii", "namereplace"))
print("\U0001f600\u0301\uac00\u4e00".encode("ascii", "namereplace"))
try:
    "x".encode("ascii", "bogus")
    "\xe9".encode("ascii", "bogus")
except LookupError as e:
    print("LookupError:", e)

# Handlers registered with codecs.register_error.
import _codecs as codecs


def question(e):
    if isinstance(e, UnicodeEncodeError):
        return ("<%d:%d>" % (e.start, e.end), e.end)
    return ("[%s]" % e.object[e.start:e.end].hex(), e.end)


codecs.register_error("question", question)
print("a\xe9\u20acb".encode("ascii", "question"), "x\udc80".encode("utf-8", "question"))
print(b"a\xff\xfeb".decode("utf-8", "question"), b"a\x80".decode("ascii", "question"))
codecs.register_error("skip2", lambda e: (b"##", e.start + 2) if isinstance(e, UnicodeEncodeError) else ("#", e.end))
print("\xe9\xe9\xe9z".encode("latin-1", "skip2"), "\u0100\u0101\u0102z".encode("latin-1", "skip2"))
codecs.register_error("back", lambda e: ("?", -1))
print("\u0100abc".encode("ascii", "back"))
codecs.register_error("bad", lambda e: 42)
codecs.register_error("far", lambda e: ("", 100))
codecs.register_error("boom", lambda e: 1 / 0)
codecs.register_error("nonascii", lambda e: ("\xe9", e.end))
for h in ["bad", "far", "boom", "nonascii", "nosuch"]:
    for f in [lambda: "\u0100".encode("ascii", h), lambda: b"\xff".decode("utf-8", h)]:
        try:
            print(h, f())
        except Exception as e:
            print(h, type(e).__name__, e)
print(codecs.lookup_error("question") is question)
