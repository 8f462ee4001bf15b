# print(): sep, end, file=sys.stderr, flush, None arguments, objects of
# every kind, empty calls, and a final line without a newline.

import sys

print()
print("a", "b", "c")
print("a", "b", "c", sep="")
print("a", "b", "c", sep=", ")
print("a", "b", "c", sep="\n")
print("no newline", end="")
print(" -> continued", end="!\n")
print(1, 2, 3, sep=" | ", end=" <end>\n")
print("x", sep=None, end=None)
print(*range(5))
print(*range(5), sep="")
print(*[], sep="-", end="[empty]\n")
print("tab", "separated", sep="\t")
print("multi\nline\nstring")
print("", "", sep="|")

# Different object kinds
print(None, True, False, 0, -1, 1.5, "s", [1, "a"], (1,), {"k": [None]}, {3}, range(2), print is print)
print(len, abs, type(1), int)

# stderr interleaved with stdout: captured separately
print("to stdout 1")
print("to stderr 1", file=sys.stderr)
print("to stdout 2", flush=True)
print("to stderr 2", "more", sep="+", end=".\n", file=sys.stderr)
sys.stderr.write("raw stderr write\n")
sys.stdout.write("raw stdout write\n")
n = sys.stdout.write("returns length ")
print(n)
print("file=None goes to stdout", file=None)

# Unicode output
print("ünïcödé", "日本語", "emoji 🎉", "\u00e9\u0301")

# Printing in a loop with end
for i in range(5):
    print(i, end=" " if i < 4 else "\n")
for i in range(3):
    print(i, end=",")
print()

# A table
rows = [("name", "qty"), ("apple", 3), ("kiwi", 12)]
for a, b in rows:
    print(str(a).ljust(8), str(b).rjust(4), sep="|")

# Errors
def attempt(label, fn):
    try:
        fn()
        print(label, "ok")
    except Exception as e:
        print(label, type(e).__name__ + ":", e)

attempt("sep int", lambda: print("a", sep=1))
attempt("end list", lambda: print("a", end=[]))
attempt("file int", lambda: print("a", file=5))

# Output ending without a newline, spread over several calls
print("final", end="")
print(" line", end="")
sys.stdout.write(" without newline")
