# re from the standard library over the native _sre engine.
import re

# --- compile / match / search / fullmatch -------------------------------------------------
p = re.compile(r'(\d+)-(\d+)')
print(p, p.pattern, p.groups, p.flags == re.UNICODE)
m = p.search('call 555-1234 now')
print(m)
print(m.group(), m.group(1), m.group(2), m.group(1, 2), m.groups(), m[0], m[2])
print(m.start(), m.end(), m.span(), m.start(2), m.end(1), m.span(1), m.regs)
print(m.pos, m.endpos, m.re is p, m.string, m.lastindex, m.lastgroup)
print(p.match('call 555-1234'), p.match('555-1234 x'), p.fullmatch('555-1234 x'), p.fullmatch('555-1234'))
print(p.match('xx12-34', 2), p.search('12-345', 0, 5), p.search('12-345', 3))
print(re.match('a', 'A'), re.match('a', 'A', re.I), re.search('^b', 'a\nb'), re.search('^b', 'a\nb', re.M))
print(re.match(r'a.c', 'a\nc'), re.match(r'a.c', 'a\nc', re.S), re.match(r'a.c', 'abc'))
print(re.fullmatch(r'\w+', 'héllo wörld'), re.fullmatch(r'\w+', 'héllo'), re.fullmatch(r'\w+', 'héllo', re.A))
print(re.search(r'x*', 'aaa'), re.search(r'$', 'ab\n'), re.search(r'\Z', 'ab\n'), re.search(r'a$', 'ba\n'))

# --- named groups, groupdict, lastgroup ---------------------------------------------------
m = re.match(r'(?P<first>\w+) (?P<last>\w+)(?P<opt>!)?', 'Ada Lovelace')
print(m.groupdict(), m.groupdict('-'), m.group('last'), m['first'], m.span('last'), m.start('opt'))
print(m.groups(), m.groups(0), m.lastindex, m.lastgroup, dict(m.re.groupindex), type(m.re.groupindex).__name__)
print(sorted(m.re.groupindex.items()), re.compile('a').groupindex)
m = re.match(r'(a)|(b)', 'b')
print(m.lastindex, m.groups(), m.span(1), m.start(1))
for bad in (3, 'nope', -1):
    try:
        m.group(bad)
    except IndexError as e:
        print('IndexError:', e)

# --- findall / finditer / split / sub / subn -------------------------------------------
print(re.findall(r'\d+', 'a1b22c333'), re.findall(r'(\w)(\d)', 'a1 b2 c'), re.findall(r'(\w)=', 'a=1 b=2'))
print(re.findall(r'', 'abc'), re.findall(r'a*', 'baaac'), re.findall(r'\b', 'ab cd'))
print([m.span() for m in re.finditer(r'\w+', 'one two  three')])
print([m.group() for m in re.finditer(r'x*', 'axxb')])
print(re.split(r'\W+', 'Words, words, words.'), re.split(r'(\W+)', 'Words, words.'))
print(re.split(r'\W+', 'Words, words, words.', maxsplit=1), re.split(r'x*', 'axbc'), re.split(r'(a)|b', 'xaybz'))
print(re.split(r'[\s,]+', ' a ,b  c,'), re.split(r'^$', 'a\n\nb', flags=re.M))
print(re.sub(r'\s+', ' ', 'a   b \t\n c'), re.sub(r'(\w+)@(\w+)', r'\2 at \1', 'me@home you@work'))
print(re.sub(r'(?P<w>\w+)', r'<\g<w>>', 'hi there'), re.sub(r'(\w)', r'\g<1>\g<0>', 'ab'))
print(re.sub(r'\d', lambda m: str(int(m.group()) * 2), 'a1b2c9'), re.sub('x*', '-', 'abxd'))
print(re.subn(r'o', '0', 'foo boo'), re.sub(r'o', '0', 'foo boo', count=2), re.sub('a', r'\n', 'bab'))
print(re.sub(r'(a)|b', r'[\1]', 'ab'), re.sub('', '.', 'ab'), re.subn(r'\b', '|', 'hi yo'))
print(m.expand(r'\2-\g<2>'), re.match(r'(\w+) (\w+)', 'a b').expand(r'\2 \1\n'))
print(re.escape('a.b*c?d'), re.escape('ab_12'), re.escape(b'x.y'))

