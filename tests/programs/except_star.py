# Exception groups and except*: splitting a group between handlers,
# re-raising the unhandled rest, nesting, and naked exceptions.

def show(eg, indent=0):
    pad = " " * indent
    if isinstance(eg, BaseExceptionGroup):
        print(f"{pad}{type(eg).__name__}({eg.message!r}) with {len(eg.exceptions)}")
        for sub in eg.exceptions:
            show(sub, indent + 2)
    else:
        print(f"{pad}{type(eg).__name__}: {eg}")

group = ExceptionGroup("several", [ValueError("v1"), TypeError("t1"), ValueError("v2"), KeyError("k")])
show(group)

try:
    raise group
except* ValueError as eg:
    print("ValueError handler got:")
    show(eg, 2)
except* (TypeError, KeyError) as eg:
    print("Type/Key handler got:")
    show(eg, 2)

# Unhandled parts propagate as a new group
try:
    try:
        raise ExceptionGroup("mixed", [ValueError("handled"), OSError("not handled")])
    except* ValueError:
        print("handled the ValueError part")
except ExceptionGroup as rest:
    print("left over:")
    show(rest, 2)

# A naked exception is wrapped in a group for except*
try:
    raise KeyError("naked")
except* KeyError as eg:
    print("wrapped:", type(eg).__name__, repr(eg.exceptions))

# Nested groups are searched recursively
nested = ExceptionGroup("outer", [ValueError("a"), ExceptionGroup("inner", [ValueError("b"), ZeroDivisionError("z")])])
try:
    raise nested
except* ValueError as eg:
    show(eg)
except* ZeroDivisionError as eg:
    show(eg)

# split / subgroup / derive
match, rest = nested.split(ValueError)
show(match)
show(rest)
print(nested.subgroup(lambda e: isinstance(e, ZeroDivisionError)).exceptions[0].exceptions)

# Raising inside an except* handler: a lone new exception propagates as is
try:
    try:
        raise ExceptionGroup("g", [ValueError("x")])
    except* ValueError:
        raise RuntimeError("from handler")
except RuntimeError as e:
    print(repr(e), "context:", repr(e.__context__))

# ... but together with an unhandled part both are grouped
try:
    try:
        raise ExceptionGroup("g", [ValueError("x"), KeyError("y")])
    except* ValueError:
        raise RuntimeError("from handler")
except ExceptionGroup as eg:
    show(eg)

# Constructor validation
for args in [("msg", []), ("msg", [1]), (1, [ValueError()])]:
    try:
        ExceptionGroup(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)

print(repr(ExceptionGroup("m", [ValueError(1)])), str(ExceptionGroup("m", [ValueError(1), KeyError(2)])))
print(issubclass(ExceptionGroup, Exception), issubclass(BaseExceptionGroup, BaseException))
