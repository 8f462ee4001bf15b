# Modules whose caches are unchecked-hash based (trusted as they are).
import trusted

print(trusted.greet("pyvm"))
print(trusted.__spec__.name, trusted.__spec__.cached.endswith(".cpython-312.pyc"))
