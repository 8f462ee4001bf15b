# The with statement with minimal context-manager classes: enter/exit order,
# the value bound by `as`, exceptions passed to __exit__, suppression,
# nested and multiple managers, and return/break inside with blocks.

log = []

class Manager:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        log.append("enter " + self.name)
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            log.append("exit " + self.name)
        else:
            log.append(f"exit {self.name} with {exc_type.__name__}: {exc}")
        return self.suppress

with Manager("a") as value:
    log.append("body " + value)
print(log)
log.clear()

with Manager("outer") as o, Manager("inner") as i:
    log.append(f"body {o} {i}")
print(log)
log.clear()

with Manager("quiet", suppress=True):
    raise ValueError("suppressed")
log.append("after suppressed")
print(log)
log.clear()

try:
    with Manager("loud"):
        raise KeyError("propagates")
except KeyError as e:
    log.append("caught " + repr(e))
print(log)
log.clear()

def returns_inside():
    with Manager("ret"):
        return "returned"

print(returns_inside(), log)
log.clear()

for n in range(3):
    with Manager(f"loop{n}"):
        if n == 1:
            continue
        if n == 2:
            break
print(log)
log.clear()

with Manager("nested-outer", suppress=True):
    with Manager("nested-inner"):
        1 / 0
print(log)
log.clear()

# __exit__ raising replaces the exception
class Faulty:
    def __enter__(self):
        return self

    def __exit__(self, *args):
        raise RuntimeError("exit failed")

try:
    with Faulty():
        raise ValueError("original")
except RuntimeError as e:
    print("RuntimeError:", e, "| context:", repr(e.__context__))

# Objects without the protocol
try:
    with 42:
        pass
except TypeError as e:
    print("TypeError:", e)

class OnlyEnter:
    def __enter__(self):
        return self

try:
    with OnlyEnter():
        pass
except TypeError as e:
    print("TypeError:", e)

# A resource tracker
class Resource:
    open_count = 0

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        Resource.open_count += 1
        return self

    def __exit__(self, *exc):
        Resource.open_count -= 1
        return False

with Resource("r1") as r1, Resource("r2") as r2:
    print("open:", Resource.open_count, r1.name, r2.name)
print("open after:", Resource.open_count)
