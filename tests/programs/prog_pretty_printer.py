# A hand-written JSON-like serializer and pretty printer for nested dicts,
# lists, strings, numbers, booleans and None, with escaping and indentation.

def escape(s):
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) > 0x7E:
            out.append("\\u%04x" % ord(ch) if ord(ch) < 0x10000 else "\\U%08x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)

def dumps(value, indent=2, level=0):
    pad = " " * (indent * (level + 1))
    end_pad = " " * (indent * level)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"cannot encode {value!r}")
        return repr(value)
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        items = [pad + dumps(v, indent, level + 1) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + end_pad + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = []
        for k, v in value.items():
            if not isinstance(k, str):
                raise TypeError(f"keys must be str, not {type(k).__name__}")
            items.append(pad + escape(k) + ": " + dumps(v, indent, level + 1))
        return "{\n" + ",\n".join(items) + "\n" + end_pad + "}"
    raise TypeError(f"Object of type {type(value).__name__} is not serializable")

def compact(value):
    if isinstance(value, dict):
        return "{" + ",".join(escape(k) + ":" + compact(v) for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(compact(v) for v in value) + "]"
    return dumps(value)

doc = {
    "name": "pyvm",
    "version": [0, 1, 0],
    "stable": False,
    "license": None,
    "ratio": 0.75,
    "big": 2 ** 70,
    "tags": ["vm", "bytecode", "rust"],
    "nested": {"empty_list": [], "empty_dict": {}, "deep": {"deeper": [1, [2, [3, []]]]}},
    "text": 'quote " backslash \\ newline \n tab \t unicode caf\u00e9 \u20ac \U0001F600',
}
print(dumps(doc))
print(compact(doc))
print(dumps([1, 2.5, -0.0, 1e100, "s"], indent=0))
print(dumps({"a": [{"b": None}]}, indent=4))

for bad in [{1: "x"}, [float("nan")], {"s": {1, 2}}, (1, float("-inf"))]:
    try:
        dumps(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)

# Depth statistics of the structure
def depth(v):
    if isinstance(v, dict):
        return 1 + max((depth(x) for x in v.values()), default=0)
    if isinstance(v, (list, tuple)):
        return 1 + max((depth(x) for x in v), default=0)
    return 0

def count_leaves(v):
    if isinstance(v, dict):
        return sum(count_leaves(x) for x in v.values())
    if isinstance(v, (list, tuple)):
        return sum(count_leaves(x) for x in v)
    return 1

print("depth", depth(doc), "leaves", count_leaves(doc), "chars", len(dumps(doc)), len(compact(doc)))
