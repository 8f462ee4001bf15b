# The builtin hash modules used directly (no standard library needed).
import _md5
import _sha1
import _sha2
import _sha3
import _blake2

for m in (_md5, _sha1, _sha2, _sha3, _blake2):
    print(m.__name__, sorted(n for n in dir(m) if not n.startswith("__")))

ctors = [
    _md5.md5, _sha1.sha1, _sha2.sha224, _sha2.sha256, _sha2.sha384, _sha2.sha512,
    _sha3.sha3_224, _sha3.sha3_256, _sha3.sha3_384, _sha3.sha3_512,
    _sha3.shake_128, _sha3.shake_256, _blake2.blake2b, _blake2.blake2s,
]
for ctor in ctors:
    h = ctor(b"The quick brown fox jumps over the lazy dog")
    t = type(h)
    print(t, t.__module__, t.__name__, t.__qualname__, h.name, h.digest_size, h.block_size)
    methods = [n for n in ("update", "digest", "hexdigest", "copy") if hasattr(h, n)]
    print("  ", methods)
    if h.name.startswith("shake"):
        print("  ", h.hexdigest(32), h.digest(3))
    else:
        print("  ", h.hexdigest())
        print("  ", h.digest()[:6])

print(_md5.MD5Type, _sha1.SHA1Type, _sha2.SHA224Type, _sha2.SHA384Type)
print(_md5.md5, _sha2.sha256)
print(_sha2.SHA256Type is type(_sha2.sha256()), _md5.MD5Type is type(_md5.md5()))

s = _sha3.sha3_256()
print(s._capacity_bits, s._rate_bits, s._suffix, _sha3.shake_128()._suffix)
print(_sha3.shake_256()._capacity_bits, _sha3.shake_128()._rate_bits, _sha3.implementation)

print(_blake2.BLAKE2B_SALT_SIZE, _blake2.BLAKE2B_PERSON_SIZE, _blake2.BLAKE2B_MAX_KEY_SIZE,
      _blake2.BLAKE2B_MAX_DIGEST_SIZE)
print(_blake2.BLAKE2S_SALT_SIZE, _blake2.BLAKE2S_PERSON_SIZE, _blake2.BLAKE2S_MAX_KEY_SIZE,
      _blake2.BLAKE2S_MAX_DIGEST_SIZE)
print(_blake2.blake2b.SALT_SIZE, _blake2.blake2s.MAX_DIGEST_SIZE)

# Streaming: many small updates equal one big one; digests in between change nothing.
big = bytes(i % 251 for i in range(5000))
for ctor in ctors:
    whole = ctor(big)
    parts = ctor()
    for i in range(0, len(big), 97):
        parts.update(memoryview(big)[i : i + 97])
        parts.digest() if not parts.name.startswith("shake") else parts.digest(1)
    if parts.name.startswith("shake"):
        ok = whole.digest(300) == parts.digest(300)
    else:
        ok = whole.digest() == parts.digest()
    print(parts.name, ok)

# copy() independence
a = _md5.md5(b"a")
b = a.copy()
b.update(b"b")
print(a.hexdigest(), b.hexdigest(), _md5.md5(b"ab").hexdigest())
k = _blake2.blake2b(b"a", digest_size=20, key=b"key", salt=b"salt", person=b"person")
k2 = k.copy()
k.update(b"b")
print(k2.digest_size, k2.hexdigest(), k.hexdigest())
print(_blake2.blake2s(b"abc", last_node=True).hexdigest())
print(_blake2.blake2s(b"abc", node_offset=2**48 - 1, leaf_size=2**32 - 1).hexdigest())
print(_blake2.blake2b(b"abc", node_offset=2**64 - 1).hexdigest())
print(_sha3.shake_256(b"").hexdigest(0) == "", len(_sha3.shake_128(b"").digest(1000)))


def err(f):
    try:
        f()
    except Exception as ex:
        print(type(ex).__name__ + ":", ex)
    else:
        print("no error")


err(lambda: _md5.md5("x"))
err(lambda: _md5.md5(b"", b""))
err(lambda: _md5.md5(b"", string=b""))
err(lambda: _md5.md5().update())
err(lambda: _md5.md5().update(b"", b""))
err(lambda: _md5.md5().update(data=b""))
err(lambda: _md5.md5().hexdigest(1))
err(lambda: _md5.md5().copy(1))
err(lambda: _md5.MD5Type())
err(lambda: _sha1.SHA1Type())
err(lambda: _sha2.SHA512Type())
err(lambda: _sha3.sha3_384(None))
err(lambda: _sha3.sha3_384(b"", b""))
err(lambda: _sha3.shake_256(x=1))
err(lambda: _md5.md5(b"", b"", b""))
err(lambda: _md5.md5(b"", usedforsecurity=1, x=2))
err(lambda: _sha1.sha1(x=2))
err(lambda: _blake2.blake2s(b"", b"", b""))
err(lambda: _blake2.blake2s(b"", **{k: 1 for k in "abcdefghijklmn"}))
err(lambda: _sha3.sha3_384(b"", usedforsecurity=False, data=b""))
err(lambda: _sha3.shake_128(b"").digest(2**64))
err(lambda: _sha3.shake_128(b"").digest("1"))
err(lambda: _sha3.shake_128(b"").hexdigest(1, 2))
err(lambda: _blake2.blake2s(b"", digest_size=1.5))
err(lambda: _blake2.blake2s(b"", salt=None))
err(lambda: _blake2.blake2s(b"", key=b"x" * 33, salt=b"y" * 9))
err(lambda: _blake2.blake2s(b"", fanout=2**31))
err(lambda: _blake2.blake2s(b"", leaf_size=2**64))
err(lambda: _blake2.blake2s(1, digest_size=0))
err(lambda: _blake2.blake2s(1))
err(lambda: _blake2.blake2b().update())
err(lambda: _blake2.blake2b().hexdigest(2))
