"""sys.stdin and input() reading the bytes of stdin_input.in (the golden runner and the fixture\nscript feed NAME.in to the program when it exists)."""
import sys
print(sys.stdout.name, sys.stderr.name, sys.stderr.errors, sys.stdin.encoding, sys.stdin.closed)
print(repr(sys.stdin), sys.stdin.name, sys.stdin.mode, sys.stdin.readable(), sys.stdin.writable(), sys.stdin.fileno(), sys.stdout.mode)
name = input("name? ")
print("hello", name)
print(repr(sys.stdin.readline()), repr(sys.stdin.readline(3)), repr(sys.stdin.read(4)), repr(input()))
n = int(input())
print(n * 2, input(None))
for i, line in enumerate(sys.stdin):
    print(i, repr(line))
    if i == 1:
        break
print(repr(sys.stdin.read()))
try:
    input("more> ")
except EOFError as e:
    print("EOF:", e)
try:
    sys.stdin.write("x")
except Exception as e:
    print(type(e).__name__, e)
try:
    sys.stdout.read()
except Exception as e:
    print(type(e).__name__, e)
print(sys.stdin.readlines(), repr(sys.stdin.readline()))
import io
print(sys.stdin.name, sys.stdin.mode, sys.stdout.name, sys.stderr.errors, io.TextIOWrapper is type(sys.stdin))
for bad in (lambda: input(1, 2), lambda: input(prompt="x")):
    try:
        bad()
    except TypeError as e:
        print(e)
sys.stdin = None
try:
    input()
except RuntimeError as e:
    print(e)
