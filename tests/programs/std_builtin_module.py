# __module__ of builtin functions: builtins for the builtins namespace, the module of a native module function, None for methods.
print(len.__module__, print.__module__, open.__module__, abs.__module__)
print(len.__qualname__, repr(len), repr(open))
import math
print(math.sqrt.__module__)
print(__import__.__module__)
import math, itertools, operator
print([].append.__module__, math.sqrt.__module__, itertools.chain.__module__, operator.add.__module__)
print(sorted.__module__, isinstance.__module__, __build_class__.__module__, repr.__module__, iter.__module__, next.__module__, print.__module__)
