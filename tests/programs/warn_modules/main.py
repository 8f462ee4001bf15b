# Warnings from functions in another module: attribution, registries, default filters.
import warnings
import wlib

print(wlib.api(1))
print(wlib.api(2))
print(wlib.old_api(3))
print(wlib.quiet_deprecated(4))
print(wlib.blame_caller(5))
print(wlib.blame_caller(6))
print(sorted(k for k in vars(wlib) if k.startswith("__warn")))
print(len(wlib.__warningregistry__) > 0, "__warningregistry__" in globals())
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    wlib.old_api(7)
    wlib.quiet_deprecated(8)
print([(w.category.__name__, w.filename.endswith("wlib.py"), w.lineno) for w in log])
warnings.filterwarnings("error", module="wlib")
try:
    wlib.api(9)
except UserWarning as e:
    print("raised:", e)
wlib.blame_caller(10)
print("main done")
warnings.simplefilter("error", UserWarning)
wlib.api(11)
print("not reached")
