# Lists: construction, indexing, slicing (read, assign, delete), methods,
# aliasing, nesting, comparison and errors.

a = [3, 1, 4, 1, 5, 9, 2, 6]
print(a, len(a), a[0], a[-1], a[2:5], a[::-1], a[::3])
b = a
b.append(5)
print(a is b, a == b, a)
c = a[:]
c.append(100)
print(a is c, len(a), len(c))

a[0] = 30
a[-1] = 50
print(a)
a[1:3] = ["x", "y", "z"]
print(a)
a[::2] = [0] * len(a[::2])
print(a)
del a[0]
del a[-2:]
print(a)
del a[::2]
print(a)
a[len(a):] = [7, 8]
a[:0] = [-1]
print(a)

nums = [5, 2, 8, 1, 9, 3]
nums.sort()
print(nums)
nums.sort(reverse=True)
print(nums)
nums.reverse()
print(nums)
nums.insert(0, 0)
nums.insert(100, 99)
nums.insert(-1, 42)
print(nums)
print(nums.pop(), nums.pop(0), nums.pop(2), nums)
nums.remove(42)
print(nums, nums.index(5), nums.count(5), nums.count(7))
nums.extend(range(3))
nums.extend("ab")
nums += [10]
print(nums)
nums *= 2
print(len(nums), nums[:5])
nums.clear()
print(nums, nums == [], not nums)

# Copy and nesting
grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
print(grid)
shared = [[0] * 3] * 3
shared[1][1] = 5
print(shared)
copy = grid.copy()
copy[0] = "row"
print(grid[0], copy[0])

# Comparison
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [] < [0], [2] > [1, 99], [1, 2] == [1, 2.0])
print([1, [2, 3]] == [1, [2, 3]], [[]] != [[]])

# Concatenation and repetition
print([1, 2] + [3], [0] * 4, 2 * ["a"], [] * 10)

# Containment
print(3 in [1, 2, 3], 4 not in [1, 2, 3], [1] in [[1], [2]])

# Self reference repr
loop = [1, 2]
loop.append(loop)
print(loop)

# Errors
def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)

attempt("index", lambda: [1, 2][5])
attempt("pop empty", lambda: [].pop())
attempt("pop index", lambda: [1].pop(3))
attempt("remove", lambda: [1, 2].remove(3))
attempt("index missing", lambda: [1, 2].index(3))
attempt("concat", lambda: [1] + (2,))
attempt("str index", lambda: [1, 2]["0"])
attempt("sort mixed", lambda: sorted([1, "a"]))
attempt("float index", lambda: [1, 2][1.0])

def set_item(lst, i, v):
    lst[i] = v
    return lst

attempt("assign out", lambda: set_item([1], 3, 0))
attempt("assign ok", lambda: set_item([1, 2], -1, 0))

def ext_slice(lst):
    lst[::2] = [1, 2, 3]
    return lst

attempt("ext slice", lambda: ext_slice([0] * 4))
