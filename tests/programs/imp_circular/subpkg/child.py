import subpkg

try:
    subpkg.child
except AttributeError as e:
    ERR = str(e)
