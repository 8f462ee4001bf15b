# hashlib and hmac over the builtin hash modules (_md5, _sha1, _sha2, _sha3, _blake2).
import hashlib
import hmac
import io

NAMES = sorted(hashlib.algorithms_guaranteed)
print(NAMES)
print(sorted(hashlib.algorithms_available) == NAMES)

# Every algorithm: empty input, short input, multi-block input fed in pieces.
data = bytes(range(256)) * 5
for name in NAMES:
    h = hashlib.new(name)
    print(name, h.name, h.digest_size, h.block_size)
    if name.startswith("shake"):
        print("  empty", h.hexdigest(16))
        print("  abc  ", hashlib.new(name, b"abc").hexdigest(20))
        for n in (0, 1, 1000):
            d = hashlib.new(name, data).digest(n)
            print("  len", n, len(d), d[:8].hex(), d[-4:].hex())
        print("  hex0", repr(hashlib.new(name, b"x").hexdigest(0)))
        continue
    print("  empty", h.hexdigest())
    print("  abc  ", getattr(hashlib, name)(b"abc").hexdigest())
    one = hashlib.new(name, data).digest()
    for step in (1, 7, 63, 64, 65, 128, 200):
        p = hashlib.new(name)
        for i in range(0, len(data), step):
            p.update(data[i : i + step])
        assert p.digest() == one, (name, step)
    print("  data ", one.hex())
    # Inputs whose lengths straddle padding boundaries.
    print("  lens ", [getattr(hashlib, name)(b"a" * n).hexdigest()[:6] for n in (55, 56, 63, 64, 111, 112, 127, 128, 135, 136)])

# copy() gives an independent object; digest() does not finish the object.
a = hashlib.sha256(b"hello ")
b = a.copy()
a.update(b"world")
print(a.hexdigest())
print(b.hexdigest())
b.update(b"world")
print(a.digest() == b.digest(), a.hexdigest() == hashlib.sha256(b"hello world").hexdigest())
c = hashlib.blake2s(b"x", digest_size=10, key=b"k")
d = c.copy()
c.update(b"y")
print(d.digest_size, d.hexdigest(), c.hexdigest())
e = hashlib.shake_128(b"s")
f = e.copy()
e.update(b"t")
print(e.hexdigest(4), f.hexdigest(4), e.hexdigest(8))
print(type(a).__name__, type(a).__module__, type(c).__name__, type(e).__name__)
print(type(hashlib.md5()), type(hashlib.sha1()), type(hashlib.sha512()), type(hashlib.sha3_384()))
print(hashlib.md5, hashlib.blake2b, hashlib.shake_256)

# Data types.
print(hashlib.md5(bytearray(b"abc")).hexdigest(), hashlib.md5(memoryview(b"abc")).hexdigest())
print(hashlib.sha1(string=b"abc").hexdigest(), hashlib.md5(b"abc", usedforsecurity=False).hexdigest())
print(hashlib.sha3_256(b"abc", usedforsecurity=False).hexdigest())

# new()
print(hashlib.new("SHA256", b"x").hexdigest())
print(hashlib.new("blake2b", b"x", digest_size=4).hexdigest())
print(hashlib.new("shake_128", b"x").hexdigest(4))
print(hashlib.new(name="md5", data=b"x").hexdigest())

# BLAKE2 parameters and constants.
for cls in (hashlib.blake2b, hashlib.blake2s):
    print(cls.__name__, cls.SALT_SIZE, cls.PERSON_SIZE, cls.MAX_KEY_SIZE, cls.MAX_DIGEST_SIZE)
    m = cls.MAX_DIGEST_SIZE
    print(" ", cls(b"abc").hexdigest())
    print(" ", cls(b"abc", key=b"secret").hexdigest())
    print(" ", cls(b"abc", key=b"k" * cls.MAX_KEY_SIZE, digest_size=16).hexdigest())
    print(" ", cls(b"abc", salt=b"salt", person=b"me").hexdigest())
    print(" ", cls(b"abc", salt=b"s" * cls.SALT_SIZE, person=b"p" * cls.PERSON_SIZE).hexdigest())
    print(" ", cls(digest_size=1).hexdigest(), cls(b"", digest_size=m).digest_size)
    print(" ", cls(b"leaf", fanout=2, depth=2, leaf_size=4096, node_offset=3, node_depth=1, inner_size=m, last_node=True).hexdigest())
    print(" ", cls(b"a", fanout=0, depth=255, node_depth=255).hexdigest())
    part = cls(data[:100])
    rest = part.copy()
    rest.update(data[100:])
    print(" ", cls(data).hexdigest() == rest.hexdigest(), part.hexdigest() == cls(data[:100]).hexdigest())
    k = cls(key=b"key")
    k.update(data)
    print(" ", k.hexdigest()[:32], k.name, k.block_size)

