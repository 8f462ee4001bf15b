# list: every method (append, extend, insert, remove, pop, clear, index, count,
# sort, reverse, copy), stable sort with key/reverse, slicing and slice
# assignment, comparisons, repetition aliasing, and the error messages.

a = [5, 3, 8, 1]
a.append(9)
a.extend((2, 7))
a.extend(x * 10 for x in range(2))
a.insert(0, -1)
a.insert(-1, 99)
a.insert(100, 100)
a.insert(-100, -100)
print(a, len(a))
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(10)
print(a, a.index(8), a.index(8, 2), a.count(8), a.count(42), 3 in a, 42 not in a)
b = a.copy()
b.reverse()
print(b, a, b is a, a.copy() == a)
a.sort()
print(a)
a.sort(reverse=True)
print(a)
people = [("bob", 25), ("alice", 30), ("carol", 25), ("dave", 30), ("eve", 22), ("al", 30)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[1], reverse=True))
print(sorted(people, key=lambda p: (-p[1], p[0])))
words = ["banana", "Apple", "cherry", "apple", "Banana", "date"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len), sorted(words, key=len, reverse=True))
stable = sorted(sorted(words), key=str.lower)
print(stable, sorted([3, 1, 2], reverse=True), sorted("bca"), sorted([[2, 1], [1, 2], [1]]))
c = [3, 1, 2]
print(c.sort(), c, c.reverse(), c, c.clear(), c, c.append(1), c)
for bad in [lambda: [].pop(), lambda: [1].pop(5), lambda: [1].remove(2), lambda: [1, 2].index(3), lambda: [1, "a"].sort(), lambda: [1][2],
            lambda: [1].__setitem__(3, 0), lambda: [1] + (2,), lambda: [1] * 2.0, lambda: [].sort(key=1), lambda: [3, 1].sort(lambda x: x), lambda: [1, 2, 3].__setitem__(slice(0, 3, 2), [1])]:
    try:
        print(bad())
    except (IndexError, ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
s = list(range(10))
print(s[2:5], s[:3], s[7:], s[::2], s[::-1], s[-3:], s[-3:-1], s[5:2], s[5:2:-1], s[100:], s[-100:2], s[1:8:3])
s[2:5] = ["a", "b"]
print(s)
s[:0] = [-2, -1]
print(s)
s[len(s):] = [10, 11]
print(s)
s[::3] = "VWXYZ"
print(s)
del s[1:4]
print(s)
del s[::2]
print(s)
s[1:1] = range(3)
print(s)
grid = [[0] * 3] * 3
grid[0][0] = 1
print(grid)
grid = [[0] * 3 for _ in range(3)]
grid[0][0] = 1
print(grid)
print([1, 2, 3] < [1, 2, 4], [1, 2] < [1, 2, 0], [] < [0], [2] > [1, 99], [1, 2] == [1, 2], [1, [2]] == [1, [2]], [0.0] == [-0.0], [1] != [1.0])
print([1, 2] + [3], [0] * 4, 3 * ["ab"], [] * 5, list("abc"), list(range(3)), list({1: "a", 2: "b"}), list((1, 2)))
n = [1, 2]
m = n
n += [3]
print(m, m is n)
n = n + [4]
print(m, n, m is n)
n *= 2
print(n, len(n), min(n), max(n), sum(n), n.index(4, 4))
r = [1, 2, 3]
r[1] = r
print(r, len(r))
print(repr([None, True, 1.5, "s", b"b", (1,), [], {}]), str([["nested"]]), [x for x in reversed([1, 2, 3])], list(enumerate("ab")))
nums = [4, 2, 9, 2, 7]
print(sorted(nums, key=lambda x: -x), nums.index(2), nums[nums.index(9):], list(zip(nums, nums[1:])), [i for i, v in enumerate(nums) if v == 2])
