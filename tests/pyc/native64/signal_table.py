"""_signal on 64-bit Linux: the numbers, the handler table CPython starts with, and its
checks (pyodide's emscripten build has other values, so this is recorded from the native
CPython 3.12.1: `python3.12 -c "import py_compile; py_compile.compile('signal_table.py',
cfile='signal_table.pyc')" && python3.12 signal_table.pyc > signal_table.out`)."""
import _signal

print(_signal.SIGINT, _signal.SIGTERM, _signal.SIG_DFL, _signal.SIG_IGN, _signal.NSIG)
print(_signal.getsignal(_signal.SIGINT) is _signal.default_int_handler,
      _signal.getsignal(_signal.SIGPIPE), _signal.getsignal(_signal.SIGTERM))


def handler(signum, frame):
    pass


print(_signal.signal(_signal.SIGTERM, handler), _signal.getsignal(_signal.SIGTERM) is handler)
print(_signal.signal(_signal.SIGTERM, _signal.SIG_IGN) is handler, _signal.getsignal(_signal.SIGTERM))
for bad in (lambda: _signal.signal(0, handler), lambda: _signal.signal(_signal.SIGINT, 5),
            lambda: _signal.signal(_signal.SIGKILL, handler), lambda: _signal.getsignal(99),
            lambda: _signal.default_int_handler(2, None), lambda: _signal.signal("x", handler)):
    try:
        bad()
    except BaseException as e:
        print(type(e).__name__, e)
print(_signal.strsignal(_signal.SIGINT), _signal.strsignal(_signal.SIGSEGV), len(_signal.valid_signals()) > 30)


