"""Exceptions raised and caught in loops: custom hierarchies, try/except/else/finally,
re-raising, chaining, and built-in errors from dict lookups and int parsing."""
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


class AppError(Exception):
    def __init__(self, code, detail):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


class NotFound(AppError):
    pass


class Invalid(AppError):
    pass


def lookup(table, key):
    try:
        return table[key]
    except KeyError:
        raise NotFound(404, key) from None


def parse(text):
    try:
        return int(text)
    except ValueError as e:
        raise Invalid(400, text) from e


def guarded(i, table, log):
    try:
        if i % 5 == 0:
            v = lookup(table, i)
        elif i % 5 == 1:
            v = parse("x%d" % i if i % 2 else str(i))
        elif i % 5 == 2:
            v = 100 // (i % 3 - 2)
        else:
            v = i
    except NotFound as e:
        log[0] += 1
        v = -e.code
    except AppError as e:
        log[1] += 1
        v = e.code + (1 if e.__cause__ is not None else 0)
    except ZeroDivisionError:
        log[2] += 1
        v = 0
    else:
        log[3] += 1
    finally:
        log[4] += 1
    return v


def nested(depth):
    if depth == 0:
        raise AppError(depth, "bottom")
    try:
        nested(depth - 1)
    except AppError as e:
        e.code += 1
        raise


def cleanup_count(n):
    done = 0
    for i in range(n):
        try:
            try:
                if i & 1:
                    raise IndexError(i)
            finally:
                done += 1
        except IndexError:
            done += 2
    return done


def main():
    n = max(20, int(500000 * SCALE))
    table = {k: k * 2 for k in range(0, n, 10)}
    log = [0, 0, 0, 0, 0]
    total = 0
    for i in range(n):
        total += guarded(i, table, log)
    print("total:", total, "log:", log)
    depth_total = 0
    for _ in range(n // 100):
        try:
            nested(20)
        except AppError as e:
            depth_total += e.code
    print("nested:", depth_total)
    print("cleanup:", cleanup_count(n))
    try:
        lookup({}, "missing")
    except NotFound as e:
        print("last:", type(e).__name__, e.args, e.__suppress_context__)


main()
