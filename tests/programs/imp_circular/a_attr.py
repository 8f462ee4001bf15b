import b_attr

X = 1
seen_error = b_attr.ERR
