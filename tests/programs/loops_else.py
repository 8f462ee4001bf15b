# for/while loops with break, continue and else clauses; nested loops;
# loops over different iterables; loop variables after the loop.

for i in range(3):
    print("for", i)
else:
    print("for-else ran")

for i in range(10):
    if i == 4:
        print("break at", i)
        break
else:
    print("not printed")
print("i after loop:", i)

for ch in "":
    print("never")
else:
    print("empty for-else")

n = 0
while n < 5:
    n += 1
    if n == 2:
        continue
    print("while", n)
else:
    print("while-else, n =", n)

n = 10
while True:
    n -= 3
    if n < 0:
        break
print("n after while True:", n)

# Search with for-else
def first_divisor(x):
    for d in range(2, x):
        if x % d == 0:
            break
    else:
        return None
    return d

print([(x, first_divisor(x)) for x in (7, 9, 15, 17, 25)])

# Nested loops with break out of inner only
pairs = []
for a in range(1, 5):
    for b in range(1, 5):
        if b > a:
            break
        if (a + b) % 2:
            continue
        pairs.append((a, b))
print(pairs)

# While with complex condition and else skipped by break
stack = [1, 2, 3, 4, 5]
total = 0
while stack and total < 8:
    total += stack.pop()
else:
    print("while exhausted or total reached", total, stack)
while stack:
    if stack[-1] == 2:
        print("found 2, breaking")
        break
    stack.pop()
else:
    print("not printed either")

# Loop over dict, tuple, list of lists, enumerate with start, zip
d = {"x": 1, "y": 2}
for k in d:
    print(k, d[k])
for idx, (k, v) in enumerate(d.items(), start=10):
    print(idx, k, v)
for a, b in zip([1, 2, 3], "ab"):
    print(a, b)
matrix = [[1, 2], [3, 4]]
for row in matrix:
    for v in row:
        print(v, end=" ")
print()

# Modifying a list while iterating by index
vals = [1, 2, 3, 4, 5, 6]
i = 0
while i < len(vals):
    if vals[i] % 2 == 0:
        del vals[i]
    else:
        i += 1
print(vals)

# continue in for with finally-free try
out = []
for x in range(6):
    try:
        if x == 3:
            continue
        out.append(x)
    except Exception:
        pass
print(out)

# Countdown with while/else and nested function
def countdown(k):
    res = []
    while k:
        res.append(k)
        k -= 1
    else:
        res.append("liftoff")
    return res

print(countdown(3), countdown(0))
