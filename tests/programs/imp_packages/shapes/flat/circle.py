from . import square as sibling
from .square import area as sq_area
from .. import VERSION

PI = 3.14159


def area(r):
    return round(PI * r * r, 5)


def relatives():
    return sibling.__name__, sq_area(2), VERSION
