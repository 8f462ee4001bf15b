from . import a

B = "b done, a partially initialised: " + str(not hasattr(a, "A"))