# --- flags, verbose, inline -----------------------------------------------------------------
v = re.compile(r"""
    (?P<int>\d+)    # integer part
    (?:\.(?P<frac>\d*))?  # optional fraction
""", re.X)
print(v.match('3.14').groupdict(), v.match('42').groupdict(), v.flags & re.X != 0)
print(re.match(r'(?i)hello', 'HeLLo'), re.match(r'(?i:a)b', 'Ab'), re.match(r'(?i:a)b', 'AB'))
print(re.compile('a', re.I | re.M), re.compile(b'a', re.I), re.compile('x', re.A), re.compile('y', re.S | re.X))
print(re.findall(r'(?m)^\w', 'ab\ncd\nef'), re.findall(r'(?s).', 'a\nb'), re.I | re.M)
print(re.search(r'[a-z]+', 'ÀBC déf', re.I), re.search(r'[À-ÿ]+', 'xxÀÿz'), re.match(r'(?i)[ǅ]', 'ǆ'))
print(re.match(r'(?i)ſ', 'S'), re.match(r'(?i)k', '\u212a'), re.match(r'(?ai)k', '\u212a'))

# --- lookarounds, non-greedy, backrefs, conditionals --------------------------------------
print(re.findall(r'\w+(?=,)', 'a, b, c'), re.findall(r'(?<=-)\w+', 'x-y -z'), re.findall(r'(?<!\d)\d\d(?!\d)', '1 22 333 44'))
print(re.match(r'<.*>', '<a><b>').group(), re.match(r'<.*?>', '<a><b>').group(), re.match(r'a{2,}?', 'aaaa').group())
print(re.match(r'(a+?)(a*)', 'aaa').groups(), re.match(r'(?:ab){2,3}?', 'ababab').group(), re.match(r'a??b', 'ab'))
print(re.search(r'(\w)\1', 'abccd'), re.search(r'(?P<q>[\'"]).*?(?P=q)', 'x "hi" y'), re.match(r'(?i)(a)\1', 'aA'))
print(re.match(r'(<)?\w+(?(1)>)', '<a>'), re.match(r'(<)?\w+(?(1)>|$)', 'a'), re.match(r'(<)?\w+(?(1)>|$)', '<a'))
print(re.match(r'(a|ab)(c|bcd)(d*)', 'abcd').groups(), re.match(r'(a*)*', 'b').groups(), re.match(r'(a*)+', 'b').groups())
print(re.match(r'(?:(a)|b)*', 'ab').groups(), re.match(r'(?:(a)|(b))*', 'ab').groups(), re.match(r'(a|b)*?c', 'abc').groups())
print(re.match(r'((a)|b)+', 'ab').groups(), re.match(r'(a)(?:b|(c))*', 'abcb').groups())

# --- possessive and atomic (3.11+) -------------------------------------------------------
print(re.match(r'a*+a', 'aaa'), re.match(r'a*+b', 'aab'), re.match(r'(?>a+)a', 'aaa'), re.match(r'(?>a+)b', 'aab'))
print(re.match(r'(?:ab)++a', 'ababa'), re.match(r'(?:ab)*+c', 'ababc'), re.match(r'x{1,2}+x', 'xxx'), re.match(r'(?:a|ab)++c', 'abc'))
print(re.findall(r'\d++', '12 345'), re.match(r'(?>(a)|b)+', 'ab').groups())

# --- Unicode classes on non-ASCII ---------------------------------------------------------
print(re.findall(r'\w+', 'naïve café — 東京 ٣٤'), re.findall(r'\d', 'x٣y5۹'), re.findall(r'\d', 'x٣y5', re.A))
print(re.findall(r'\s', 'a\u00a0b\u2003c\td'), re.findall(r'\W', 'a-é_ß!'), re.split(r'\b', 'né ab'))
print(re.match(r'\w', 'é', re.A), re.match(r'[^\W\d]+', 'ab1'), re.findall(r'(?u)\w+', 'Ωmega'))
print(re.sub(r'(?i)É', 'E', 'éÉe'), re.findall('[\u0400-\u04ff]+', 'Привет, мир'), re.match(r'.', '\U0001f600').span())

