# Unbounded recursion is caught as RecursionError (the message is printed,
# never the depth reached); the interpreter keeps working afterwards.

import sys

print("limit", sys.getrecursionlimit())

def forever(n):
    return forever(n + 1) + 1

try:
    forever(0)
except RecursionError as e:
    print("RecursionError:", e)
    print(type(e).__name__, isinstance(e, RuntimeError), e.args)

def mutual_a(n):
    return mutual_b(n + 1)

def mutual_b(n):
    return mutual_a(n + 1)

try:
    mutual_a(0)
except RecursionError as e:
    print("mutual:", e)

# Recursion through a lambda and through a closure
fact = lambda n: n * fact(n - 1)
try:
    fact(5)
except RecursionError as e:
    print("lambda:", e)

def make():
    def inner(k):
        return inner(k) if k else 0
    return inner

try:
    make()(1)
except RecursionError as e:
    print("closure:", e)

# Bounded recursion well below the limit still works
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)

print("depth 500:", depth(500))

def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))

print("ackermann(2, 3):", ackermann(2, 3))

# Recursion inside try/finally unwinds all the finally blocks
unwound = [0]
def with_finally(n):
    try:
        return with_finally(n + 1)
    finally:
        unwound[0] += 1

try:
    with_finally(0)
except RecursionError as e:
    print("with finally:", e, unwound[0] > 100)

# Catching deep inside and continuing
def catch_at_bottom(n):
    try:
        return catch_at_bottom(n + 1)
    except RecursionError:
        return "caught at some depth"

print(catch_at_bottom(0))

# After all that, normal calls work and the limit is unchanged
print("limit again", sys.getrecursionlimit(), depth(50))
