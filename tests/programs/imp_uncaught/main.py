# An exception raised while an imported module runs: the traceback goes
# through the importing lines of every module on the way.
import outer

print("not reached")
