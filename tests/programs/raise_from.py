# raise ... from ... in realistic helper code: translating low-level errors,
# with the chain inspected and printed; also args and notes.

def parse_int(text):
    try:
        return int(text)
    except ValueError as exc:
        raise TypeError(f"not a number: {text!r}") from exc

def load(records):
    out = {}
    for i, (k, v) in enumerate(records):
        try:
            out[k] = parse_int(v)
        except TypeError as exc:
            raise LookupError(f"record {i} ({k}) is bad") from exc
    return out

print(load([("a", "1"), ("b", "22")]))
try:
    load([("a", "1"), ("b", "x2")])
except LookupError as e:
    level = 0
    cur = e
    while cur is not None:
        print("  " * level + type(cur).__name__ + ": " + str(cur))
        cur = cur.__cause__
        level += 1

def lookup(table, key):
    try:
        return table[key]
    except KeyError:
        raise KeyError(f"no entry {key!r} in table of {len(table)}") from None

try:
    lookup({"a": 1}, "b")
except KeyError as e:
    print(repr(e), e.__cause__, e.__suppress_context__, repr(e.__context__))

# from with an exception instance created earlier
saved = ValueError("saved earlier")
try:
    raise RuntimeError("now") from saved
except RuntimeError as e:
    print(repr(e.__cause__), e.__cause__ is saved, e.__suppress_context__)

# notes (3.11+)
try:
    err = ValueError("with notes")
    err.add_note("first note")
    err.add_note("second note")
    raise err
except ValueError as e:
    print(e.__notes__)

# Exception args of various shapes
for exc in [ValueError(), ValueError("one"), ValueError("a", "b"), KeyError("k", 1), OSError(), OSError("msg")]:
    print(repr(exc), "|", str(exc), "|", exc.args)

# Re-raising with a different type in a loop, collecting messages
messages = []
for raw in ["10", "ten", "", "7"]:
    try:
        try:
            messages.append(int(raw))
        except ValueError as inner:
            raise ArithmeticError("conversion failed") from inner
    except ArithmeticError as outer:
        messages.append(f"{outer} <- {outer.__cause__}")
for m in messages:
    print(m)

# with_traceback returns the same object
e = ValueError("tb")
print(e.with_traceback(None) is e, e.__traceback__)
