# ~bool is deprecated in 3.12: a DeprecationWarning, shown by default in __main__.
print(~True)
print(~False)
for i in range(3):
    x = ~True
print(x)


def f(b):
    return ~b


print(f(True), f(False))
print(~1, ~0)
import warnings

with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    y = ~True
    z = f(False)
print(y, z, [(w.category.__name__, w.lineno) for w in log])
print(str(log[0].message)[:40])
warnings.simplefilter("error")
try:
    ~False
except DeprecationWarning as e:
    print("error:", str(e)[:30])
warnings.warn("the end", stacklevel=1)
