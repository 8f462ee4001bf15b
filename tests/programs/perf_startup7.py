"""Start-up and exit of the `pyvm` process (session 7). The first file a program opens gets
descriptor 3: the interpreter leaves nothing of its own open (a statically linked pyvm once
kept /dev/urandom open there). Output still buffered at exit is flushed, stderr is separate,
and the exit status comes from SystemExit. tests/cli_process.rs runs it with an argument:
that many more bytes to stdout, to fill a pipe the reader has closed."""
import sys

with open("/dev/null", "rb") as f:
    print("first descriptor:", f.fileno())
n = int(sys.argv[1]) if len(sys.argv) > 1 else 0
if n:
    sys.stdout.write("x" * n + "\n")
sys.stdout.write("no newline at the end")
sys.stderr.write("to stderr\n")
raise SystemExit(3)
