from .. import VERSION
from ..flat.square import area

print("cube sees VERSION", VERSION)


def volume(n):
    return area(n) * n
