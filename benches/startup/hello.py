"""Startup: the smallest useful program."""
print("hello, world")
