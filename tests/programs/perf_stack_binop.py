# `LOAD_FAST b; BINARY_OP [; STORE_FAST d]` with the left operand already on the stack
# (StackBinop in vm/src/exec/fused.rs), and the operands that must take the generic path.


class Num:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        return Num(self.v + other)

    def __radd__(self, other):
        return Num(other + self.v)

    def __repr__(self):
        return "Num(%r)" % (self.v,)


def mixed(a, b, c):
    r = a * b + c
    s = 2.0 * a * b
    t = (a + 1) - c
    u = a + b * c
    return r, s, t, u


def seqs(a, b, c):
    r = a * b + c
    t = (a + c) * b
    return r, t


def main():
    print(mixed(1, 2, 3))
    print(mixed(1.5, 2, 3))
    print(mixed(1, 2.5, -3))
    print(mixed(2**40, 2**40, 1))
    print(mixed(2**62, 4, 1))
    print(mixed(-(2**63), 1, 1))
    print(mixed(True, 2, 3))
    print(mixed(float("nan"), 1.0, float("inf")))
    print(mixed(1e308, 10.0, 1e308))
    print(mixed(Num(1), 1, 2) if False else "skip")
    print(seqs("ab", 2, "cd"))
    print(seqs([1], 2, [3]))
    print(seqs((1,), 3, ()))
    x = Num(5)
    k = 3
    y = (k * 2) + x
    print(y)
    z = (k + 1) << k
    w = (k - 10) // k
    v = (k - 10) % k
    q = (k * 7) ** k
    m = (k * 1.5) % k
    print(z, w, v, q, m)
    big = 3
    for _ in range(70):
        big = (big * 3) | big
    print(big)
    acc = 0.0
    for i in range(10):
        acc = (acc * 0.5) + i
    print(acc)
    d = 0
    try:
        print((k + 1) / d)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
    try:
        print((k + 1.0) % d)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)


main()


def ratio(a, b, c):
    return (a + b) / c


print(ratio(1, 2, 4))
print(ratio(1.5, 2, 0))
