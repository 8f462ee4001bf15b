# The guest of examples/embed_sandbox.rs: one function per limit it runs into.


def spin():
    n = 0
    while True:
        n += 1


def stubborn():
    # Tries to survive being stopped: the host's abort ignores every handler.
    while True:
        try:
            while True:
                pass
        except BaseException:
            pass
        finally:
            print("never printed")


def hog(size=4096):
    data = []
    while True:
        data.append("x" * size)


def hog_and_recover(size=4096):
    data = []
    try:
        while True:
            data.append("x" * size)
    except MemoryError:
        n = len(data)
        data = None
        return f"MemoryError after {n} blocks; the guest recovered"


def deep(n=0):
    return deep(n + 1)


def read_secret():
    with open("/etc/hostname") as f:
        return f.read()


def use_io():
    import io
    return io.open("/etc/hostname").read()


def compute():
    import math
    return math.factorial(20)
