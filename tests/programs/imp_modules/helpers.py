import counter

GREETING = "hello"
_private = 1


def describe(n):
    return f"{__name__}: {n} * {GREETING!r}"


def call_counter():
    return counter.bump()
