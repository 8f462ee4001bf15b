"""Recursive Fibonacci: Python-to-Python calls, compares and small-int adds."""
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main():
    rounds = max(1, int(24 * SCALE))
    total = 0
    for r in range(rounds):
        total += fib(26 + r % 3)
    print("fib rounds:", rounds)
    print("checksum:", total)


main()
