"""sys.stdin.buffer and sys.stdout.buffer: bytes in and out, in order with the text layer
(stdin is stdin_buffer.in)."""
import sys

print(sys.stdin.buffer.name, sys.stdin.buffer.mode, sys.stdin.buffer.readable(),
      sys.stdout.buffer.writable(), sys.stdin.buffer is sys.stdin.buffer)
print(sys.stdin.buffer.readline(), sys.stdin.buffer.read(3), sys.stdin.buffer.readline(2))
sys.stdout.flush()
n = sys.stdout.buffer.write(b"raw bytes\n")
sys.stdout.buffer.write(bytearray(b"ba\n"))
sys.stdout.buffer.write(memoryview(b"mv\n"))
sys.stdout.buffer.flush()
print("text after", n)
first = next(iter(sys.stdin.buffer))
data = sys.stdin.buffer.read().split()
print(first, data, sum(map(int, data[1:4])), data[-1].decode())
for bad in ("str", 5):
    try:
        sys.stdout.buffer.write(bad)
    except TypeError as e:
        print(e)
print(list(sys.stdin.buffer), sys.stdin.buffer.read(), sys.stdin.buffer.readlines(),
      sys.stdin.buffer.readline())
