"""N-queens: recursive backtracking over lists and sets, plus a bitmask counter."""
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


def solve_sets(n):
    """Every solution, as a tuple of column numbers per row."""
    solutions = []
    cols = set()
    diag1 = set()
    diag2 = set()
    placed = []

    def place(row):
        if row == n:
            solutions.append(tuple(placed))
            return
        for col in range(n):
            if col in cols or (row + col) in diag1 or (row - col) in diag2:
                continue
            cols.add(col)
            diag1.add(row + col)
            diag2.add(row - col)
            placed.append(col)
            place(row + 1)
            placed.pop()
            cols.discard(col)
            diag1.discard(row + col)
            diag2.discard(row - col)

    place(0)
    return solutions


def count_bits(n):
    full = (1 << n) - 1

    def go(cols, left, right):
        if cols == full:
            return 1
        total = 0
        free = full & ~(cols | left | right)
        while free:
            bit = free & -free
            free ^= bit
            total += go(cols | bit, ((left | bit) << 1) & full, (right | bit) >> 1)
        return total

    return go(0, 0, 0)


def main():
    rounds = max(1, int(40 * SCALE))
    for _ in range(rounds):
        sols = solve_sets(8)
        counted = count_bits(10)
    digest = 0
    for sol in sols:
        for c in sol:
            digest = (digest * 31 + c) % 1000000007
    print("8 queens:", len(sols), "first:", sols[0], "last:", sols[-1])
    print("digest:", digest)
    print("10 queens:", counted)


main()
