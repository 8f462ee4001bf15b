# finally interacting with return, break and continue; finally overriding
# a return value or swallowing an exception; cleanup order.

def ret_in_try():
    try:
        return "try"
    finally:
        print("finally after return")

print(ret_in_try())

def finally_overrides():
    try:
        return "try"
    finally:
        return "finally"

print(finally_overrides())

def finally_swallows():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"

print(finally_swallows())

def value_captured():
    x = 1
    try:
        return x
    finally:
        x = 2
        print("x changed to", x)

print(value_captured())

def break_in_finally():
    for i in range(3):
        try:
            raise KeyError(i)
        finally:
            break
    return "broke out, i=" + str(i)

print(break_in_finally())

def continue_in_finally():
    seen = []
    for i in range(3):
        try:
            if i == 1:
                raise ValueError
            seen.append(i)
        finally:
            seen.append("f" + str(i))
            continue
    return seen

print(continue_in_finally())

def loop_return():
    for i in range(5):
        try:
            if i == 2:
                return i
        finally:
            print("  cleanup", i)

print(loop_return())

def nested_finally():
    order = []
    try:
        try:
            order.append("inner try")
            return order
        finally:
            order.append("inner finally")
    finally:
        order.append("outer finally")

print(nested_finally())

def except_then_finally(n):
    try:
        if n:
            raise ValueError(n)
        return "no exception"
    except ValueError as e:
        return "handled " + str(e)
    finally:
        print("  finally for", n)

print(except_then_finally(0))
print(except_then_finally(7))

def raise_in_finally():
    try:
        raise ValueError("first")
    finally:
        raise TypeError("second")

try:
    raise_in_finally()
except TypeError as e:
    print("got", repr(e), "context:", repr(e.__context__))

def while_finally():
    n = 0
    while True:
        try:
            n += 1
            if n == 3:
                break
        finally:
            print("  iteration", n)
    return n

print(while_finally())

def generator_like_cleanup(items):
    out = []
    for it in items:
        try:
            out.append(10 // it)
        except ZeroDivisionError:
            out.append("inf")
            continue
        finally:
            out.append("|")
    return out

print(generator_like_cleanup([1, 0, 5]))

def return_from_except():
    try:
        [][1]
    except IndexError:
        return "from except"
    finally:
        print("  finally still runs")

print(return_from_except())
