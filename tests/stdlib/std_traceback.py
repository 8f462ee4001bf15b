# traceback from the standard library: formatting the current exception, stacks and chains
# with 3.12's carets (needs code.co_positions() and linecache reading the source).
import sys
import traceback


def f(x):
    return 1 / x


def g(d):
    return d['a']['b'] + 1


try:
    f(0)
except ZeroDivisionError:
    print(traceback.format_exc())
    traceback.print_exc(file=sys.stdout)
    tb = sys.exc_info()[2]
    for fs in traceback.extract_tb(tb):
        print(fs.filename, fs.lineno, fs.name, repr(fs.line), fs.colno, fs.end_colno)
    print(traceback.format_exception_only(*sys.exc_info()[:2]))

try:
    g({'a': {}})
except KeyError as e:
    te = traceback.TracebackException.from_exception(e)
    print(''.join(te.format()), end='')
    print(list(te.format_exception_only()))
    print(len(te.stack), te.exc_type.__name__)

try:
    try:
        int('x')
    except ValueError as e:
        raise RuntimeError('wrapped') from e
except RuntimeError as e:
    print(''.join(traceback.format_exception(e)), end='')
    print(''.join(traceback.format_exception(e, chain=False)), end='')

try:
    try:
        [][1]
    except IndexError:
        {}['k']
except KeyError as e:
    traceback.print_exception(e, file=sys.stdout, limit=1)

try:
    raise ValueError('note me')
except ValueError as e:
    e.add_note('a note')
    e.add_note('another')
    traceback.print_exception(e, file=sys.stdout)

c = f.__code__
print(list(c.co_positions())[:6], len(list(c.co_positions())) == len(c.co_code) // 2)
print(list(c.co_lines()))
print(type(c.co_linetable).__name__, len(c.co_linetable) > 0)
