# and/or/not: short-circuiting, returning operands (not bools), precedence,
# and their use with every kind of value.

print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or "default", "" or [] or 0)
print([] and "x", "a" and "b" and "c", "a" and "" and "c", None or 0 or "" or "last")
print(not 1, not 0, not "", not "x", not None, not [], not [0], not not 5)
print(True and False, True or False, not True, False or not False)
print(1 or 1 / 0, 0 and 1 / 0, (0 or None) is None)

# Precedence: not > and > or
print(not 1 or 1, not (1 or 1), 1 or 0 and 0, (1 or 0) and 0, not 0 and 0)
print(True or False and False, (True or False) and False)

log = []
def t(name, value):
    log.append(name)
    return value

r = t("a", 0) or t("b", "") or t("c", "found") or t("d", "skipped")
print(r, log)
log.clear()
r = t("a", 1) and t("b", 2) and t("c", None) and t("d", 4)
print(r, log)
log.clear()
r = (t("a", 0) and t("b", 1)) or (t("c", 2) and t("d", 3))
print(r, log)
log.clear()
r = not (t("a", 1) and t("b", 0))
print(r, log)

# Defaults with or, guards with and
def greet(name=None):
    name = name or "stranger"
    return "hello " + name

print(greet(), greet(""), greet("ada"))

def safe_first(seq):
    return seq and seq[0]

print(safe_first([]), safe_first([9, 8]), repr(safe_first("")), safe_first("xyz"))

# Boolean arithmetic and comparisons
print(True + True, True * 3, False - 1, True / 2, -True, True == 1, False == 0)
print(True & False, True | False, True ^ True, True & 1, False | 2, type(True & False).__name__, type(True + 0).__name__)
print(bool(1) is True, bool([]) is False, str(True), repr(False), int(True), float(False))

# and/or inside if/while conditions (jump forms)
values = [0, 3, None, -2, "", 7, [], [1]]
for item in values:
    if item and isinstance(item, int) and item > 0:
        print(repr(item), "positive int")
    elif item is None or item == "":
        print(repr(item), "none or empty string")
    elif not item:
        print(repr(item), "other falsy")
    else:
        print(repr(item), "other truthy")

i = 0
while i < 10 and not (i > 3 and i % 2 == 0):
    i += 1
print("stopped at", i)

# Nested conditional expressions with boolean operators
def fizz(n):
    return (n % 15 == 0 and "FizzBuzz") or (n % 3 == 0 and "Fizz") or (n % 5 == 0 and "Buzz") or str(n)

print(" ".join(fizz(n) for n in range(1, 16)))

# any/all vs and/or chains
flags = [True, 1, "x", [0]]
print(all(flags), flags[0] and flags[1] and flags[2] and flags[3])
