# contextlib (which imports os, collections, functools) from the standard library.
import contextlib
import io
import sys
from contextlib import (contextmanager, suppress, ExitStack, closing, nullcontext, redirect_stdout,
                        AbstractContextManager, ContextDecorator, chdir)

@contextmanager
def tag(name):
    print('<%s>' % name)
    try:
        yield name.upper()
    finally:
        print('</%s>' % name)

with tag('p') as t:
    print('inside', t)

try:
    with tag('q'):
        raise KeyError('boom')
except KeyError as e:
    print('caught', repr(e))

@contextmanager
def swallow():
    try:
        yield
    except ZeroDivisionError:
        print('swallowed')

with swallow():
    1 / 0
print('after swallow')

with suppress(FileNotFoundError, ZeroDivisionError):
    1 / 0
print('suppressed')

with ExitStack() as stack:
    for i in range(3):
        stack.callback(print, 'callback', i)
    names = [stack.enter_context(tag(n)) for n in ('a', 'b')]
    print('names', names)

def cleanup_order():
    with ExitStack() as st:
        st.push(lambda *exc: print('exit with', exc[0].__name__ if exc[0] else None) or True)
        raise ValueError('x')
    return 'recovered'

print(cleanup_order())

class Res:
    def close(self):
        print('closed')

with closing(Res()) as r:
    print(type(r).__name__)
with nullcontext(5) as v:
    print('null', v)

buf = io.StringIO()
with redirect_stdout(buf):
    print('captured text')
print(repr(buf.getvalue()))

class Track(ContextDecorator):
    def __enter__(self):
        print('enter')
        return self
    def __exit__(self, *exc):
        print('exit')
        return False

@Track()
def work(x):
    print('work', x)
    return x * 2

print(work(21))

class CM(AbstractContextManager):
    def __exit__(self, *a):
        return None

with CM() as c:
    print(isinstance(c, CM), issubclass(CM, AbstractContextManager))
print(isinstance(nullcontext(), contextlib.AbstractContextManager))

@contextmanager
def bad():
    yield 1
    yield 2

try:
    with bad():
        pass
except RuntimeError as e:
    print('RuntimeError:', e)
