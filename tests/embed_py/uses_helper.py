# Guest for the import tests: imports a module from the host's module path.
import helper_mod

RESULT = helper_mod.triple(helper_mod.VALUE)