# --- bytes patterns -------------------------------------------------------------------------
bp = re.compile(rb'(\w+)=(\d+)')
print(bp, bp.findall(b'a=1, bb=22'), bp.sub(rb'\2:\1', b'x=9'), bp.search(bytearray(b'  k=7')))
print(re.split(rb'\s+', b'a b  c'), re.match(rb'\w+', b'caf\xe9'), re.match(rb'(?i)\xe9', b'\xc9'))
print(re.match(rb'[a-f]+', b'beefy').group(), re.fullmatch(rb'.*', b'x\ny', re.S), re.sub(b'a', b'b', memoryview(b'aXa')))
m = bp.match(b'key=12')
print(m, m.group(1), m.groups(), m.span(2), m.expand(rb'[\1]'))
try:
    re.match('a', b'a')
except TypeError as e:
    print('TypeError:', e)
try:
    re.match(b'a', 'a')
except TypeError as e:
    print('TypeError:', e)
try:
    re.match('a', 5)
except TypeError as e:
    print('TypeError:', e)

# --- errors from the parser ----------------------------------------------------------------
for bad in ['(', 'a)', '[a', '*a', 'a**', r'\1', '(?P<1>a)', '(?P<a>x)(?P<a>y)', 'a{2,1}', '(?<=a+)b',
            r'\p', '(?z)', '[b-a]', '(?P=nope)', 'x(?i)y']:
    try:
        re.compile(bad)
        print('ok', bad)
    except re.error as e:
        print('error:', bad, '->', e, e.pos)
try:
    re.sub('(a)', r'\2', 'a')
except re.error as e:
    print('error:', e)
try:
    re.sub('(a)', r'\g<x>', 'a')
except IndexError as e:
    print('IndexError:', e)
print(issubclass(re.error, Exception), re.error.__name__, re.PatternError if hasattr(re, 'PatternError') else None)

# --- Match / Pattern objects ------------------------------------------------------------------
m = re.search('b+', 'a' + 'b' * 80)
print(m)
print(re.compile('a' * 250))
print(re.compile('x') == re.compile('x'), re.compile('x') == re.compile('y'), re.compile('x') != re.compile('x', re.I))
print(re.compile('x') is re.compile('x'), type(re.compile('x')), type(m), re.Pattern, re.Match)
import copy
print(copy.copy(m) is m, copy.deepcopy(p) is p, re.Pattern[str], re.Match[bytes])
try:
    re.Pattern()
except TypeError as e:
    print('TypeError:', e)
sc = re.compile(r'\d').scanner('a1b2')
print(sc.search(), sc.search(), sc.search(), sc.pattern)
sc = re.compile(r'\d').scanner('12a3')
print(sc.match(), sc.match(), sc.match(), sc.match())
print(re.purge(), hasattr(re, 'template'))

# --- catastrophic-looking but fine ------------------------------------------------------------
print(re.match(r'(a+)+b', 'a' * 18 + 'b').span(), re.match(r'(x+x+)+y', 'x' * 12), re.search(r'(?:a|b)*c', 'ab' * 500 + 'c').end())
print(len(re.findall(r'\w+', 'word ' * 2000)), re.sub(r'(\d)', r'<\1>', '1234567890' * 3))

# --- edge cases of pos / endpos and group lookup ---------------------------------------------
p = re.compile('')
print(p.match('abc', 2, 1), p.search('abc', 2, 1), p.fullmatch('abc', 2, 1), p.findall('abc', 2, 1))
print(re.compile('a*').match('aaa', 1, 0), re.compile('$').search('abc', 3, 1), re.compile('x').search('x' * 10, 3, 5).endpos)
m = re.match('(a)(?P<b>b)?', 'a')
for g in (1.5, True, 'b', 'zz'):
    try:
        print(m.group(g))
    except IndexError as e:
        print('IndexError:', e)
print(re.sub('a', 'b', 'aaa', -1), re.split('a', 'bab', -1), re.fullmatch('a|ab', 'ab'), re.search('(?<=(a))b', 'ab').groups())
print(re.match(r'(?:a(?=b)|\w)+', 'abab').span(), re.match(r'(?:(?!b).)*', 'aab').span(), type(re.finditer('x', '')).__name__)
print(re.match('.', '\ud800'), re.findall('[\ud800-\udfff]', 'a\udc80b'), re.sub('(?i)STRASSE', 'x', 'straße STRASSE'))
