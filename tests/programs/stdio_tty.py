"""isatty() of the standard streams and stdout's buffering. Run by the golden runner (pipes):
nothing is a terminal and stdout is flushed at exit. tests/cli_process.rs also runs it in a
pseudo-terminal, where all are terminals and stdout is line-buffered, as in CPython."""
import sys

print(sys.stdin.isatty(), sys.stdout.isatty(), sys.stderr.isatty(), sys.stdout.buffer.isatty())
print("err", file=sys.stderr)
print("out")
