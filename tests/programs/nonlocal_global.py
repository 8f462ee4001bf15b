# global / nonlocal declarations, module-level names, del of names,
# UnboundLocalError and NameError messages.

counter = 0
items = []

def bump():
    global counter
    counter += 1
    return counter

bump()
bump()
print("counter", counter)

def mutate_global_list():
    items.append(len(items))
    return items

mutate_global_list()
print(mutate_global_list())

def create_global():
    global created
    created = "made in function"

create_global()
print(created)

def remove_global():
    global created
    del created

remove_global()
try:
    print(created)
except NameError as e:
    print("NameError:", e)

def shadow():
    counter = 100
    return counter

print(shadow(), counter)

def unbound():
    try:
        print(counter)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    counter = 5
    return counter

print(unbound())

def outer():
    x = "outer"
    def mid():
        nonlocal x
        x = "mid"
        def inner():
            nonlocal x
            x = x + "+inner"
        inner()
    mid()
    return x

print(outer())

def nonlocal_loop():
    total = 0
    def add(n):
        nonlocal total
        total += n
    for i in range(5):
        add(i)
    return total

print(nonlocal_loop())

# Module-level del
temp = 1
del temp
try:
    temp
except NameError as e:
    print("NameError:", e)

# Local del then use
def del_local():
    v = 3
    del v
    try:
        return v
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)

print(del_local())

# Conditionally bound local
def maybe(flag):
    if flag:
        val = "set"
    return val

print(maybe(True))
try:
    maybe(False)
except UnboundLocalError as e:
    print("UnboundLocalError:", e)

# Name lookup falls back to builtins, and module globals shadow builtins
print(len("abc"))
len = lambda x: "shadowed"
print(len("abc"))
del len
print(len("abc"))

try:
    undefined_name_xyz
except NameError as e:
    print("NameError:", e)

def uses_missing():
    return missing_global_abc + 1

try:
    uses_missing()
except NameError as e:
    print("NameError:", e)

print(sorted(k for k in globals() if not k.startswith("__")))
