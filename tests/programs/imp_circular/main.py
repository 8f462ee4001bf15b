# Circular imports: a partially initialised module is in sys.modules while
# its body runs; names it has not defined yet cannot be imported from it.
import sys

import ping
print("ping done:", ping.ping(3))
print("pong sees ping:", ping.pong_module.ping_module is ping)

# The module being imported is visible, partly initialised, in sys.modules.
import watcher
print(watcher.seen)

# from-import of a name defined later: the circular import error
try:
    import first
except ImportError as e:
    print(type(e).__name__, e.name, e.name_from)
    print(str(e).replace(sys.path[0], "<dir>"))
print("first" in sys.modules, "second" in sys.modules)

# relative circular imports inside a package resolve through sys.modules
import loop.a
print(loop.a.A, loop.a.b_module.B)

# attribute access on a partially initialised module
import a_attr
print(a_attr.X, a_attr.seen_error)

# a package's submodule is not its attribute until it finished loading
import subpkg.child
print(subpkg.child.ERR)
