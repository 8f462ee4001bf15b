"""Iterated function systems (chaos game): small objects with float fields,
method calls, and a deterministic pseudo-random generator."""
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


class Rng:
    """A linear congruential generator, so results never depend on the platform."""

    def __init__(self, seed):
        self.state = seed

    def next_unit(self):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % 18446744073709551616
        return (self.state >> 11) / 9007199254740992.0


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Affine:
    def __init__(self, a, b, c, d, e, f, weight):
        self.a = a
        self.b = b
        self.c = c
        self.d = d
        self.e = e
        self.f = f
        self.weight = weight

    def apply(self, p):
        return Point(self.a * p.x + self.b * p.y + self.e, self.c * p.x + self.d * p.y + self.f)


class Fractal:
    def __init__(self, maps, width, height, box):
        self.maps = maps
        total = 0.0
        self.cumulative = []
        for m in maps:
            total += m.weight
            self.cumulative.append(total)
        self.total = total
        self.width = width
        self.height = height
        self.box = box
        self.grid = [[0] * width for _ in range(height)]

    def pick(self, u):
        target = u * self.total
        for m, edge in zip(self.maps, self.cumulative):
            if target < edge:
                return m
        return self.maps[-1]

    def plot(self, p):
        x0, y0, x1, y1 = self.box
        col = int((p.x - x0) / (x1 - x0) * self.width)
        row = int((p.y - y0) / (y1 - y0) * self.height)
        if 0 <= col < self.width and 0 <= row < self.height:
            self.grid[row][col] += 1
            return True
        return False

    def run(self, rng, steps):
        p = Point(0.0, 0.0)
        inside = 0
        sx = sy = 0.0
        for i in range(steps):
            p = self.pick(rng.next_unit()).apply(p)
            if i >= 20:
                sx += p.x
                sy += p.y
                if self.plot(p):
                    inside += 1
        return inside, sx, sy

    def digest(self):
        d = 0
        for r, row in enumerate(self.grid):
            for c, n in enumerate(row):
                if n:
                    d = (d * 131 + n * (r + 1) + c) % 2147483647
        return d


def fern():
    return Fractal(
        [
            Affine(0.0, 0.0, 0.0, 0.16, 0.0, 0.0, 0.01),
            Affine(0.85, 0.04, -0.04, 0.85, 0.0, 1.6, 0.85),
            Affine(0.2, -0.26, 0.23, 0.22, 0.0, 1.6, 0.07),
            Affine(-0.15, 0.28, 0.26, 0.24, 0.0, 0.44, 0.07),
        ],
        64,
        96,
        (-2.5, 0.0, 2.75, 10.0),
    )


def sierpinski():
    return Fractal(
        [
            Affine(0.5, 0.0, 0.0, 0.5, 0.0, 0.0, 1.0),
            Affine(0.5, 0.0, 0.0, 0.5, 0.5, 0.0, 1.0),
            Affine(0.5, 0.0, 0.0, 0.5, 0.25, 0.5, 1.0),
        ],
        64,
        64,
        (0.0, 0.0, 1.0, 1.0),
    )


def main():
    steps = max(100, int(150000 * SCALE))
    rng = Rng(2024)
    for name, make in (("fern", fern), ("sierpinski", sierpinski)):
        f = make()
        inside, sx, sy = f.run(rng, steps)
        print(name, "inside:", inside, "digest:", f.digest())
        print(name, "mean: %.6f %.6f" % (sx / (steps - 20), sy / (steps - 20)))


main()
