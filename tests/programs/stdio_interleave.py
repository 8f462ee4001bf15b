"""stdout and stderr written alternately. Run separately (the golden runner) each stream holds
its own lines; written to one place (tests/cli_process.rs) the order shows stdout's buffering:
by block to a pipe, none with PYTHONUNBUFFERED, as in CPython."""
import sys

print("out 1")
print("err 2", file=sys.stderr)
print("out 3")
sys.stderr.write("err 4\n")
print("out 5", flush=True)
print("err 6", file=sys.stderr)
