# sys.exit with an integer: stdout is flushed, nothing on stderr, and the
# process exit status is the given code. finally blocks still run.

import sys

def work(n):
    total = 0
    for i in range(n):
        total += i * i
    return total

print("work(10) =", work(10))

try:
    sys.exit(7)
except SystemExit as e:
    print("caught SystemExit with code", e.code, repr(e), e.args)

try:
    raise SystemExit
except SystemExit as e:
    print("bare SystemExit code:", e.code)

try:
    sys.exit()
except SystemExit as e:
    print("sys.exit() code:", e.code)

# SystemExit is not an Exception
try:
    try:
        sys.exit(1)
    except Exception:
        print("not reached")
except BaseException as e:
    print("BaseException caught:", type(e).__name__, issubclass(SystemExit, Exception))

def shutdown():
    try:
        print("shutting down", end="...")
        sys.exit(3)
    finally:
        print("finally runs")

shutdown()
print("never printed")
