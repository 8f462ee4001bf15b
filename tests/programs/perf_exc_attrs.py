"""Attribute loads and stores on exception instances through cached sites (LOAD_ATTR and
STORE_ATTR inline caches), with the exception's own attributes that must never be cached."""


class AppError(Exception):
    def __init__(self, code, detail):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail

    def describe(self):
        return "%s:%s" % (self.code, self.detail)


class NotFound(AppError):
    kind = "nf"


def bump(e, n):
    for _ in range(n):
        e.code += 1
        e.detail = e.detail + "."
    return e.code, e.detail


def loads(errs):
    out = []
    for e in errs:
        out.append((type(e).__name__, e.code, e.detail, e.args, e.describe()))
    return out


errs = [AppError(1, "a"), NotFound(2, "b"), AppError(3, "c"), NotFound(4, "d")]
for e in errs:
    print(bump(e, 3))
for row in loads(errs):
    print(row)
print(NotFound(5, "x").kind, [NotFound(i, "k").kind for i in range(3)])


# `args` is the exception's own: a store replaces the arguments, never lands in the dict.
def set_args(e, v):
    e.args = v
    return e.args, "args" in e.__dict__


for i in range(4):
    e = AppError(i, "z")
    print(set_args(e, (i, i + 1)), e, repr(e))
try:
    set_args(AppError(0, "z"), 5)
except TypeError as exc:
    print("TypeError", exc)


# __cause__ / __context__ / __suppress_context__ / __notes__ / __traceback__ through sites
# that also see plain attributes.
def chain(n):
    seen = []
    for i in range(n):
        try:
            try:
                raise NotFound(i, "inner")
            except NotFound as inner:
                inner.code = inner.code * 10
                raise AppError(i, "outer") from inner
        except AppError as outer:
            seen.append((outer.code, outer.__cause__.code, outer.__suppress_context__,
                         outer.__context__ is outer.__cause__, outer.__traceback__ is not None))
            outer.__cause__ = None
            seen.append((outer.__cause__, outer.__suppress_context__))
            outer.add_note("note %d" % i)
            seen.append(outer.__notes__)
    return seen


for row in chain(3):
    print(row)


# A method or class attribute named like an exception's state attribute.
class Weird(Exception):
    def args_method(self):
        return "m"

    value = "class value"


class WeirdStop(StopIteration):
    value = "class value"


class WeirdExit(SystemExit):
    def code(self):
        return "method"


def weird(objs):
    out = []
    for o in objs:
        out.append(o.value)
    return out


print(weird([Weird(1), Weird(2), WeirdStop(7), WeirdStop(), Weird(3)]))
for x in [WeirdExit(3), WeirdExit(), WeirdExit(1, 2)]:
    print(x.code)
w = Weird(4)
w.value = "instance value"
print(weird([w, Weird(5), w]))


# A plain attribute named like a state attribute of another exception class.
class Plain(Exception):
    pass


def codes(objs):
    return [getattr(o, "code", None) for o in objs] + [o.errno for o in objs if hasattr(o, "errno")]


p = Plain()
p.code = 9
print(codes([p, SystemExit(4), p, OSError(2, "nf")]))


# __slots__ on an exception subclass: slot stores and loads, no dict entries.
class Slotted(Exception):
    __slots__ = ("where", "count")

    def __init__(self, where):
        super().__init__(where)
        self.where = where
        self.count = 0


def slotted(n):
    s = Slotted("here")
    for _ in range(n):
        s.count += 1
    s.extra = 1
    return s.where, s.count, s.extra, "extra" in s.__dict__


print(slotted(5))


class SlottedOnly(Slotted):
    __slots__ = ()


def slotted_only(n):
    s = SlottedOnly("there")
    for _ in range(n):
        s.count += 2
    return s.where, s.count


print(slotted_only(3))


# A data descriptor (property) on an exception subclass wins over the dict.
class WithProp(Exception):
    @property
    def code(self):
        return "prop"

    @code.setter
    def code(self, v):
        self.__dict__["stored"] = v


def prop_site(objs):
    out = []
    for o in objs:
        o.code = 1
        out.append((o.code, o.__dict__.get("stored")))
    return out


print(prop_site([WithProp(), WithProp()]))


# Missing attributes from a cached site, then a traceback raised from one.
def missing(objs):
    out = []
    for o in objs:
        try:
            out.append(o.detail)
        except AttributeError as exc:
            out.append(str(exc))
    return out


print(missing([AppError(1, "d1"), Plain(), AppError(2, "d2"), ValueError("v")]))


def read_code(e):
    return e.code + 1


for e in [AppError(1, "x"), NotFound(2, "y")]:
    print(read_code(e))
read_code(Plain("no code"))
