# The guest of examples/embed_callbacks.rs: it uses functions the host provides (the `host`
# module and the `log` builtin) and offers functions the host calls.
import host

log(f"host.add(2, 3) = {host.add(2, 3)}")


def square(x):
    return x * x


def process(values, scale=1):
    # host.apply calls back into Python (square) for every value.
    squared = host.apply(square, values)
    return [v * scale for v in squared]


def safe_sqrt(x):
    try:
        return host.checked_sqrt(x)
    except ValueError as e:
        log(f"host refused: {e}")
        return None


def crash():
    try:
        host.explode()
    except RuntimeError as e:
        log(f"host function failed: {e}")
        return "recovered"


def describe(name, *, greeting="Hi", times=1):
    return " ".join([f"{greeting}, {name}!"] * times)
