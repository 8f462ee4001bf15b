# from M import *: __all__ decides; without it, public names only.
from plain import *
print(sorted(k for k in dir() if not k.startswith("__")))

from limited import *
print(sorted(k for k in dir() if not k.startswith("__")))
print(shown(), ALSO)
try:
    hidden
except NameError as e:
    print(e)

# __all__ may name submodules of a package: they are imported
from pkg import *
print(sub_one.WHO, sub_two.WHO, TOP)
print("pkg.sub_three" in __import__("sys").modules)

# __all__ with a non-string item
try:
    from badall import *
except TypeError as e:
    print(e)

# __all__ naming something that does not exist
try:
    from ghost import *
except AttributeError as e:
    print(e)


def inside():
    from plain import public_fn
    return public_fn()


print(inside())
