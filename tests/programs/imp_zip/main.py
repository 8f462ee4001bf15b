# Modules and packages imported from a zip archive on sys.path.
import sys

sys.path.insert(0, "tests/programs/imp_zip/lib.zip")
import zmod
import zpkg.zsub
from zpkg import helper

print(zmod.hello())
print(zpkg.zsub.NAME, helper.twice(4))
print(zmod.__file__)
print(zpkg.__path__)
print(zpkg.zsub.__file__)
try:
    import zpkg.absent
except ModuleNotFoundError as e:
    print(e)
