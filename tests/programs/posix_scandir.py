"""posix.scandir over tests/fixtures/scandir (files, a directory, a symlink and a dangling one),
and io.text_encoding. Entries come in directory order, so they are sorted here."""
import io
import posix

ROOT = "tests/fixtures/scandir"
with posix.scandir(ROOT) as it:
    entries = sorted(it, key=lambda e: e.name)
for e in entries:
    size = e.stat().st_size if e.is_file() else "-"
    print(repr(e), e.name, e.path, e.is_dir(), e.is_file(), e.is_symlink(),
          e.is_dir(follow_symlinks=False), e.is_file(follow_symlinks=False), size,
          e.__fspath__() == e.path, type(e.inode()).__name__)
print(sorted(e.name for e in posix.scandir(ROOT + "/")), [e.path for e in posix.scandir(ROOT + "/sub")])
print(sorted((e.name, e.path) for e in posix.scandir(ROOT.encode()))[:2])
it = posix.scandir(ROOT)
first = next(it)
it.close()
try:
    next(it)
except StopIteration:
    print("closed", type(first).__name__, type(it).__name__)
try:
    posix.scandir(ROOT + "/missing")
except FileNotFoundError as exc:
    print(type(exc).__name__, exc.strerror, exc.filename)
dangling = [e for e in entries if e.name == "dangling"][0]
try:
    dangling.stat()
except FileNotFoundError as exc:
    print("dangling:", exc.strerror, exc.filename)
for call in (lambda: entries[0].is_dir(True), lambda: posix.scandir(5.0)):
    try:
        call()
    except TypeError as exc:
        print(exc)
print(io.text_encoding(None), io.text_encoding("utf-8"), io.text_encoding(None, 3))
with open(ROOT + "/alpha.txt", encoding="locale") as f:
    print(repr(f.read()), f.encoding)
