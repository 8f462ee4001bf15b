# A module that tests/stdlib/std_importlib.py loads from its .pyc with
# importlib.util.spec_from_file_location (and a program of its own).
VALUE = 42


def double(x):
    return x * 2


print('helper ran as', __name__)
