# Augmented assignment on every kind of target: locals, globals, cells,
# subscripts, slices, attributes; in-place mutation vs rebinding.

total = 0
def add_global(v):
    global total
    total += v

for v in range(5):
    add_global(v)
print("total", total)

def cell_aug():
    n = 1
    def bump():
        nonlocal n
        n *= 3
    bump()
    bump()
    return n

print(cell_aug())

counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0)
    counts[ch] += 1
print(counts)

grid = [[0] * 3 for _ in range(3)]
for i in range(3):
    grid[i][i] += i + 1
    grid[i][-1] -= 1
print(grid)

lst = [1, 2, 3, 4, 5]
lst[1:3] += [9]
print(lst)
lst[::2] = [v * 10 for v in lst[::2]]
print(lst)

# In-place on lists mutates; on tuples/strs rebinds
a = [1]
b = a
a += [2]
print(a, b, a is b)
t = (1,)
u = t
t += (2,)
print(t, u, t is u)
s = "ab"
r = s
s *= 2
print(s, r)
st = {1}
alias = st
st |= {2}
print(st, alias is st)

# Attribute targets on function objects
def holder():
    pass
holder.hits = 0
for _ in range(4):
    holder.hits += 2
print(holder.hits)

# Subscript evaluated once
calls = []
def key(k):
    calls.append(k)
    return k

data = {"x": 1}
data[key("x")] += 10
print(data, calls)

# Every operator
v = 100
for op in ["+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^"]:
    w = 7
    if op == "+": w += 3
    elif op == "-": w -= 3
    elif op == "*": w *= 3
    elif op == "/": w /= 2
    elif op == "//": w //= 2
    elif op == "%": w %= 4
    elif op == "**": w **= 2
    elif op == "<<": w <<= 2
    elif op == ">>": w >>= 1
    elif op == "&": w &= 5
    elif op == "|": w |= 8
    elif op == "^": w ^= 2
    print(op, w)

# The tuple-item paradox: error raised after the list was extended
tup = ([1],)
try:
    tup[0] += [2]
except TypeError as e:
    print("TypeError:", e)
print(tup)

try:
    undefined_counter += 1
except NameError as e:
    print("NameError:", e)

def local_aug():
    try:
        z += 1
    except UnboundLocalError as e:
        return str(e)
    z = 0

print(local_aug())
