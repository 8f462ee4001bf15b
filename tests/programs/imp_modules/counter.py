"""A module with state."""
print("running counter.py as", __name__)
value = 10


def bump():
    global value
    value += 1
    return value
