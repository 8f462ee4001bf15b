__all__ = ["shown", "ALSO", "_underscore_but_listed"]


def shown():
    return "shown"


def hidden():
    return "hidden"


ALSO = 42
_underscore_but_listed = True
