# A module on sys.path wins over pyvm's native stand-in for a pure-Python stdlib module
# (heapq, random), as in CPython; a C module CPython builds in (itertools, _heapq) is
# still the native one even with a same-named file on the path.
import sys
import heapq
import random
import itertools
import _heapq

print(heapq.WHO, heapq.heappush is _heapq.heappush, random.WHO)
print(hasattr(itertools, 'WHO'), list(itertools.islice(itertools.count(3), 2)))
h = []
_heapq.heappush(h, 2)
_heapq.heappush(h, 1)
print(h, hasattr(_heapq, 'WHO'))
print('heapq' in sys.builtin_module_names, 'itertools' in sys.builtin_module_names)
print(heapq.__file__.endswith('imp_fallback/heapq.py'), heapq.__spec__.origin.endswith('heapq.py'))
