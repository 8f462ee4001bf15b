"""The native _csv module directly (no standard library): parsing, writing, dialect\nchecks and the registry. tests/stdlib/std_csv.py runs it under csv.py."""
import _csv
import io

_csv.register_dialect("excel", delimiter=",")
_csv.register_dialect("excel-tab", delimiter="\t")
_csv.register_dialect("unix", lineterminator="\n", quoting=_csv.QUOTE_ALL)


def rows(text, **kw):
    try:
        r = _csv.reader(io.StringIO(text, newline=""), **kw)
        out = list(r)
        return out, r.line_num
    except (_csv.Error, TypeError, ValueError) as e:
        return type(e).__name__, str(e)


def written(data, **kw):
    f = io.StringIO()
    try:
        w = _csv.writer(f, **kw)
        w.writerows(data)
    except (_csv.Error, TypeError) as e:
        return type(e).__name__, str(e)
    return f.getvalue()


print(rows('a,b,c\r\n1,"2,x",3\n"q""uote",,"multi\nline"\n'))
print(rows("a;b\n'c;d';e\n", delimiter=";", quotechar="'"))
print(rows("a, b,  c\n", skipinitialspace=True), rows("a, b\n"))
print(rows('a,"b"c,d\n'), rows('a,"b"c,d\n', strict=True))
print(rows('"unterminated\n'), rows('"unterminated\n', strict=True), rows('x\n"'))
print(rows("a\\,b,c\n", escapechar="\\"), rows('"a\\"b",c\n', escapechar="\\", doublequote=False))
print(rows("1,2.5,'x'\n", quoting=_csv.QUOTE_NONNUMERIC, quotechar="'"))
print(rows("1,abc\n", quoting=_csv.QUOTE_NONNUMERIC))
print(rows('a,"b",c\n', quoting=_csv.QUOTE_NONE), rows("\n\na\n\n"), rows(""))
print(rows("a\rb\r\nc\n"), rows("a,b\x00c\n"), rows("ab\\\ncd\n", escapechar="\\"))
print(rows("a\tb\n", dialect="excel-tab"), rows("a,b\n", dialect="unix"))
print(rows(["a,b", "c,d"]), rows("a\nb", lineterminator="X"))
try:
    list(_csv.reader([b"a,b"]))
except _csv.Error as e:
    print(e)
try:
    list(_csv.reader(["a,b\nc"]))
except _csv.Error as e:
    print(e)
old = _csv.field_size_limit(5)
print(old, rows("abcdef\n"), rows("abcde\n"), _csv.field_size_limit(old))

print(repr(written([["a", "b,c", 'd"e'], [1, 2.5, None], [], [""], ["x\ny"]])))
print(repr(written([["a", 1, None, ""]], quoting=_csv.QUOTE_ALL)))
print(repr(written([["a", 1, 2.5, None, True]], quoting=_csv.QUOTE_NONNUMERIC)))
print(repr(written([["a", 1, None, ""]], quoting=_csv.QUOTE_STRINGS)))
print(repr(written([["a", 1, None, ""]], quoting=_csv.QUOTE_NOTNULL)))
print(repr(written([["a,b", 'c"d']], quoting=_csv.QUOTE_NONE, escapechar="\\")))
print(repr(written([["a,b"]], quoting=_csv.QUOTE_NONE)))
print(repr(written([[""]], quoting=_csv.QUOTE_NONE)), repr(written([[None]], quoting=_csv.QUOTE_STRINGS)))
print(repr(written([['q"x']], doublequote=False, escapechar="\\")), repr(written([['q"x']], doublequote=False)))
print(repr(written([["a", "", "b"]], delimiter=" ", skipinitialspace=True)))
print(repr(written([["a", None]], delimiter=" ", skipinitialspace=True, quoting=_csv.QUOTE_NOTNULL)))
print(repr(written([["a", "b"]], lineterminator="\n", delimiter="|")), repr(written([["aXb"]], lineterminator="X")))
print(repr(written([(x for x in "ab")])), written([5]))

for kw in [dict(delimiter=""), dict(delimiter="ab"), dict(delimiter=1), dict(quotechar=None),
           dict(quotechar=None, quoting=_csv.QUOTE_ALL), dict(quoting=9), dict(quoting="1"),
           dict(lineterminator=None), dict(lineterminator=5), dict(escapechar=7), dict(dialect="nope"),
           dict(quotechar="")]:
    try:
        d = _csv.reader([], **kw).dialect
        print(kw, "ok", d.quoting, d.quotechar)
    except (TypeError, _csv.Error) as e:
        print(kw, type(e).__name__, e)

_csv.register_dialect("pipes", delimiter="|", quoting=_csv.QUOTE_ALL)
d = _csv.get_dialect("pipes")
print(sorted(_csv.list_dialects()), d.delimiter, d.quotechar, d.escapechar, repr(d.lineterminator),
      d.quoting, d.doublequote, d.skipinitialspace, d.strict, type(d).__name__)
print(repr(written([["a", "b"]], dialect="pipes")), rows('"a"|"b"\n', dialect="pipes"))
_csv.unregister_dialect("pipes")
for f in (lambda: _csv.get_dialect("pipes"), lambda: _csv.unregister_dialect("pipes"),
          lambda: _csv.register_dialect(1), lambda: _csv.writer(5), lambda: _csv.reader(),
          lambda: _csv.writer(io.StringIO()).writerow(5), lambda: _csv.field_size_limit("x")):
    try:
        f()
    except (TypeError, _csv.Error) as e:
        print(type(e).__name__, e)


r = _csv.reader(["a"])
print(iter(r) is r, next(r), r.line_num, type(r).__name__, type(_csv.writer(io.StringIO())).__name__)
d = _csv.Dialect(delimiter=";", quoting=_csv.QUOTE_ALL)
print(d.delimiter, d.quoting, _csv.Dialect(d) is d, _csv.Dialect(d, strict=True).strict)
try:
    d.__reduce_ex__(2)
except TypeError as e:
    print(e)
