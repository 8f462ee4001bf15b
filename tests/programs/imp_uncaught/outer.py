print("outer starts")
import inner


def never():
    pass
