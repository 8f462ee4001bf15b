# A first program for pyvm: a greeting and a small computation.


def greet(name):
    return f"Hello, {name}!"


def triangle(n):
    total = 0
    for i in range(1, n + 1):
        total += i
    return total


print(greet("pyvm"))
squares = [i * i for i in range(1, 6)]
print("squares:", squares)
print("sum of squares:", sum(squares))
print("triangle(10) =", triangle(10))
print("2 ** 100 =", 2**100)
print("done")
