"""Spectral norm of an infinite matrix: nested loops, float division, list comprehensions."""
import math
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


def entry(i, j):
    s = i + j
    return 1.0 / (s * (s + 1) // 2 + i + 1)


def mul_av(v, n):
    out = []
    for i in range(n):
        acc = 0.0
        for j in range(n):
            acc += entry(i, j) * v[j]
        out.append(acc)
    return out


def mul_atv(v, n):
    out = []
    for i in range(n):
        acc = 0.0
        for j in range(n):
            acc += entry(j, i) * v[j]
        out.append(acc)
    return out


def mul_atav(v, n):
    return mul_atv(mul_av(v, n), n)


def main():
    n = max(2, int(260 * SCALE))
    u = [1.0] * n
    v = u
    for _ in range(10):
        v = mul_atav(u, n)
        u = mul_atav(v, n)
    vbv = sum([a * b for a, b in zip(u, v)])
    vv = sum([b * b for b in v])
    print("n =", n)
    print("%.9f" % math.sqrt(vbv / vv))


main()
