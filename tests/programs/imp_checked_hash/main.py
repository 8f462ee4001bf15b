# Modules whose caches are checked-hash based (PEP 552).
import hashed
import hpkg.part

print(hashed.square(7))
print(hpkg.part.WHERE, hpkg.NAME)
print(hashed.__cached__.endswith("__pycache__/hashed.cpython-312.pyc"))
