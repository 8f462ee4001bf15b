"""Dense matrix multiplication and LU-style elimination on lists of lists of floats."""
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


def make_matrix(n, seed):
    x = seed
    m = []
    for _ in range(n):
        row = []
        for _ in range(n):
            x = (x * 69069 + 1) % 4294967296
            row.append((x >> 8) / 16777216.0 - 0.5)
        m.append(row)
    return m


def matmul(a, b):
    n = len(a)
    cols = len(b[0])
    bt = [[b[k][j] for k in range(len(b))] for j in range(cols)]
    out = []
    for row in a:
        out_row = []
        for col in bt:
            s = 0.0
            for x, y in zip(row, col):
                s += x * y
            out_row.append(s)
        out.append(out_row)
    return out


def determinant(m):
    a = [row[:] for row in m]
    n = len(a)
    det = 1.0
    for c in range(n):
        pivot = c
        for r in range(c + 1, n):
            if abs(a[r][c]) > abs(a[pivot][c]):
                pivot = r
        if a[pivot][c] == 0.0:
            return 0.0
        if pivot != c:
            a[c], a[pivot] = a[pivot], a[c]
            det = -det
        p = a[c][c]
        det *= p
        pr = a[c]
        for r in range(c + 1, n):
            row = a[r]
            f = row[c] / p
            if f != 0.0:
                for k in range(c, n):
                    row[k] -= f * pr[k]
    return det


def main():
    n = max(4, int(150 * SCALE))
    a = make_matrix(n, 1)
    b = make_matrix(n, 2)
    c = matmul(a, b)
    d = matmul(c, a)
    trace = sum(d[i][i] for i in range(n))
    print("n =", n)
    print("trace: %.6e" % trace)
    print("corner: %.6e %.6e" % (d[0][0], d[n - 1][n - 1]))
    da = determinant(a)
    db = determinant(b)
    dc = determinant(c)
    print("det(a)*det(b): %.6e" % (da * db))
    print("det(ab):       %.6e" % dc)


main()
