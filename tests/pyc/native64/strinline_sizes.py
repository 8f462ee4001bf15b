"""sys.getsizeof of strs around the 30 UTF-8 bytes pyvm keeps inside a str object (its own
layout must not show). 64-bit sizes, so recorded from the native CPython 3.12.1:
`python3.12 -c "import py_compile; py_compile.compile('strinline_sizes.py',
cfile='strinline_sizes.pyc')" && python3.12 strinline_sizes.pyc > strinline_sizes.out`."""
import sys

for c in ("a", "\xe9", "\u4e2d", "\U0001f600"):
    print(repr(c), [sys.getsizeof(c * n) for n in (0, 1, 7, 8, 10, 11, 15, 16, 22, 23, 30, 31, 40)])
base = "x" * 29
for tail in ("", "y", "\xe9", "\u4e2d", "\U0001f600"):
    s = base + tail
    print(len(s), len(s.encode()), sys.getsizeof(s), sys.getsizeof(s[1:]), sys.getsizeof(s + s))
