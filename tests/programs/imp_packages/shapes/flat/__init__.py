from . import square
SIDES = {"square": 4}
