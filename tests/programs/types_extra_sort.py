# list.sort / sorted as CPython's timsort: stability (also with reverse=True),
# the exact sequence of __lt__ calls, the partially sorted state a failing
# comparison leaves behind, failing key functions, mutation during a sort,
# and sorting lists long enough to need run merging and galloping.

log = []
class K:
    def __init__(self, v, tag=""):
        self.v, self.tag = v, tag
    def __lt__(self, other):
        log.append(f"{self.v}<{other.v}")
        if self.v is None or other.v is None:
            raise TypeError("cannot compare None")
        return self.v < other.v
    def __repr__(self):
        return f"{self.v}{self.tag}"

for data in [[3, 1, 2], [1, 2, 3, 4], [4, 3, 2, 1], [2, 2, 1, 1], [5, 1, 4, 2, 3]]:
    log.clear()
    items = [K(v) for v in data]
    items.sort()
    print(items, " ".join(log))
log.clear()
print(sorted([K(2, "a"), K(1, "b"), K(2, "c"), K(1, "d")], reverse=True), " ".join(log))

for data in [[3, 1, None, 2], [5, 4, 3, None, 1], [1, 2, 3, None, 0], [2, 9, 4, 7, None, 1, 8]]:
    for rev in (False, True):
        items = [K(v) for v in data]
        log.clear()
        try:
            items.sort(reverse=rev)
        except TypeError as e:
            print("TypeError:", e, items, len(log))
for data in [[3, 1, "a", 2], list(range(10, 0, -1)) + ["z"], [(1, "a"), (1, 2)], [1.5, 2, None]]:
    try:
        data.sort()
    except TypeError as e:
        print("TypeError:", e, data)

def bad_key(x):
    if x == 3:
        raise ValueError("key failed")
    return -x
nums = [5, 3, 1]
try:
    nums.sort(key=bad_key)
except ValueError as e:
    print("ValueError:", e, nums)
grow = [4, 2, 9]
def grows(x):
    grow.append(0)
    return x
try:
    grow.sort(key=grows)
except ValueError as e:
    print("ValueError:", e, grow)
for bad in [lambda: [1].sort(key=1), lambda: [].sort(1), lambda: sorted([1], cmp=None), lambda: [2, 1].sort(reverse="yes") or "ok"]:
    try:
        print(bad())
    except TypeError as e:
        print("TypeError:", e)

seed = 11
def rnd():
    global seed
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed
for n, kind in [(70, 0), (200, 1), (500, 2), (1500, 0), (1500, 3)]:
    if kind == 0:
        data = [rnd() % 1000 for _ in range(n)]
    elif kind == 1:
        data = list(range(n)) + [rnd() % n for _ in range(7)]
    elif kind == 2:
        data = [i // 3 for i in range(n, 0, -1)]
    else:
        data = [(i * 7919) % 97 for i in range(n)] + list(range(n // 2))
    log.clear()
    items = [K(v, f"#{i}") for i, v in enumerate(data)]
    items.sort()
    ok = all(a.v <= b.v for a, b in zip(items, items[1:]))
    stable = all(a.v < b.v or int(a.tag[1:]) < int(b.tag[1:]) for a, b in zip(items, items[1:]))
    print(n, kind, len(log), ok, stable, items[:6], items[-3:])
    log.clear()
    again = sorted(items, key=lambda k: k.v % 10, reverse=True)
    print([k.v % 10 for k in again[:8]], again[:4], len(log))
words = "the quick brown fox jumps over the lazy dog again and again".split()
print(sorted(words, key=len), sorted(words, key=lambda w: (len(w), w), reverse=True), sorted(set(words) & {"the", "fox"}))
