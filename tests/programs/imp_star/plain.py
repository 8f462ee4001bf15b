import sys as _sys

VISIBLE = 1
_HIDDEN = 2


def public_fn():
    return "public"


class Thing:
    pass
