# json from the standard library (pure-Python encoder/decoder; `_json` is absent).
# (Invalid \escape errors are left out: their message comes from the C scanner `_json` in CPython.)
import json
from collections import OrderedDict

data = {'name': 'pyvm', 'tags': ['vm', 'rust'], 'n': 3, 'pi': 3.25, 'ok': True, 'none': None,
        'nested': {'b': [1, 2, {'c': 'd'}], 'a': -1e-7}, 'uni': 'é\u2603\U0001f600', 'esc': 'q"\\\n\t\x01'}
s = json.dumps(data)
print(s)
print(json.dumps(data, sort_keys=True, indent=2))
print(json.dumps(data, ensure_ascii=False, separators=(',', ':'), sort_keys=True))
print(json.dumps([1, [2, [3]]], indent='\t'), json.dumps({}, indent=2), json.dumps([], indent=2))
print(json.dumps(1e300), json.dumps(float('inf')), json.dumps(-float('inf')), json.dumps(float('nan')), json.dumps(12345678901234567890))
print(json.dumps({1: 'a', 2.5: 'b', True: 'c', None: 'd'}), json.dumps((1, 2)), json.dumps('x'), json.dumps(OrderedDict([('z', 1), ('a', 2)])))
print(json.loads(s) == data, json.loads('[1, 2.5, "x", true, false, null, {"a": {}}]'))
print(json.loads('"\\u00e9\\ud83d\\ude00 \\n"'), json.loads(' 1e3 '), json.loads('-0'), json.loads('NaN'), json.loads('{"a": 1, "a": 2}'))
print(json.loads('{"b": 1, "a": 2}', object_pairs_hook=list), json.loads('[1.5]', parse_float=str), json.loads('{"x": 1}', object_hook=lambda d: sorted(d)))
print(json.loads('12', parse_int=lambda t: int(t) * 2), json.loads(b'[1]'), json.loads('Infinity', parse_constant=lambda c: c))
for bad in ['', '[1,]', '{"a" 1}', '[1 2]', '"abc', 'tru', '{"a":1,}', '[1]x', "{'a': 1}", '01', '[\n  1,\n  ]']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print('JSONDecodeError:', e, '|', e.msg, e.pos, e.lineno, e.colno)
try:
    json.dumps({'a': {1, 2}})
except TypeError as e:
    print('TypeError:', e)
try:
    json.dumps(float('nan'), allow_nan=False)
except ValueError as e:
    print('ValueError:', e)
try:
    json.dumps({(1, 2): 3})
except TypeError as e:
    print('TypeError:', e)
print(json.dumps({(1, 2): 3, 'k': 4}, skipkeys=True))


class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, set):
            return sorted(o)
        return super().default(o)


print(json.dumps({'s': {3, 1, 2}}, cls=Enc), json.dumps([1, {2, 1}], default=sorted))
d = json.JSONDecoder()
print(d.raw_decode('{"a": [1, 2]} tail'), d.decode(' [true] '))
print(list(json.JSONEncoder(indent=1).iterencode({'a': [1]})))
l = []
l.append(l)
try:
    json.dumps(l)
except ValueError as e:
    print('ValueError:', e)
