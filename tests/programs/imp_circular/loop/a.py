from . import b as b_module

A = "a done"
