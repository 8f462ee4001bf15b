# The C accelerator modules CPython's pure-Python stdlib imports, used directly (no stdlib).
import _sha2
import _random
import _contextvars
import _codecs
import _typing
import _struct
import _weakref

h = _sha2.sha512(b'abc')
print(h.hexdigest()[:32], h.name, h.digest_size, h.block_size)
h2 = h.copy()
h2.update(b'def')
print(h.hexdigest()[-16:], h2.hexdigest()[-16:], _sha2.sha512(b'abcdef').digest() == h2.digest())
print(_sha2.sha512().hexdigest()[:16], len(_sha2.sha512(b'x' * 1000).digest()))
try:
    _sha2.sha512('text')
except TypeError as e:
    print('TypeError:', e)

r = _random.Random(12345)
print(r.random(), r.getrandbits(40), r.getrandbits(100))
st = r.getstate()
print(type(st).__name__, len(st), st[-1])
a = [r.random() for _ in range(3)]
r.setstate(st)
print(a == [r.random() for _ in range(3)])
r.seed(-12345)
x = r.random()
r.seed(12345)
print(x == r.random(), r.getrandbits(0))
try:
    r.setstate((1, 2))
except ValueError as e:
    print('ValueError:', e)
try:
    r.getrandbits(-1)
except ValueError as e:
    print('ValueError:', e)

class Sub(_random.Random):
    def __init__(self, x):
        self.seed(x)
        self.extra = 'yes'

s = Sub(7)
print(s.random() == _random.Random(7).random(), s.extra)

v = _contextvars.ContextVar('v', default=1)
print(v.get(), v.name)
tok = v.set(5)
print(v.get(), tok.var is v, tok.old_value is _contextvars.Token.MISSING)
v.reset(tok)
print(v.get())
w = _contextvars.ContextVar('w')
try:
    w.get()
except LookupError:
    print('LookupError')
ctx = _contextvars.copy_context()
def inside():
    w.set('in ctx')
    return w.get()
print(ctx.run(inside), w.get('outside'), ctx[w], w in ctx, len(ctx))

print(_codecs.utf_8_encode('héllo'), _codecs.utf_8_decode(b'h\xc3\xa9'), _codecs.latin_1_encode('é'))
print(_codecs.encode('abc', 'ascii'), _codecs.decode(b'abc'), _codecs.ascii_decode(b'ok'))
try:
    _codecs.lookup_error('no-such-handler')
except LookupError as e:
    print('LookupError:', e)

T = _typing.TypeVar('T')
Ts = _typing.TypeVarTuple('Ts')
P = _typing.ParamSpec('P')
print(T, T.__name__, T.__bound__, T.__constraints__, T.__covariant__, Ts, P, P.args, P.kwargs)
print(_typing.TypeVar('U', covariant=True), _typing.TypeVar('V', contravariant=True), _typing.TypeVar('W', infer_variance=True))
print(_typing._idfunc(42), _typing.Generic, _typing.TypeAliasType('A', int), _typing.TypeAliasType('A', int).__value__)
try:
    _typing.TypeVar('X', covariant=True, contravariant=True)
except ValueError as e:
    print('ValueError:', e)
try:
    _typing.TypeVar('X', int)
except TypeError as e:
    print('TypeError:', e)

print(_struct._clearcache(), _struct.pack('<H', 513))
class Obj:
    pass
o = Obj()
p = _weakref.proxy(o)
o.attr = 'through the proxy'
print(p.attr, type(p).__name__)
