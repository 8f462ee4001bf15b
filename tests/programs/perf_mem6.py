# How `pyvm run` ends the process and what its interpreter thread must still do (session 6):
# the process now ends from the interpreter thread, right after the program's output is
# flushed, without std's runtime set-up. Checked here: deep recursion still reaches
# RecursionError (Python frames and native re-entry through key functions and reprs),
# atexit callbacks run after SystemExit, a last line without a newline is flushed, stderr
# output and the exit status are CPython's. Also the big-container paths the memory work
# measured: a large split, a dict that grows and shrinks, sorting with keys.
import atexit
import sys


def down(n):
    return down(n + 1)


def nested_key(depth):
    # sorted() calling a key that sorts again: native re-entry on the interpreter's stack
    if depth == 0:
        return 0
    return sorted([depth], key=lambda v: nested_key(depth - 1) + v)[0]


class Node:
    def __init__(self, child):
        self.child = child

    def __repr__(self):
        return "Node(" + repr(self.child) + ")"


def main():
    try:
        down(0)
    except RecursionError as e:
        print("RecursionError:", e)
    try:
        nested_key(10000)
    except RecursionError as e:
        print("RecursionError in key:", e)
    chain = None
    for _ in range(5000):
        chain = Node(chain)
    try:
        repr(chain)
    except RecursionError as e:
        print("RecursionError in repr:", e)
    print(nested_key(50))

    text = " ".join(str(i * 7919 % 100003) for i in range(60000))
    words = text.split()
    print(len(words), words[:3], words[-1], max(words, key=len))
    parts = text.split(" ", 5)
    print(len(parts), parts[-1][:20])

    d = {}
    for i in range(30000):
        d[(i % 97, str(i))] = i
    for i in range(0, 30000, 3):
        del d[(i % 97, str(i))]
    print(len(d), list(d.items())[:2], list(d)[-1])
    while len(d) > 10:
        d.popitem()
    print(d)

    records = [(w[-1], len(w), w) for w in words[:20000]]
    records.sort(key=lambda r: (r[0], -r[1]))
    print(records[:2], records[-1])
    print(sorted(set(w[:2] for w in words))[:5])


atexit.register(lambda: print("atexit callback ran"))
main()
print("to stderr", file=sys.stderr)
sys.stdout.write("a last line without a newline")
sys.exit(3)
