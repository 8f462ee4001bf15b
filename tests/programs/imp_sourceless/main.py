# Sourceless modules: a NAME.pyc beside the main file is imported directly.
import sys

import old_style
print(old_style.answer())
print(old_style.__file__.endswith("/imp_sourceless/old_style.pyc"))
print(old_style.__cached__ == old_style.__file__)
print(type(old_style.__loader__).__name__)

from helper import twice
print(twice("ab"))

# a traceback through a sourceless module shows its compiled-in file name
try:
    old_style.fail()
except ValueError as e:
    tb = e.__traceback__.tb_next
    print(tb.tb_frame.f_code.co_filename, tb.tb_lineno)
