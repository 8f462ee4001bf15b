# string from the standard library: Template, capwords, Formatter, constants.
import string
from string import Template, Formatter

print(string.ascii_letters, string.digits, string.hexdigits, string.octdigits)
print(repr(string.whitespace), string.punctuation, len(string.printable))
print(string.capwords('hello   big world'), string.capwords('a-b c-d', '-'), string.capwords(' x y '))

t = Template('$who likes $what; ${who}s cost $$5')
print(t.substitute(who='tim', what='kung pao'), t.substitute({'who': 'ann', 'what': 'tea'}))
print(t.safe_substitute(who='bo'), Template('$a $b').safe_substitute({'a': 1}, b=2))
print(t.get_identifiers(), t.is_valid(), Template('$ bad').is_valid(), t.template)
for tmpl, kw in [('$who', {}), ('${who', {'who': 1}), ('$1', {}), ('x $', {})]:
    try:
        print(Template(tmpl).substitute(**kw))
    except (KeyError, ValueError) as e:
        print(type(e).__name__, e)


class Pct(Template):
    delimiter = '%'
    idpattern = '[a-z]+'


print(Pct('%name is %age').substitute(name='kim', age=5), Pct('%Name').safe_substitute(name='x'))


class Braces(Template):
    pattern = r'\{\{(?:(?P<escaped>\{)|(?P<named>\w+)|(?P<braced>\w+)|(?P<invalid>))\}\}'


print(Braces('{{a}} and {{b}}').substitute(a=1, b=2))

f = Formatter()
print(f.format('{0} + {1} = {2:>5}', 1, 2, 3), f.format('{name!r:^10}|', name='x'), f.vformat('{a[0]}{b.real}', (), {'a': 'Q', 'b': 3}))
print(list(f.parse('a{0}b{x!s:>3}c{{d}}')), f.format('{:{w}.{p}f}', 3.14159, w=8, p=2))


class Upper(Formatter):
    def format_field(self, value, spec):
        return super().format_field(value, spec).upper()

    def get_value(self, key, args, kwargs):
        if isinstance(key, str) and key not in kwargs:
            return '<' + key + '>'
        return super().get_value(key, args, kwargs)


print(Upper().format('{0} {missing} {x:>4}', 'ab', x='yz'))
try:
    f.format('{0} {}', 1, 2)
except ValueError as e:
    print('ValueError:', e)
try:
    f.format('{9}', 1)
except IndexError as e:
    print('IndexError:', e)
