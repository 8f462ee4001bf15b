"""Mandelbrot set membership on a grid: a float-only inner loop with early exit."""
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


def escape_time(cr, ci, limit):
    zr = zi = 0.0
    for i in range(limit):
        zr2 = zr * zr
        zi2 = zi * zi
        if zr2 + zi2 > 4.0:
            return i
        zi = 2.0 * zr * zi + ci
        zr = zr2 - zi2 + cr
    return limit


def main():
    size = max(8, int(380 * SCALE))
    limit = 80
    rows = []
    inside = 0
    total = 0
    for y in range(size):
        ci = -1.25 + 2.5 * y / size
        row = []
        for x in range(size):
            cr = -2.0 + 2.75 * x / size
            n = escape_time(cr, ci, limit)
            total += n
            if n == limit:
                inside += 1
            row.append(n)
        rows.append(row)
    print("size:", size, "inside:", inside, "iterations:", total)
    step = max(1, size // 24)
    for y in range(0, size, step * 2):
        print("".join("#" if rows[y][x] == limit else ("+" if rows[y][x] > 8 else ".")
                      for x in range(0, size, step)))


main()
