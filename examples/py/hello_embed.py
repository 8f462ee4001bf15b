# The guest of examples/embed_hello.rs and of the crate-level doctest.
print("hello from Python")

ANSWER = 42


def greet(name):
    return f"Hello, {name}!"
