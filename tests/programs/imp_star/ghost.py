__all__ = ["real", "imaginary"]
real = 1
