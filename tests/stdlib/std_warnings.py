# CPython's warnings.py running over the native _warnings.
import warnings
import _warnings

print(warnings.filters is _warnings.filters or len(warnings.filters) >= 5)
print([(a, c.__name__, m) for a, _, c, m, _ in warnings.filters[-5:]])


def f(x):
    return ~x


def api():
    warnings.warn("api is old", DeprecationWarning, stacklevel=2)


with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    warnings.warn("one")
    warnings.warn("two", RuntimeWarning)
    f(True)
    api()
    warnings.warn_explicit("explicit", UserWarning, "somefile.py", 42)
print([(w.category.__name__, str(w.message)[:20], w.lineno) for w in log])
print(str(log[0]))

with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("once")
    for i in range(3):
        warnings.warn("once")
    warnings.filterwarnings("ignore", message="sp[a]m")
    warnings.warn("spam here")
    warnings.warn("eggs here")
print([str(w.message) for w in log])

with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        warnings.warn("boom", UserWarning)
    except UserWarning as e:
        print("caught", repr(e))
    try:
        f(False)
    except DeprecationWarning as e:
        print("caught", type(e).__name__)

captured = []
old = warnings.showwarning
warnings.showwarning = lambda *a: captured.append((a[1].__name__, str(a[0]), a[3]))
warnings.warn("via showwarning")
warnings.showwarning = old
print(captured)
print(warnings.formatwarning("msg", UserWarning, "x.py", 3, "  code  "), end="")
