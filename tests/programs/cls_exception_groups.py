# ExceptionGroup and except*: user exception classes inside groups, subgroup
# and split with types and predicates, derive() in a subclass, notes on
# groups, nested groups, re-raising leftovers, and the construction errors.

class TaskError(Exception):
    def __init__(self, task, reason):
        super().__init__(f"{task}: {reason}")
        self.task = task

class RetryableError(TaskError):
    pass

def leaves(eg, depth=0):
    out = []
    for e in eg.exceptions:
        if isinstance(e, BaseExceptionGroup):
            out.append(f"{'  ' * depth}{type(e).__name__}[{e.message}]")
            out.extend(leaves(e, depth + 1))
        else:
            out.append(f"{'  ' * depth}{type(e).__name__}: {e}")
    return out

def run_tasks():
    errors = []
    for name in ["fetch", "parse", "store", "index"]:
        try:
            if name == "fetch":
                raise RetryableError(name, "connection reset")
            if name == "parse":
                raise TaskError(name, "bad json")
            if name == "index":
                raise ValueError("index out of sync")
        except Exception as e:
            errors.append(e)
    if errors:
        raise ExceptionGroup("run_tasks failed", errors)

try:
    run_tasks()
except* RetryableError as eg:
    print("retryable:", [e.task for e in eg.exceptions], type(eg).__name__, eg.message)
except* TaskError as eg:
    print("task errors:", leaves(eg))
except* ValueError as eg:
    print("value errors:", leaves(eg))

eg = ExceptionGroup("outer", [
    TaskError("a", "x"),
    ExceptionGroup("inner", [RetryableError("b", "y"), KeyError("k")]),
    ValueError("v"),
])
print("\n".join(leaves(eg)))
sub = eg.subgroup(TaskError)
print("subgroup:", leaves(sub))
match, rest = eg.split(lambda e: isinstance(e, KeyError) or getattr(e, "task", "") == "a")
print("split match:", leaves(match))
print("split rest:", leaves(rest))
print(eg.subgroup(OSError), eg.split(BaseException)[1], eg.subgroup(lambda e: True) is eg)
print(repr(ExceptionGroup("m", [ValueError(1)])), str(ExceptionGroup("m", [ValueError(1), TypeError()])))

class Batch(ExceptionGroup):
    def __new__(cls, msg, excs, batch_id):
        self = super().__new__(cls, msg, excs)
        self.batch_id = batch_id
        return self
    def __init__(self, msg, excs, batch_id):
        super().__init__(msg, excs)
    def derive(self, excs):
        return Batch(self.message, excs, self.batch_id)

b = Batch("batch", [TaskError("t1", "r"), ValueError("w")], batch_id=17)
b.add_note("from nightly job")
m, r = b.split(ValueError)
print(type(m).__name__, m.batch_id, leaves(m), m.__notes__, type(r).__name__, leaves(r))

try:
    try:
        raise b
    except* ValueError:
        print("handled ValueError part")
except Batch as leftover:
    print("leftover:", type(leftover).__name__, leaves(leftover), leftover.batch_id)

try:
    try:
        raise ExceptionGroup("g", [TaskError("x", "1"), TaskError("y", "2")])
    except* TaskError as group:
        print("raising new error from except*")
        raise RuntimeError("replacement") from group
except RuntimeError as e:
    print(type(e).__name__, e, "cause:", type(e.__cause__).__name__, leaves(e.__cause__))
except ExceptionGroup as e:
    print("wrapped:", leaves(e), type(e.exceptions[0].__cause__).__name__)

try:
    raise TaskError("solo", "naked")
except* TaskError as eg:
    print("naked wrapped:", type(eg).__name__, repr(eg.message), leaves(eg))

for args in [("m", []), ("m", [1]), (1, [ValueError()]), ("m", ValueError())]:
    try:
        ExceptionGroup(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
print(type(BaseExceptionGroup("b", [ValueError()])).__name__, type(BaseExceptionGroup("b", [KeyboardInterrupt()])).__name__)
try:
    ExceptionGroup("m", [KeyboardInterrupt()])
except TypeError as e:
    print("TypeError:", e)
