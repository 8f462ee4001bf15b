# SystemExit with a non-integer code: the message goes to stderr and the
# exit status is 1.

import sys

def validate(items):
    problems = []
    for i, item in enumerate(items):
        if not isinstance(item, int):
            problems.append(f"item {i} is {type(item).__name__}")
        elif item < 0:
            problems.append(f"item {i} is negative")
    return problems

good = [1, 2, 3]
print("good:", validate(good))
bad = [1, "two", -3, 4.0]
problems = validate(bad)
print("bad:", problems)

try:
    raise SystemExit("caught message")
except SystemExit as e:
    print("caught:", e.code, str(e))

try:
    sys.exit(["a", "list"])
except SystemExit as e:
    print("list code:", e.code)

try:
    sys.exit(None)
except SystemExit as e:
    print("None code:", e.code)

try:
    raise SystemExit(1, 2)
except SystemExit as e:
    print("two args code:", e.code)

if problems:
    print("exiting with", len(problems), "problems")
    raise SystemExit("validation failed: " + "; ".join(problems))
print("never printed")
