# The collector's generations: objects that survived a collection ("old") and objects made
# since ("young") are collected differently, and neither may lose a live object or keep dead
# cycles forever. Every check prints something CPython prints the same whatever its own
# thresholds are.
import gc
import weakref


class Node:
    def __init__(self, tag):
        self.tag = tag
        self.peer = self


# 1. An old container that comes to hold young cycles keeps them whole: the young collection
#    must count the old container's reference as a reason to keep them.
keeper = {"items": []}
for i in range(6000):
    [i]  # tracked allocations, so collections run and `keeper` becomes old
for i in range(6000):
    n = Node(i)
    n.peer = Node(-i)
    n.peer.peer = n
    if i % 50 == 0:
        keeper["items"].append(n)
del n
ok = all(x.tag == -x.peer.tag and x.peer.peer is x for x in keeper["items"])
print("old keeps young:", len(keeper["items"]), ok)

# 2. Young cycles held only by a young object that an old list refers to, through a chain.
chain_head = []
for _ in range(1000):
    chain_head = [chain_head, Node("link")]
holder = [chain_head]
del chain_head
for i in range(6000):
    [i]
depth, cur = 0, holder[0]
while cur:
    assert cur[1].peer is cur[1]
    cur = cur[0]
    depth += 1
print("chain intact:", depth)

# 3. Cycles that live through several collections, are promoted, and only then die are still
#    freed automatically (before any explicit gc.collect()).
deleted = 0


class Ring:
    def __init__(self, prev):
        self.prev = prev
        self.pad = [0, 1, 2]

    def __del__(self):
        global deleted
        deleted += 1


def ring(size):
    first = Ring(None)
    last = first
    for _ in range(size - 1):
        last = Ring(last)
    first.prev = last
    return first


recent = []
for r in range(60):
    recent.append(ring(500))
    if len(recent) > 3:
        recent.pop(0)
print("freed automatically:", deleted > 15000)
gc.collect()
print("after collect:", deleted)
del recent
print("last rings:", gc.collect(), deleted)

# 4. Weak references to promoted cycles are cleared by an explicit collection, and the count
#    gc.collect() returns covers old and young garbage alike.
old_cycle = Node("old")
w_old = weakref.ref(old_cycle)
for i in range(6000):
    [i]
young_cycle = Node("young")
w_young = weakref.ref(young_cycle)
del old_cycle, young_cycle
print("collected:", gc.collect(), w_old() is None, w_young() is None)

# 5. With the collector disabled, nothing is freed automatically; enabling it again works.
gc.disable()
before = deleted
for r in range(3):
    ring(500)
print("disabled:", deleted == before, gc.isenabled())
gc.enable()
for r in range(20):
    ring(500)
print("enabled again:", deleted > before + 3000)
