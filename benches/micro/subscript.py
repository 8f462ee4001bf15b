"""Micro: BINARY_SUBSCR and STORE_SUBSCR on lists and dicts."""
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


def work(n):
    lst = list(range(64))
    d = {k: k for k in range(64)}
    for i in range(n):
        j = i & 63
        lst[j] = lst[63 - j] + 1
        d[j] = d[j] + lst[j]
    return sum(lst) + sum(d.values())


print(work(max(1, int(2200000 * SCALE))))
