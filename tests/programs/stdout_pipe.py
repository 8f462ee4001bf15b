"""What pyvm does when stdout's reader has gone, as CPython 3.12 does it. tests/cli_process.rs
runs each case with the reading end of the pipe already closed (and with and without
PYTHONUNBUFFERED); run normally, every case just prints its lines."""
import sys


def small():
    # Stays pending until exit: the final flush fails ("Exception ignored", status 120).
    print("hello")


def explicit_flush():
    # The flush raises; the text stays pending and fails again at exit.
    print("hello")
    sys.stdout.flush()


def print_flush():
    print("hello", flush=True)


def many_lines():
    # Over 8 KiB pending: the write raises from inside the loop (status 1).
    for i in range(100):
        print(f"{i:03d}", "x" * 95)


def caught_then_quiet():
    try:
        many_lines()
    except BrokenPipeError as e:
        sys.stderr.write(f"caught {e!r} errno={e.errno} {e.strerror}\n")
    sys.stderr.write("end\n")


def caught_then_print():
    try:
        many_lines()
    except OSError as e:
        sys.stderr.write(f"caught {type(e).__name__} {e.args}\n")
    print("after")
    sys.stderr.write("end\n")


def binary_flush():
    sys.stdout.buffer.write(b"bytes\n")
    sys.stdout.buffer.flush()


CASES = [small, explicit_flush, print_flush, many_lines, caught_then_quiet,
         caught_then_print, binary_flush]

if len(sys.argv) > 1:
    {f.__name__: f for f in CASES}[sys.argv[1]]()
else:
    for f in CASES:
        f()
    sys.stdout.flush()
    sys.stderr.write("done\n")
