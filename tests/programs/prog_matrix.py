# Matrix arithmetic with nested lists: multiplication, transpose, identity,
# powers (Fibonacci), determinant by elimination with exact integers, and
# pretty printing.

def zeros(n, m):
    return [[0] * m for _ in range(n)]

def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]

def transpose(a):
    return [list(row) for row in zip(*a)]

def matmul(a, b):
    if len(a[0]) != len(b):
        raise ValueError(f"shape mismatch: {len(a)}x{len(a[0])} @ {len(b)}x{len(b[0])}")
    bt = transpose(b)
    return [[sum(x * y for x, y in zip(row, col)) for col in bt] for row in a]

def matpow(a, k):
    result = identity(len(a))
    while k:
        if k & 1:
            result = matmul(result, a)
        a = matmul(a, a)
        k >>= 1
    return result

def det(a):
    # Bareiss fraction-free elimination: exact for integer matrices.
    m = [row[:] for row in a]
    n = len(m)
    sign = 1
    prev = 1
    for k in range(n - 1):
        if m[k][k] == 0:
            for r in range(k + 1, n):
                if m[r][k] != 0:
                    m[k], m[r] = m[r], m[k]
                    sign = -sign
                    break
            else:
                return 0
        for i in range(k + 1, n):
            for j in range(k + 1, n):
                m[i][j] = (m[i][j] * m[k][k] - m[i][k] * m[k][j]) // prev
        prev = m[k][k]
    return sign * m[n - 1][n - 1]

def show(name, a):
    width = max(len(str(v)) for row in a for v in row)
    print(name + ":")
    for row in a:
        print("  [" + " ".join(str(v).rjust(width) for v in row) + "]")

A = [[1, 2, 3], [4, 5, 6]]
B = [[7, 8], [9, 10], [11, 12]]
show("A", A)
show("B", B)
show("A @ B", matmul(A, B))
show("B @ A", matmul(B, A))
show("A^T", transpose(A))
show("I3", identity(3))
print(matmul(A, identity(3)) == A, matmul(identity(2), A) == A)

fib = matpow([[1, 1], [1, 0]], 90)
print("fib(90) =", fib[0][1])

M = [[2, -3, 1], [2, 0, -1], [1, 4, 5]]
print("det M =", det(M))
print("det I4 =", det(identity(4)), "det singular =", det([[1, 2], [2, 4]]))
print("det swap =", det([[0, 1], [1, 0]]), "det 4x4 =", det([[3, 2, 0, 1], [4, 0, 1, 2], [3, 0, 2, 1], [9, 2, 3, 1]]))

H = [[1 / (i + j + 1) for j in range(3)] for i in range(3)]
show("Hilbert", [[round(v, 4) for v in row] for row in H])
print(sum(sum(row) for row in H))

try:
    matmul(A, A)
except ValueError as e:
    print("ValueError:", e)

# Rotations of a grid
grid = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
rot = [list(reversed(col)) for col in zip(*grid)]
show("rotated", rot)
print("trace:", sum(grid[i][i] for i in range(3)), "anti:", sum(grid[i][2 - i] for i in range(3)))
Z = zeros(2, 3)
Z[1][2] = 9
print(Z)
