# Small native modules: time, errno, gc, weakref, _thread, _string, builtins, marshal.
import time
import errno
import gc
import weakref
import _thread
import _string
import builtins
import marshal

t0 = time.time()
p0 = time.perf_counter()
m0 = time.monotonic()
time.sleep(0.01)
time.sleep(0)
print(type(t0).__name__, t0 > 1.6e9, time.perf_counter() > p0, time.monotonic() >= m0)
print(type(time.time_ns()).__name__, time.perf_counter_ns() >= 0, time.process_time() >= 0, time.monotonic_ns() > 0)
for bad in (lambda: time.sleep(-1), lambda: time.sleep('a'), lambda: time.time(1)):
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

print(errno.errorcode[errno.ENOENT], errno.errorcode[errno.EINVAL], errno.errorcode[errno.EEXIST])
print(errno.EAGAIN == errno.EWOULDBLOCK, 'ENOENT' in dir(errno), isinstance(errno.EPERM, int))

print(gc.isenabled(), type(gc.collect()).__name__, gc.get_threshold())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled(), gc.is_tracked([]), gc.is_tracked('text'))
try:
    gc.collect(5)
except ValueError as e:
    print('ValueError', e)


class Node:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f'Node({self.name})'


n = Node('a')
r = weakref.ref(n)
print(r() is n, r(), r == weakref.ref(n), hash(r) == hash(n), type(r).__name__, weakref.ref is weakref.ReferenceType)
print(r.__callback__, weakref.ref(n, print).__callback__ is print, callable(r))
del n
print(r(), r() is None)
s = {1, 2}
print(weakref.ref(s)() == {1, 2}, weakref.ref(Node)() is Node)
for bad in (lambda: weakref.ref(1), lambda: weakref.ref([]), lambda: weakref.ref('s'), lambda: weakref.ref()):
    try:
        bad()
    except TypeError as e:
        print('TypeError', e)

lock = _thread.allocate_lock()
print(lock.locked(), lock.acquire(), lock.locked(), lock.acquire(False))
lock.release()
print(lock.locked())
with lock:
    print('in lock', lock.locked())
print(lock.locked(), type(lock) is _thread.LockType, _thread.get_ident() > 0)
try:
    lock.release()
except RuntimeError as e:
    print('RuntimeError', e)
rl = _thread.RLock()
print(rl.acquire(), rl.acquire())
rl.release()
rl.release()
try:
    rl.release()
except RuntimeError as e:
    print('RuntimeError', e)

print(list(_string.formatter_parser('a{0}b{x!r:>3}c{{d}}')))
print(list(_string.formatter_parser('x{a.b[0]}y{}')), list(_string.formatter_parser('')))
print(list(_string.formatter_parser('{0:{1}}')), list(_string.formatter_parser('a{:}b')))
first, rest = _string.formatter_field_name_split('a.b[0][key]')
print(first, list(rest), _string.formatter_field_name_split('0')[0], list(_string.formatter_field_name_split('')[1]))
for bad in ('{', '}', '{0!}', '{0!rr}', 'x{a'):
    try:
        list(_string.formatter_parser(bad))
    except ValueError as e:
        print('ValueError', e)

print(builtins.len is len, builtins.__name__, builtins.max([3, 1]), 'print' in dir(builtins))
builtins.my_global = 42
print(my_global)
data = (1, 2.5, 'text', b'bytes', None, [1, [2]], {1: 2}, {3}, frozenset([4]), 10 ** 30, 1j, True, -7)
print(marshal.loads(marshal.dumps(data)) == data, marshal.loads(marshal.dumps(data)), marshal.version)
print(marshal.loads(marshal.dumps('héllo')), marshal.loads(marshal.dumps(-2 ** 70)))
for bad in (lambda: marshal.loads(b''), lambda: marshal.dumps(object())):
    try:
        bad()
    except (EOFError, ValueError) as e:
        print(type(e).__name__, e)
g = time.gmtime(1234567890)
print(g, g.tm_year, g[1], len(g), type(g).__name__)
print(time.gmtime(0)[:6], time.gmtime(-86400)[:8], time.gmtime(951782400)[:3])
print(time.strftime('%Y-%m-%d %H:%M:%S %a %A %b %B %j %w %y %p %I %%', g))
print(time.asctime(g), time.mktime((2009, 2, 13, 23, 31, 30, 4, 44, 0)) - time.mktime(g))
