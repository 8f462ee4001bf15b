# An uncaught NameError raised from a lambda called inside a list
# comprehension. CPython's traceback printer adds a "Did you mean" hint for
# close matches (the hint is not part of str(exc)). Handled errors first.

inventory = {"apples": 3, "pears": 5}
quantity_total = 0

def restock(name, amount):
    inventory[name] = inventory.get(name, 0) + amount
    return inventory[name]

print(restock("apples", 2), restock("kiwis", 7))

# Handled: the message itself has no suggestion
try:
    print(quantity_totl)
except NameError as e:
    print("NameError:", e, "| name attribute:", e.name)

try:
    inventory.itemz()
except AttributeError as e:
    print("AttributeError:", e, "| name:", e.name)

def summarize(inv):
    lines = []
    for name in sorted(inv):
        lines.append(f"{name}={inv[name]}")
    return ", ".join(lines)

print(summarize(inventory))

# A lambda that refers to a misspelled global
price_of = {"apples": 0.5, "pears": 0.75, "kiwis": 0.2}
cost = lambda name: inventory[name] * prices_of[name]

names = sorted(inventory)
print("items:", names)
costs = [cost(n) for n in names]
print("never printed", costs)
