import second


def needed():
    return 1
