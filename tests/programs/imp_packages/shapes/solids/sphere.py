from ..flat import circle


def volume(r):
    return circle.area(r) * r * 4 / 3
