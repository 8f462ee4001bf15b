def area(n):
    return n * n


def describe():
    return f"{__name__} in {__package__}"
