"""A pipeline of generators: yield, yield from, generator expressions, send()."""
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


def numbers(n):
    x = 7
    for _ in range(n):
        x = (x * 48271) % 2147483647
        yield x


def only_odd(source):
    for v in source:
        if v & 1:
            yield v


def scaled(source, k):
    for v in source:
        yield v % k


def windows(source, size):
    window = []
    for v in source:
        window.append(v)
        if len(window) == size:
            yield tuple(window)
            window = []
    if window:
        yield tuple(window)


def chained(*sources):
    for s in sources:
        yield from s


def running_total():
    total = 0
    while True:
        v = yield total
        if v is None:
            return total
        total += v


def flatten(tree):
    for item in tree:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item


def build_tree(depth, counter):
    if depth == 0:
        counter[0] += 1
        return counter[0]
    return [build_tree(depth - 1, counter) for _ in range(3)]


def main():
    n = max(10, int(900000 * SCALE))
    total = 0
    count = 0
    for w in windows(scaled(only_odd(numbers(n)), 1000), 5):
        total += sum(w)
        count += 1
    print("windows:", count, "sum:", total)

    acc = running_total()
    next(acc)
    last = 0
    for v in chained(range(1000), (i * i for i in range(0, n // 2, 7)), numbers(n // 4)):
        last = acc.send(v % 65536)
    print("running total:", last)

    leaves = 0
    weight = 0
    for _ in range(max(1, n // 7500)):
        tree = build_tree(7, [0])
        for leaf in flatten(tree):
            leaves += 1
            weight += leaf & 3
    print("leaves:", leaves, "weight:", weight)
    print("squares:", sum(x * x for x in range(n) if x % 3 == 0) % 1000000007)


main()
