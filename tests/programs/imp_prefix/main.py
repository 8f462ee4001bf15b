# Modules whose caches live under sys.pycache_prefix.
import sys

import prefixed
from sub import deeper

print(prefixed.where())
print(deeper.LEVEL)
print(sys.pycache_prefix is not None)
print(prefixed.__cached__.startswith(sys.pycache_prefix))
print(prefixed.__cached__.endswith("/imp_prefix/prefixed.cpython-312.pyc"))
