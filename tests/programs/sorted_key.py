# Sorting with key functions, reverse, stability, multi-level keys,
# list.sort vs sorted, and errors inside key functions.

people = [
    ("alice", 31, "NY"),
    ("bob", 25, "LA"),
    ("carol", 31, "SF"),
    ("dave", 25, "NY"),
    ("eve", 40, "LA"),
    ("frank", 25, "SF"),
]

print(sorted(people))
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[1], reverse=True))
print(sorted(people, key=lambda p: (p[2], -p[1], p[0])))
print([p[0] for p in sorted(people, key=lambda p: len(p[0]))])

# Stability: sort by secondary key first, then primary
by_city = sorted(people, key=lambda p: p[2])
by_age_then_city = sorted(by_city, key=lambda p: p[1])
print([(p[1], p[2], p[0]) for p in by_age_then_city])

# reverse=True keeps equal elements in original order
pairs = [(1, "a"), (0, "b"), (1, "c"), (0, "d")]
print(sorted(pairs, key=lambda t: t[0], reverse=True))

# Strings: case-insensitive, by length then alphabetically, by last char
words = ["banana", "Apple", "cherry", "apple", "Banana", "fig", "date"]
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=lambda w: (len(w), w)))
print(sorted(words, key=lambda w: w[-1]))
print(sorted(words, key=len, reverse=True))

# In-place sort returns None
nums = [5, -3, 2, -8, 7, 0]
print(nums.sort(), nums)
nums.sort(key=abs)
print(nums)
nums.sort(key=lambda v: v % 3)
print(nums)

# Sorting numbers of mixed types
print(sorted([3, 1.5, True, 2 ** 65, -2.5, 0]))

# Sorting dict items by value and key
inventory = {"pears": 3, "apples": 10, "kiwis": 3, "plums": 7}
print(sorted(inventory.items(), key=lambda kv: (-kv[1], kv[0])))
print(sorted(inventory, key=inventory.get))
print(max(inventory, key=inventory.get), min(inventory.values()))

# Custom key via a function with state
calls = []
def tracking_key(v):
    calls.append(v)
    return -v
print(sorted([3, 1, 2], key=tracking_key), calls)

# Sorting nested lists
grid = [[3, 1], [1, 2], [3, 0], [2, 9]]
print(sorted(grid), sorted(grid, key=sum), sorted(grid, key=lambda r: r[::-1]))

# Errors
def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__ + ":", e)

attempt("mixed", lambda: sorted([1, "a", 2]))
attempt("key raises", lambda: sorted([1, 0, 2], key=lambda v: 1 / v))
attempt("none vs int", lambda: sorted([None, 1]))
attempt("list vs tuple", lambda: sorted([[1], (1,)]))
attempt("dicts", lambda: sorted([{}, {}]))
attempt("positional key", lambda: sorted([1], len))

def mutate_during_sort():
    data = [3, 2, 1]
    def key(v):
        data.append(v)
        return v
    data.sort(key=key)
    return data

attempt("mutate", mutate_during_sort)
