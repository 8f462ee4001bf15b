# Local modules: finding them beside the main file, sys.modules as the one
# cache, module attributes, import forms, and the errors for missing modules.
import sys

print("before first import")
import counter
print("counter.value =", counter.value)
import counter  # a second import runs nothing
print("again:", counter.value, counter is sys.modules["counter"])

import counter as c2
print("alias is same:", c2 is counter)

from counter import bump, value as v0
bump()
bump()
print("value now", counter.value, "v0 still", v0)

# Module attributes set by the import system
print(counter.__name__, repr(counter.__package__), counter.__doc__)
spec = counter.__spec__
print(type(spec).__name__, spec.name, repr(spec.parent), spec.origin.endswith("counter.py"))
print(spec.submodule_search_locations, spec.has_location)
print(counter.__file__.endswith("/imp_modules/counter.py"))
print(counter.__cached__.endswith("/__pycache__/counter.cpython-312.pyc"))
print(type(counter.__builtins__).__name__)
print(sorted(k for k in vars(counter) if k.startswith("__")))

# The main module's own attributes
print(__name__, __spec__, __package__)

# Functions defined in another module see that module's globals
import helpers
print(helpers.describe(3))
print(helpers.call_counter())
print(helpers.GREETING, helpers.__name__)

# importlib and __import__
import importlib
m = importlib.import_module("helpers")
print(m is helpers)
h = __import__("helpers")
print(h is helpers)

# Missing modules
for name in ["no_such_module", "counter.sub", "helpers.x.y"]:
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as e:
        print(type(e).__name__, e, e.name)

try:
    import definitely_missing
except ImportError as e:
    print(type(e).__name__, "|", e, "|", e.name, e.path)

try:
    from helpers import nothing_here
except ImportError as e:
    print(type(e).__name__, e.name, e.name_from)
    print(str(e).replace(sys.path[0], "<dir>"))

try:
    from sys import not_in_sys
except ImportError as e:
    print(e)

# sys.modules entries set to None block an import
sys.modules["blocked"] = None
try:
    import blocked
except ModuleNotFoundError as e:
    print(e)

# A module can replace itself in sys.modules
import replacer
print(type(replacer).__name__, replacer.payload)

# Removing a module from sys.modules makes the next import run it again
del sys.modules["counter"]
import counter as fresh
print("fresh:", fresh.value, fresh is counter)

# Errors in the module body propagate and the module is not kept
try:
    import broken
except ZeroDivisionError as e:
    print("broken:", e, "broken" in sys.modules)
try:
    import broken
except ZeroDivisionError as e:
    print("broken again:", e)

# Replacing builtins.__import__ intercepts import statements
import builtins

real_import = builtins.__import__


def spy(name, globals=None, locals=None, fromlist=(), level=0):
    print("spy:", name, fromlist, level, globals is vars(sys.modules["__main__"]))
    return real_import(name, globals, locals, fromlist, level)


builtins.__import__ = spy
import helpers
from counter import bump as b2
builtins.__import__ = real_import
import helpers
print(b2())
