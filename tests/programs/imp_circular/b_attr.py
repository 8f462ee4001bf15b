import a_attr

try:
    a_attr.X
except AttributeError as e:
    ERR = str(e)
