"""__reduce__ / __setstate__ of builtin types (what copy and pickle call), and OSError's
errno-to-subclass mapping. The round trips through copy and pickle are in
tests/stdlib/copy_builtins.py."""
import collections
import errno
import functools
import operator


def show(label, value):
    try:
        print(label, value())
    except Exception as exc:
        print(label, type(exc).__name__, exc)


class MySet(set):
    pass


ms = MySet([3])
ms.tag = 1
show("set", lambda: {1, 2}.__reduce__())
show("frozenset", lambda: frozenset([5]).__reduce__())
show("set subclass", lambda: ms.__reduce__())
show("bytearray", lambda: bytearray(b"a\xffb").__reduce__())
for proto in range(6):
    show(f"bytearray ex {proto}", lambda: bytearray(b"a\xffb").__reduce_ex__(proto))
show("bytearray empty", lambda: bytearray().__reduce_ex__(4))
show("slice", lambda: slice(1, None, "x").__reduce__())
show("slice1", lambda: slice(7).__reduce__())

e = ValueError("x", 2)
show("exc", lambda: e.__reduce__())
e.note = "n"
show("exc dict", lambda: e.__reduce__())
show("keyerror", lambda: KeyError("k").__reduce__())
show("no args", lambda: RuntimeError().__reduce__())
f = Exception()
f.__setstate__({"a": 1, "b": [2]})
print(f.a, f.b, f.__reduce__())
f.__setstate__(None)
show("setstate bad", lambda: f.__setstate__([1]))


class MyErr(Exception):
    def __init__(self, a, b):
        super().__init__(a)
        self.b = b


show("custom exc", lambda: MyErr(1, 2).__reduce__())

# errno values differ between platforms: only the names are printed.
for name in ["ENOENT", "EACCES", "EPERM", "EEXIST", "EISDIR", "ENOTDIR", "EINTR", "ECHILD",
             "EAGAIN", "EALREADY", "EINPROGRESS", "EWOULDBLOCK", "EPIPE", "ESHUTDOWN",
             "ECONNABORTED", "ECONNREFUSED", "ECONNRESET", "ESRCH", "ETIMEDOUT", "EBADF"]:
    code = getattr(errno, name)
    for args in [(code, "msg"), (code, "msg", "file"), (code, "m", "a", None, "b"), (code,),
                 (code, "a", "b", "c", "d", "e")]:
        err = OSError(*args)
        r = err.__reduce__()
        print(name, len(args), type(err).__name__, err.strerror, err.filename, err.filename2,
              r[0].__name__, r[1] == args)
print(type(OSError("2", "x")).__name__, type(OSError(errno.ENOENT, "x")).__name__)


class MyOSError(OSError):
    pass


print(type(MyOSError(2, "x")).__name__, type(PermissionError(2, "x")).__name__)

it = iter([1, 2, 3])
show("list_iterator", lambda: it.__reduce__())
next(it)
show("list_iterator 1", lambda: it.__reduce__())
it.__setstate__(0)
print(list(it), it.__reduce__())
it2 = iter([1, 2, 3])
it2.__setstate__(99)
print(it2.__reduce__(), list(it2))
it3 = iter([4, 5, 6])
it3.__setstate__(-5)
print(next(it3))
tit = iter((7, 8))
next(tit)
show("tuple_iterator", lambda: tit.__reduce__())
list(tit)
show("tuple_iterator done", lambda: tit.__reduce__())
sit = iter("héllo")
next(sit)
next(sit)
show("str_iterator", lambda: sit.__reduce__())
sit.__setstate__(4)
print(list(sit), sit.__reduce__())
ait = iter("abc")
ait.__setstate__(1)
print(list(ait))

show("Ellipsis", lambda: Ellipsis.__reduce__())
show("NotImplemented", lambda: NotImplemented.__reduce__())
show("len", lambda: len.__reduce__())
show("bound", lambda: [].append.__reduce__())

show("itemgetter", lambda: operator.itemgetter(1).__reduce__())
show("itemgetter2", lambda: operator.itemgetter(1, "a").__reduce__())
show("attrgetter", lambda: operator.attrgetter("a.b", "c").__reduce__())
show("methodcaller", lambda: operator.methodcaller("m", 1).__reduce__())
mk = operator.methodcaller("m", 1, k=2).__reduce__()
print(type(mk[0]).__name__, mk[0].args, mk[0].keywords, mk[1])

p = functools.partial(max, 1, key=abs)
print(p.__reduce__())
q = functools.partial(min)
q.__setstate__((max, (5,), {"key": abs}, {"attr": 1}))
print(q(3), q.args, q.keywords, q.attr)
q.__setstate__((sorted, (), None, None))
print(q([2, 1]), q.keywords)
for bad in [[1], (1, 2, 3), (1, (), {}, None), (max, [], {}, None), (max, (), [], None)]:
    show("partial bad", lambda: q.__setstate__(bad))

d = collections.deque([1, 2])
r = d.__reduce__()
print(r[0].__name__, r[1], r[2], list(r[3]))
r = collections.deque([3], maxlen=4).__reduce__()
print(r[1], list(r[3]))


class A:
    def f(self):
        return 1


a = A()
r = a.f.__reduce__()
print(r[0], r[1][0] is a, r[1][1])
import types

print(type([].append).__name__, type(a.f).__name__, type(classmethod(len).__get__(None, int)).__name__)
print(repr([].append)[:37], repr((1).bit_length)[:40], repr(dict.fromkeys)[:41])
print(isinstance([].append, types.MethodType), isinstance([].append, types.BuiltinMethodType))
print(type(types.MethodType(list.append, [])).__name__, repr(classmethod(len).__get__(None, int)))
o = OSError("x", "y", "f", None, "g")
print(OSError("x", "y", "f").args, repr(o), o.args, o.__reduce__()[1], OSError("x", "y", None).args)
print(str(OSError("x", "y", "f")), str(o), OSError("x", "y", "f", 5).__reduce__()[1], OSError("x", "y", "f", 5).args)
