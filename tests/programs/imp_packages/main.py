# Packages: __init__ modules, __path__, submodules bound on their parent,
# relative imports at every level, and namespace packages.
import sys

import shapes
print("shapes:", shapes.__name__, shapes.__package__, shapes.VERSION)
print("is package:", hasattr(shapes, "__path__"), len(shapes.__path__))
print(shapes.__path__[0].endswith("/imp_packages/shapes"))
print(shapes.__file__.endswith("/shapes/__init__.py"))
print(shapes.__spec__.parent, shapes.__spec__.submodule_search_locations == shapes.__path__)
print("solids loaded yet?", "shapes.solids" in sys.modules)

import shapes.solids.cube
print(shapes.solids.cube.volume(3))
print(shapes.solids.__package__, shapes.solids.cube.__package__)
print(shapes.solids.cube.__spec__.parent)

import shapes.flat.square as sq
print(sq.area(4), sq.__name__)
print(sq.describe())

from shapes.flat import circle
print(circle.area(1))
print(circle.relatives())

from shapes import flat
print(flat.__name__, sorted(k for k in vars(flat) if not k.startswith("__")))

# submodules are attributes of their parent package after import
print(shapes.flat.square is sq, shapes.solids.cube.__name__)

# from package import submodule-that-is-not-yet-imported
from shapes.solids import sphere
print(sphere.volume(1) > 4.18)

# a package can re-export names from its submodules
print(shapes.unit_area())

# relative import errors
try:
    import shapes.errors
except ImportError as e:
    print(type(e).__name__, e)

try:
    import shapes.missing_mod
except ModuleNotFoundError as e:
    print(e, e.name)

try:
    from shapes import missing_name
except ImportError as e:
    print(str(e).replace(sys.path[0], "<dir>"))

try:
    from . import something
except ImportError as e:
    print(type(e).__name__, e)

# namespace package: a directory without __init__.py
import nsdir.inner.leaf
print(nsdir.inner.leaf.NAME)
print(nsdir.__file__, nsdir.__spec__.origin, type(nsdir.__path__).__name__ != "")
print(list(nsdir.__path__)[0].endswith("/imp_packages/nsdir"))

# __import__ with fromlist returns the leaf; without, the top package
top = __import__("shapes.flat.square")
leaf = __import__("shapes.flat.square", fromlist=["area"])
print(top.__name__, leaf.__name__)
rel = __import__("square", globals=vars(shapes.flat), fromlist=["*"], level=1)
print(rel.__name__)

import importlib
print(importlib.import_module(".cube", "shapes.solids").__name__)
print(importlib.import_module("..flat", "shapes.solids").__name__)
try:
    importlib.import_module(".cube")
except TypeError as e:
    print(e)
try:
    importlib.import_module("....x", "shapes.solids")
except ImportError as e:
    print(e)
print(sorted(m for m in sys.modules if m.startswith(("shapes", "nsdir"))))
