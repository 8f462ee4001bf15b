# warnings.warn: categories, filters, registries, stacklevel, catch_warnings.
import warnings


def deprecated_api(x):
    warnings.warn("deprecated_api() is deprecated", DeprecationWarning, stacklevel=2)
    return x * 2


def helper():
    warnings.warn("from helper")


print("start")
warnings.warn("plain user warning")
warnings.warn("runtime trouble", RuntimeWarning)
warnings.warn(FutureWarning("an instance"))
for i in range(3):
    warnings.warn("in a loop: shown once per location")
for i in range(2):
    helper()
print(deprecated_api(21))
warnings.warn("pending", PendingDeprecationWarning)
warnings.warn("imports", ImportWarning)
warnings.warn("resources", ResourceWarning)
print("defaults done")

with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    for i in range(2):
        warnings.warn("recorded", UserWarning)
    warnings.warn("bytes!", BytesWarning)
    helper()
print(len(log))
for w in log:
    print(w.category.__name__, str(w.message), w.filename, w.lineno, w.line, w.file)
print(type(log[0].message).__name__, log[0].message.args)
print(str(log[0]))

with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        warnings.warn("now an error")
    except UserWarning as e:
        print("caught", type(e).__name__, e)
    try:
        warnings.warn("custom", SyntaxWarning)
    except SyntaxWarning as e:
        print("caught", type(e).__name__, e)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    warnings.warn("never shown")
    helper()
print("ignored")

with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("once")
    for i in range(3):
        warnings.warn("once only")
    warnings.warn("once only", RuntimeWarning)
    helper()
    helper()
print([(w.category.__name__, str(w.message)) for w in log])

with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("ignore")
    warnings.filterwarnings("always", category=RuntimeWarning)
    warnings.warn("a user warning")
    warnings.warn("a runtime warning", RuntimeWarning)
    warnings.warn("another runtime warning", RuntimeWarning)
print([(w.category.__name__, str(w.message)) for w in log])

with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    warnings.filterwarnings("ignore", message="spam")
    warnings.warn("spam and eggs")
    warnings.warn("SPAM is ignored too")
    warnings.warn("eggs and spam")
print([str(w.message) for w in log])

with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    warnings.warn("level one", stacklevel=1)
    deprecated_api(1)
print([(w.lineno, w.category.__name__) for w in log])

try:
    warnings.warn("bad", int)
except TypeError as e:
    print("TypeError:", e)
try:
    warnings.warn("bad", 5)
except TypeError as e:
    print("TypeError:", e)
try:
    warnings.simplefilter("sometimes")
except AssertionError as e:
    print("AssertionError:", e)

old = warnings.showwarning


def my_show(message, category, filename, lineno, file=None, line=None):
    print("my_show:", category.__name__, message, lineno)


warnings.showwarning = my_show
warnings.warn("through showwarning", UserWarning)
warnings.showwarning = old
print(warnings.formatwarning("fmt", UserWarning, "file.py", 12, "  the line  "), end="")
print(repr(warnings.catch_warnings()), repr(warnings.catch_warnings(record=True)))
warnings.warn("after restore")
print("end")
