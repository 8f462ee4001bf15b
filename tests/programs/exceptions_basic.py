# try/except/else/finally, matching by class and tuple, the exception
# variable being cleared, re-raise, nested handlers, exception attributes.

def risky(kind):
    if kind == "value":
        raise ValueError("bad value")
    if kind == "type":
        raise TypeError("bad type", 42)
    if kind == "key":
        return {}["missing"]
    if kind == "index":
        return [][0]
    if kind == "zero":
        return 1 // 0
    if kind == "attr":
        return (1).nope
    if kind == "name":
        return not_defined_anywhere
    if kind == "runtime":
        raise RuntimeError
    return "fine"

for kind in ["value", "type", "key", "index", "zero", "attr", "name", "runtime", "ok"]:
    try:
        result = risky(kind)
    except (ValueError, TypeError) as e:
        print(kind, "value/type:", type(e).__name__, e.args, str(e))
    except LookupError as e:
        print(kind, "lookup:", type(e).__name__, repr(e))
    except ArithmeticError as e:
        print(kind, "arith:", e)
    except Exception as e:
        print(kind, "other:", type(e).__name__, e)
    else:
        print(kind, "else:", result)
    finally:
        print(kind, "finally")

# The name bound by `except ... as` is deleted afterwards
try:
    raise KeyError("k")
except KeyError as err:
    pass
try:
    print(err)
except NameError as e:
    print("NameError:", e)

# Bare except and bare raise
def reraiser():
    try:
        1 / 0
    except:
        print("cleaning up")
        raise

try:
    reraiser()
except ZeroDivisionError as e:
    print("re-raised:", e)

# Nested try blocks
def nested(n):
    try:
        try:
            if n == 0:
                raise ValueError("inner")
            if n == 1:
                raise TypeError("passes through")
            return "no error"
        except ValueError as e:
            return "inner caught " + str(e)
        finally:
            print("  inner finally", n)
    except TypeError as e:
        return "outer caught " + str(e)

for n in range(3):
    print(nested(n))

# Exception objects: args, str, repr, with_traceback, isinstance
e = ValueError("a", 1)
print(e.args, str(e), repr(e), repr(ValueError()), str(ValueError()), repr(KeyError("x")), str(KeyError("x")))
print(isinstance(e, Exception), isinstance(e, BaseException), issubclass(KeyError, LookupError))
print(repr(StopIteration(5)), StopIteration(5).value, repr(SystemExit(2)), SystemExit(2).code)
print(str(OSError(2, "No such file")), repr(ZeroDivisionError("x")))

# Raising a class instantiates it
try:
    raise IndexError
except IndexError as e:
    print("class raised:", repr(e), e.args)

# Raising non-exceptions
try:
    raise 5
except TypeError as e:
    print("TypeError:", e)
try:
    raise int
except TypeError as e:
    print("TypeError:", e)

# Catching with a non-exception class
try:
    try:
        raise ValueError
    except 42:
        pass
except TypeError as e:
    print("TypeError:", e)

# Exceptions in else / finally replace the original
def else_raises():
    try:
        pass
    except Exception:
        return "no"
    else:
        raise KeyError("from else")

try:
    else_raises()
except KeyError as e:
    print("else raised:", e)

# sys.exc_info inside and outside a handler
import sys
try:
    raise ValueError("info")
except ValueError:
    t, v, tb = sys.exc_info()
    print(t.__name__, v, tb is not None, sys.exception() is v)
print(sys.exc_info(), sys.exception())
