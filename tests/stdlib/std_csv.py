"""csv on the native _csv: reading and writing with every dialect parameter, the registry,
DictReader/DictWriter, Sniffer, and the errors."""
import csv
import io


def rows(text, **kw):
    try:
        r = csv.reader(io.StringIO(text, newline=""), **kw)
        out = list(r)
        return out, r.line_num
    except (csv.Error, TypeError, ValueError) as e:
        return type(e).__name__, str(e)


def written(data, **kw):
    f = io.StringIO()
    try:
        w = csv.writer(f, **kw)
        w.writerows(data)
    except (csv.Error, TypeError) as e:
        return type(e).__name__, str(e)
    return f.getvalue()


print(rows('a,b,c\r\n1,"2,x",3\n"q""uote",,"multi\nline"\n'))
print(rows("a;b\n'c;d';e\n", delimiter=";", quotechar="'"))
print(rows("a, b,  c\n", skipinitialspace=True), rows("a, b\n"))
print(rows('a,"b"c,d\n'), rows('a,"b"c,d\n', strict=True))
print(rows('"unterminated\n'), rows('"unterminated\n', strict=True), rows('x\n"'))
print(rows("a\\,b,c\n", escapechar="\\"), rows('"a\\"b",c\n', escapechar="\\", doublequote=False))
print(rows("1,2.5,'x'\n", quoting=csv.QUOTE_NONNUMERIC, quotechar="'"))
print(rows("1,abc\n", quoting=csv.QUOTE_NONNUMERIC))
print(rows('a,"b",c\n', quoting=csv.QUOTE_NONE), rows("\n\na\n\n"), rows(""))
print(rows("a\rb\r\nc\n"), rows("a,b\x00c\n"), rows("ab\\\ncd\n", escapechar="\\"))
print(rows("a\tb\n", dialect="excel-tab"), rows("a,b\n", dialect="unix"))
print(rows(["a,b", "c,d"]), rows("a\nb", lineterminator="X"))
try:
    list(csv.reader([b"a,b"]))
except csv.Error as e:
    print(e)
try:
    list(csv.reader(["a,b\nc"]))
except csv.Error as e:
    print(e)
old = csv.field_size_limit(5)
print(old, rows("abcdef\n"), rows("abcde\n"), csv.field_size_limit(old))

print(repr(written([["a", "b,c", 'd"e'], [1, 2.5, None], [], [""], ["x\ny"]])))
print(repr(written([["a", 1, None, ""]], quoting=csv.QUOTE_ALL)))
print(repr(written([["a", 1, 2.5, None, True]], quoting=csv.QUOTE_NONNUMERIC)))
print(repr(written([["a", 1, None, ""]], quoting=csv.QUOTE_STRINGS)))
print(repr(written([["a", 1, None, ""]], quoting=csv.QUOTE_NOTNULL)))
print(repr(written([["a,b", 'c"d']], quoting=csv.QUOTE_NONE, escapechar="\\")))
print(repr(written([["a,b"]], quoting=csv.QUOTE_NONE)))
print(repr(written([[""]], quoting=csv.QUOTE_NONE)), repr(written([[None]], quoting=csv.QUOTE_STRINGS)))
print(repr(written([['q"x']], doublequote=False, escapechar="\\")), repr(written([['q"x']], doublequote=False)))
print(repr(written([["a", "", "b"]], delimiter=" ", skipinitialspace=True)))
print(repr(written([["a", None]], delimiter=" ", skipinitialspace=True, quoting=csv.QUOTE_NOTNULL)))
print(repr(written([["a", "b"]], lineterminator="\n", delimiter="|")), repr(written([["aXb"]], lineterminator="X")))
print(repr(written([(x for x in "ab")])), written([5]))

for kw in [dict(delimiter=""), dict(delimiter="ab"), dict(delimiter=1), dict(quotechar=None),
           dict(quotechar=None, quoting=csv.QUOTE_ALL), dict(quoting=9), dict(quoting="1"),
           dict(lineterminator=None), dict(lineterminator=5), dict(escapechar=7), dict(dialect="nope"),
           dict(quotechar="")]:
    try:
        d = csv.reader([], **kw).dialect
        print(kw, "ok", d.quoting, d.quotechar)
    except (TypeError, csv.Error) as e:
        print(kw, type(e).__name__, e)

csv.register_dialect("pipes", delimiter="|", quoting=csv.QUOTE_ALL)
d = csv.get_dialect("pipes")
print(sorted(csv.list_dialects()), d.delimiter, d.quotechar, d.escapechar, repr(d.lineterminator),
      d.quoting, d.doublequote, d.skipinitialspace, d.strict, type(d).__name__)
print(repr(written([["a", "b"]], dialect="pipes")), rows('"a"|"b"\n', dialect="pipes"))
csv.unregister_dialect("pipes")
for f in (lambda: csv.get_dialect("pipes"), lambda: csv.unregister_dialect("pipes"),
          lambda: csv.register_dialect(1), lambda: csv.writer(5), lambda: csv.reader(),
          lambda: csv.writer(io.StringIO()).writerow(5), lambda: csv.field_size_limit("x")):
    try:
        f()
    except (TypeError, csv.Error) as e:
        print(type(e).__name__, e)


class Semi(csv.Dialect):
    delimiter = ";"
    quotechar = '"'
    lineterminator = "\n"
    quoting = csv.QUOTE_MINIMAL
    doublequote = True
    skipinitialspace = False


print(repr(written([["a;b", "c"]], dialect=Semi)), rows("x;y\n", dialect=Semi()))
try:
    class Bad(csv.Dialect):
        delimiter = ";;"
        quotechar = '"'
        lineterminator = "\n"
        quoting = csv.QUOTE_MINIMAL
    Bad()
except csv.Error as e:
    print("Bad:", e)

f = io.StringIO()
w = csv.DictWriter(f, fieldnames=["x", "y"], extrasaction="ignore")
w.writeheader()
w.writerow({"x": 1, "y": "two", "z": 3})
w.writerows([{"x": 4}, {"y": 5}])
print(repr(f.getvalue()))
print([dict(r) for r in csv.DictReader(io.StringIO(f.getvalue()))])
print(list(csv.DictReader(io.StringIO("a,b\n1,2,3\n4\n"), restkey="rest", restval="?")))
s = csv.Sniffer()
dia = s.sniff("a;b;c\n1;2;3\n4;5;6\n")
print(dia.delimiter, s.has_header("name,age\nbob,3\nal,40\n"))
print(csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC, csv.QUOTE_NONE, csv.QUOTE_STRINGS,
      csv.QUOTE_NOTNULL, csv.__version__, issubclass(csv.Error, Exception))
r = csv.reader(["a"])
print(iter(r) is r, next(r), r.line_num)
try:
    import pickle
    pickle.dumps(csv.get_dialect("excel"))
except TypeError as e:
    print(e)
