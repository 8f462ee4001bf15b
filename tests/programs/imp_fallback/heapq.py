# Shadows the stdlib's heapq (pure Python in CPython): this one is imported.
from _heapq import heappush

WHO = 'local heapq'
