"""Sorting lists with key functions: lambdas, tuples as keys, stable multi-pass sorts,
reverse order, sorted() on records with attributes, and bisect-free binary search."""
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


class Record:
    def __init__(self, ident, name, score, group):
        self.ident = ident
        self.name = name
        self.score = score
        self.group = group


def make_records(n):
    x = 42
    out = []
    for i in range(n):
        x = (x * 214013 + 2531011) % 4294967296
        score = (x >> 16) % 10000
        name = "n%04d" % ((x >> 5) % 5000)
        out.append(Record(i, name, score, score % 7))
    return out


def search(sorted_values, target):
    lo = 0
    hi = len(sorted_values)
    while lo < hi:
        mid = (lo + hi) // 2
        if sorted_values[mid] < target:
            lo = mid + 1
        else:
            hi = mid
    return lo


def main():
    n = max(10, int(70000 * SCALE))
    records = make_records(n)
    by_score = sorted(records, key=lambda r: r.score)
    by_name_desc = sorted(records, key=lambda r: r.name, reverse=True)
    multi = sorted(records, key=lambda r: (r.group, -r.score, r.name))
    stable = records[:]
    stable.sort(key=lambda r: r.name)
    stable.sort(key=lambda r: r.group)
    print("lowest:", [(r.ident, r.score) for r in by_score[:3]])
    print("highest name:", [(r.ident, r.name) for r in by_name_desc[:3]])
    print("multi:", [(r.group, r.score, r.name) for r in multi[:3]])
    print("stable:", [(r.group, r.name, r.ident) for r in stable[:4]])

    digest = 0
    for rounds in range(6):
        values = [(r.score * 7919 + rounds * 31) % 100003 for r in records]
        values.sort()
        strs = sorted(str(v) for v in values[::3])
        pairs = sorted(zip(values[::2], strs), key=lambda p: (p[1][-1], p[0]))
        digest = (digest * 17 + values[n // 2] + len(strs[0]) + pairs[0][0]) % 1000000007
        for t in range(0, 100003, 997):
            digest = (digest + search(values, t)) % 1000000007
    print("digest:", digest)
    words = sorted(set(r.name for r in records), key=str.lower)
    print("distinct names:", len(words), "first:", words[:3], "last:", words[-1])


main()
