# An uncaught exception raised deep in a call chain, including a recursive
# stretch that CPython compresses with "[Previous line repeated N more times]".

def parse(tokens):
    return parse_expr(tokens, 0)

def parse_expr(tokens, pos):
    value, pos = parse_term(tokens, pos)
    return value

def parse_term(tokens, pos):
    tok = tokens[pos]
    return convert(tok), pos + 1

def convert(tok):
    return int(tok)

print(parse(["12"]))

def countdown(n):
    if n == 0:
        return {"a": 1}["b"]
    return countdown(n - 1)

try:
    countdown(20)
except KeyError as e:
    print("caught", repr(e))

def walk(tree, path):
    if not path:
        return tree
    return walk(tree[path[0]], path[1:])

tree = {"a": {"b": {"c": [1, 2, 3]}}}
print(walk(tree, ["a", "b", "c"]))
print(walk(tree, ["a", "b", "c", 1]))

def level_one():
    level_two()

def level_two():
    values = [1, 2, 3]
    level_three(values)

def level_three(values):
    countdown(15)

level_one()
