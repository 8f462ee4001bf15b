# Importing the sys module in every syntactic form and using the parts of
# it the core language needs: argv, exit, stdout/stderr, recursion limit.

import sys
import sys as system
from sys import argv, stdout
from sys import stderr as err_stream, getrecursionlimit
from sys import *

print(setrecursionlimit is sys.setrecursionlimit, "_getframe" in globals())

print(sys is system, argv is sys.argv, stdout is sys.stdout, err_stream is sys.stderr)
print("argv:", sys.argv, len(argv))
print("recursion limit:", getrecursionlimit())
print(type(sys).__name__, sys.__name__, __name__)

stdout.write("written via stdout\n")
err_stream.write("written via stderr\n")
print("to stderr via print", file=system.stderr)

def inner_import():
    import sys as local_sys
    from sys import argv as local_argv
    return local_sys is sys, local_argv == argv

print(inner_import())

# Changing and restoring the recursion limit
old = sys.getrecursionlimit()
sys.setrecursionlimit(old + 50)
print(sys.getrecursionlimit() - old)
sys.setrecursionlimit(old)
print(sys.getrecursionlimit() == old)

try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print("ValueError:", e)

# Importing a missing module and a missing name
try:
    import definitely_not_a_module_xyz
except ImportError as e:
    print(type(e).__name__, e.name)
try:
    from sys import no_such_name_xyz
except ImportError as e:
    print("ImportError:", e)

# Module attributes
print(hasattr(sys, "argv"), getattr(sys, "nope_xyz", "default"))
sys.custom_attribute = 123
print(sys.custom_attribute)
del sys.custom_attribute
print(hasattr(sys, "custom_attribute"))

# Imported names are ordinary globals
def uses_globals():
    return argv[0].endswith(".pyc"), callable(getrecursionlimit)

print(uses_globals())

# Flush explicitly, then exit through a name imported with from-import
from sys import exit as leave
stdout.flush()
print("exiting with status 0")
leave(0)
print("not reached")
