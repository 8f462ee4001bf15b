"""Runtime hooks the standard library's tools use: writable
traceback tb_next (unittest trims frames so), frame.clear(), io.IncrementalNewlineDecoder,
sys.gettrace/settrace, sys.displayhook."""
import io
import sys

def inner():
    raise ValueError("deep")


def middle():
    inner()


try:
    middle()
except ValueError as e:
    tb = e.__traceback__
names = []
t = tb
while t is not None:
    names.append(t.tb_frame.f_code.co_name)
    t = t.tb_next
print(names)
second = tb.tb_next
third = second.tb_next
second.tb_next = None
print(second.tb_next, tb.tb_next is second)
for bad in (lambda: setattr(second, "tb_next", 5), lambda: setattr(second, "tb_next", tb),
            lambda: delattr(second, "tb_next"), lambda: setattr(second, "tb_lineno", 1)):
    try:
        bad()
    except (TypeError, ValueError, AttributeError) as exc:
        print(type(exc).__name__, exc)
print(third.tb_frame.clear())

d = io.IncrementalNewlineDecoder(None, translate=True)
print(repr(d.decode("a\r")), repr(d.decode("\nb\r")), repr(d.decode("c", final=True)), d.newlines)
print(d.getstate(), repr(d.decode("x\r")), d.getstate())
d.reset()
print(d.newlines, d.getstate(), repr(d.decode("", final=True)))
k = io.IncrementalNewlineDecoder(None, False)
print(repr(k.decode("a\r\nb\nc\r", final=True)), k.newlines)

print(sys.gettrace(), sys.settrace(None), sys.getprofile(), sys.setprofile(None))
sys.displayhook(None)
sys.displayhook([1, "a"])
import builtins
print(builtins._, sys.__displayhook__ is sys.displayhook)