# hmac on top.
print(hmac.new(b"key", b"The quick brown fox jumps over the lazy dog", "md5").hexdigest())
print(hmac.new(b"key", b"The quick brown fox jumps over the lazy dog", hashlib.sha1).hexdigest())
print(hmac.new(b"key", b"msg", "sha256").hexdigest())
print(hmac.new(b"k" * 200, b"msg", "sha512").hexdigest())
print(hmac.new(b"key", b"msg", "sha3_256").hexdigest())
print(hmac.new(b"key", b"msg", "blake2s").hexdigest())
hm = hmac.new(b"key", digestmod="sha224")
hm.update(b"part1")
hm2 = hm.copy()
hm.update(b"part2")
print(hm.name, hm.digest_size, hm.block_size, hm.hexdigest(), hm2.hexdigest())
print(hmac.digest(b"key", b"msg", "sha1"))
print(hmac.compare_digest(b"abc", b"abc"), hmac.compare_digest(b"abc", b"abd"), hmac.compare_digest("x", "x"))

# file_digest
print(hashlib.file_digest(io.BytesIO(b"abc" * 100000), "sha1").hexdigest())
print(hashlib.file_digest(io.BytesIO(b"xyz"), hashlib.md5).hexdigest())


def err(f):
    try:
        f()
    except Exception as ex:
        print(type(ex).__name__ + ":", ex)
    else:
        print("no error")


err(lambda: hashlib.md5("abc"))
err(lambda: hashlib.sha256(1))
err(lambda: hashlib.sha1().update("x"))
err(lambda: hashlib.sha1().update(None))
err(lambda: hashlib.sha512().update())
err(lambda: hashlib.sha224().digest(1))
err(lambda: hashlib.md5(b"a", b"b"))
err(lambda: hashlib.md5(data=b"a"))
err(lambda: hashlib.sha3_224("x"))
err(lambda: hashlib.sha3_224(string=b"x"))
err(lambda: hashlib.sha3_224(b"", b""))
err(lambda: hashlib.sha3_256().update(1))
err(lambda: hashlib.sha3_256().hexdigest(1))
err(lambda: hashlib.shake_128().digest())
err(lambda: hashlib.shake_128().digest(-1))
err(lambda: hashlib.shake_128().hexdigest(1.0))
err(lambda: hashlib.shake_256().digest(length=3))
err(lambda: hashlib.shake_256().hexdigest(2**29))
err(lambda: hashlib.blake2b("x"))
err(lambda: hashlib.blake2b(data=b"x"))
err(lambda: hashlib.blake2b(b"", b""))
err(lambda: hashlib.blake2b(digest_size=0))
err(lambda: hashlib.blake2b(digest_size=65))
err(lambda: hashlib.blake2s(digest_size=33))
err(lambda: hashlib.blake2b(digest_size="1"))
err(lambda: hashlib.blake2b(key=b"x" * 65))
err(lambda: hashlib.blake2s(key=b"x" * 33))
err(lambda: hashlib.blake2b(key="abc"))
err(lambda: hashlib.blake2b(salt=b"x" * 17))
err(lambda: hashlib.blake2s(salt=b"x" * 9))
err(lambda: hashlib.blake2b(person=b"x" * 17))
err(lambda: hashlib.blake2s(person=1))
err(lambda: hashlib.blake2b(fanout=-1))
err(lambda: hashlib.blake2b(fanout=256))
err(lambda: hashlib.blake2b(depth=0))
err(lambda: hashlib.blake2s(depth=256))
err(lambda: hashlib.blake2b(leaf_size=-1))
err(lambda: hashlib.blake2b(node_offset=-1))
err(lambda: hashlib.blake2b(node_offset=2**64))
err(lambda: hashlib.blake2s(node_offset=2**48))
err(lambda: hashlib.blake2b(node_depth=256))
err(lambda: hashlib.blake2b(inner_size=65))
err(lambda: hashlib.blake2s(inner_size=-1))
err(lambda: hashlib.blake2b(digest_size=2**70))
err(lambda: hashlib.blake2b(nope=1))
err(lambda: hashlib.blake2b().update("s"))
err(lambda: hashlib.blake2b().digest(1))
err(lambda: hashlib.blake2s().copy(1))
err(lambda: hashlib.sha256().copy(1))
err(lambda: hashlib.new("md4"))
err(lambda: hashlib.new("sha512_256"))
err(lambda: type(hashlib.md5())())
err(lambda: type(hashlib.sha256())())
try:
    hashlib.file_digest(io.StringIO("x"), "md5")
except ValueError as ex:
    print("ValueError:", str(ex).endswith("is not a file-like object in binary reading mode."))
err(lambda: hmac.new(b"key", b"msg"))
err(lambda: hmac.new("key", b"msg", "md5"))
err(lambda: hmac.compare_digest(b"a", "a"))
