# Implicit exception context (__context__), explicit cause (__cause__),
# __suppress_context__, and how they are set while handling exceptions.

def describe(e):
    parts = [repr(e)]
    if e.__cause__ is not None:
        parts.append("cause=" + repr(e.__cause__))
    if e.__context__ is not None:
        parts.append("context=" + repr(e.__context__))
    parts.append("suppress=" + str(e.__suppress_context__))
    return " ".join(parts)

# Implicit chaining
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("while handling")
except ValueError as e:
    print(describe(e))

# Explicit cause
try:
    try:
        [][0]
    except IndexError as ie:
        raise KeyError("explicit") from ie
except KeyError as e:
    print(describe(e))

# from None suppresses
try:
    try:
        {}["x"]
    except KeyError:
        raise TypeError("no context shown") from None
except TypeError as e:
    print(describe(e))

# Three levels deep
try:
    try:
        try:
            raise OSError("level 1")
        except OSError:
            raise RuntimeError("level 2")
    except RuntimeError:
        raise LookupError("level 3")
except LookupError as e:
    chain = []
    cur = e
    while cur is not None:
        chain.append(str(cur))
        cur = cur.__context__
    print(" <- ".join(chain))

# Context is set even when raising in a function called from a handler
def helper():
    raise AttributeError("in helper")

try:
    try:
        raise ValueError("outer")
    except ValueError:
        helper()
except AttributeError as e:
    print(describe(e))

# Re-raising the same exception does not chain it to itself
try:
    try:
        raise ValueError("same")
    except ValueError as e:
        raise e
except ValueError as e:
    print(describe(e))

# Handling an exception fully clears the "current" exception
try:
    try:
        raise ValueError("handled")
    except ValueError:
        pass
    raise KeyError("fresh")
except KeyError as e:
    print(describe(e))

# Exception raised in finally gets the in-flight exception as context
try:
    try:
        raise ValueError("in flight")
    finally:
        raise IndexError("from finally")
except IndexError as e:
    print(describe(e))

# Cause can be set to a class (instantiated) and must be an exception
try:
    raise ValueError("x") from KeyError
except ValueError as e:
    print(describe(e))
try:
    raise ValueError("x") from 5
except TypeError as e:
    print("TypeError:", e)

# Manually setting attributes
e1 = ValueError("manual")
e1.__cause__ = KeyError("k")
print(describe(e1))
e1.__suppress_context__ = False
e1.__context__ = IndexError("i")
print(describe(e1))

# Context cycle avoidance
try:
    try:
        raise ValueError("A")
    except ValueError as a:
        try:
            raise TypeError("B")
        except TypeError as b:
            raise a
except ValueError as e:
    print(describe(e), "| B context:", repr(e.__context__.__context__) if e.__context__ else None)
