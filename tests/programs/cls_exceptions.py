# A user exception hierarchy with chaining: implicit __context__, explicit
# __cause__ (raise ... from ...), __suppress_context__ (raise ... from None),
# add_note/__notes__, with_traceback, exception attributes, and handler order.

class AppError(Exception):
    """Base for the application."""
    def __init__(self, msg, *, code=1):
        super().__init__(msg)
        self.code = code

class ConfigError(AppError):
    pass

class MissingKey(ConfigError, KeyError):
    def __str__(self):
        return f"missing key {self.args[0]!r}"

class NetworkError(AppError):
    pass

class Timeout(NetworkError):
    def __init__(self, seconds):
        super().__init__(f"timed out after {seconds}s", code=408)
        self.seconds = seconds

def chain(e):
    parts = []
    while e is not None:
        parts.append(f"{type(e).__name__}({e})")
        if e.__cause__ is not None:
            parts.append("<-cause-")
            e = e.__cause__
        elif e.__context__ is not None and not e.__suppress_context__:
            parts.append("<-context-")
            e = e.__context__
        else:
            e = None
    return " ".join(parts)

def load(cfg, key):
    try:
        return cfg[key]
    except KeyError as e:
        raise MissingKey(key) from e

for exc_source in [lambda: load({}, "port"), lambda: (_ for _ in ()).throw(Timeout(3)), lambda: load({"a": 1}, "a")]:
    try:
        print("value:", exc_source())
    except Timeout as e:
        print("Timeout:", e, e.code, e.seconds, isinstance(e, AppError))
    except KeyError as e:
        print("KeyError handler:", type(e).__name__, e, e.code, [c.__name__ for c in type(e).__mro__])
        print("  cause:", type(e.__cause__).__name__, e.__cause__, e.__suppress_context__, e.__context__ is e.__cause__)

def implicit():
    try:
        1 / 0
    except ZeroDivisionError:
        raise ConfigError("while handling")
try:
    implicit()
except AppError as e:
    print(chain(e), e.__cause__, e.__suppress_context__)

def suppressed():
    try:
        int("x")
    except ValueError:
        raise NetworkError("clean") from None
try:
    suppressed()
except AppError as e:
    print(chain(e), "| context kept:", type(e.__context__).__name__, e.__suppress_context__)

def deep():
    try:
        try:
            [][0]
        except IndexError as ie:
            raise ConfigError("level 2") from ie
    except ConfigError:
        raise Timeout(9)
try:
    deep()
except Exception as e:
    print(chain(e))

e = AppError("noted", code=5)
e.add_note("first note")
e.add_note("second note")
print(e.__notes__, e.code)
try:
    e.add_note(42)
except TypeError as err:
    print("TypeError:", err)
try:
    try:
        raise ValueError("inner")
    except ValueError as ve:
        ve.add_note("added while propagating")
        raise
except ValueError as ve:
    print(ve, ve.__notes__)

err = RuntimeError("manual")
err.__cause__ = ValueError("set by hand")
print(err.__suppress_context__, chain(err))
err.__cause__ = None
print(err.__suppress_context__, chain(err))
try:
    err.__cause__ = "not an exception"
except TypeError as te:
    print("TypeError:", te)
try:
    raise RuntimeError("bad cause") from 5
except TypeError as te:
    print("TypeError:", te)

def handler_order(exc):
    try:
        raise exc
    except Timeout:
        return "Timeout"
    except NetworkError:
        return "NetworkError"
    except (ConfigError, ZeroDivisionError) as e:
        return "Config/ZeroDiv:" + type(e).__name__
    except AppError:
        return "AppError"
    except Exception:
        return "Exception"
print([handler_order(x) for x in [Timeout(1), NetworkError("n"), MissingKey("k"), ZeroDivisionError(), AppError("a"), OSError()]])
print(AppError.__doc__, issubclass(MissingKey, LookupError), MissingKey("q").args, repr(MissingKey("q")))
print(repr(Timeout(2)), Timeout(2).args, str(KeyError("k")), str(KeyError()), str(KeyError(1, 2)))
x = None
try:
    raise ValueError
except ValueError as caught:
    x = caught
print(repr(x), "caught" in dir())
