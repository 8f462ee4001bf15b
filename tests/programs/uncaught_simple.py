# An uncaught exception at module level: output so far on stdout, a
# traceback on stderr (with carets under the failing expression), exit 1.

def average(values):
    total = 0
    for v in values:
        total += v
    return total / len(values)

def describe(name, values):
    if not values:
        return f"{name}: no values"
    lo = min(values)
    hi = max(values)
    return f"{name}: n={len(values)} min={lo} max={hi} avg={average(values):.2f}"

data = {
    "scores": [90, 85, 77],
    "temps": [12.5, 14.0, 9.75, 11.0],
    "empty": [],
}

for name, values in data.items():
    print(describe(name, values))

# Handled errors first: these are caught and do not end the program.
for key in ["scores", "missing"]:
    try:
        print(key, average(data[key]))
    except KeyError as e:
        print("no such series:", e)

print("about to fail", end="")
print()

results = []
for key in ["scores", "temps", "empty"]:
    results.append(average(data[key]))
    print("computed", key, results[-1])

print("never printed")
