# Conway's Game of Life on small toroidal grids: a glider that wraps around
# and returns to its start, and a blinker next to a block (still life).

def empty(w, h):
    return [[0] * w for _ in range(h)]

def place(grid, cells, dx, dy):
    h = len(grid)
    w = len(grid[0])
    for x, y in cells:
        grid[(y + dy) % h][(x + dx) % w] = 1

def neighbours(grid, x, y):
    h = len(grid)
    w = len(grid[0])
    n = 0
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            if dx == 0 and dy == 0:
                continue
            n += grid[(y + dy) % h][(x + dx) % w]
    return n

def step(grid):
    h = len(grid)
    w = len(grid[0])
    new = empty(w, h)
    for y in range(h):
        for x in range(w):
            n = neighbours(grid, x, y)
            alive = grid[y][x]
            if alive and n in (2, 3):
                new[y][x] = 1
            elif not alive and n == 3:
                new[y][x] = 1
    return new

def render(grid):
    return "\n".join("".join("#" if c else "." for c in row) for row in grid)

def population(grid):
    return sum(map(sum, grid))

glider = [(1, 0), (2, 1), (0, 2), (1, 2), (2, 2)]
blinker = [(0, 0), (1, 0), (2, 0)]
block = [(0, 0), (1, 0), (0, 1), (1, 1)]

grid = empty(8, 6)
place(grid, glider, 0, 0)
start = render(grid)
for gen in range(4):
    print(f"glider generation {gen}, population {population(grid)}")
    print(render(grid))
    grid = step(grid)
for gen in range(4, 100):
    if render(grid) == start:
        print("glider back at its start after", gen, "generations")
        break
    grid = step(grid)
else:
    print("no repeat within 100 generations")

grid = empty(10, 7)
place(grid, blinker, 1, 2)
place(grid, block, 6, 4)
seen = {}
for gen in range(6):
    picture = render(grid)
    if picture in seen:
        print(f"generation {gen} repeats generation {seen[picture]}")
    seen[picture] = gen
    print(f"generation {gen}, population {population(grid)}")
    print(picture)
    grid = step(grid)

live = [(x, y) for y in range(len(grid)) for x in range(len(grid[0])) if grid[y][x]]
xs = [x for x, _ in live]
ys = [y for _, y in live]
print("live cells:", len(live), "x range:", min(xs), max(xs), "y range:", min(ys), max(ys))
