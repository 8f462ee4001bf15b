# textwrap from the standard library: wrap, fill, shorten, dedent, indent, TextWrapper.
import textwrap

text = ("The quick brown fox jumps over the lazy dog. Pack my box with five dozen liquor jugs. "
        "How vexingly quick daft zebras jump!")
print(textwrap.wrap(text, 30))
print(textwrap.fill(text, 40))
print(textwrap.fill(text, 25, initial_indent='* ', subsequent_indent='  '))
print(textwrap.shorten(text, 40), '|', textwrap.shorten('Hello  world!', width=12), '|', textwrap.shorten(text, 30, placeholder=' [...]'))
print(repr(textwrap.dedent('''
    def f():
        return 1
      # odd
''')))
print(repr(textwrap.dedent('  a\n\t b\n')), repr(textwrap.dedent('  x\n  \n  y')))
print(textwrap.indent('one\ntwo\n\nthree', '> '), textwrap.indent('a\n\nb', '+', lambda line: True), sep='\n')
w = textwrap.TextWrapper(width=12, break_long_words=True, max_lines=3, placeholder='~')
print(w.wrap('supercalifragilistic expialidocious is a word that is long'))
w = textwrap.TextWrapper(width=10, break_on_hyphens=True)
print(w.wrap('a well-known hyphen-separated phrase'), textwrap.wrap('a well-known phrase', 6, break_on_hyphens=False))
print(textwrap.wrap('tabs\there\tand there', 12, expand_tabs=True, tabsize=4), textwrap.wrap('  lead  spaces  ', 8, drop_whitespace=False))
print(textwrap.wrap('Sentence one.  Sentence two.', 15, fix_sentence_endings=True), textwrap.wrap('', 5), textwrap.fill('x' * 12, 5))
try:
    textwrap.wrap('abc', 0)
except ValueError as e:
    print('ValueError:', e)
