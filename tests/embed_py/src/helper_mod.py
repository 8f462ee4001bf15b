# Importable module for the import tests (its .pyc lives in tests/embed_py/modules/).
VALUE = 7


def triple(x):
    return 3 * x
