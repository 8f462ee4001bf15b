# open(): text and binary files, modes, encodings, newlines, seek/tell, iteration, errors.
import io
import posix as os  # (golden programs run without the standard library: no `os`)


def exists(path):
    try:
        os.stat(path)
        return True
    except FileNotFoundError:
        return False


T1 = 'tests/programs/_io_files_tmp1.txt'
T2 = 'tests/programs/_io_files_tmp2.bin'

f = open(T1, 'w')
print(repr(f), f.mode, f.encoding, f.name, f.closed, f.errors)
print(repr(f.buffer), f.readable(), f.writable(), f.seekable())
print(f.write('first line\n'), f.write('second\r\nthird\rfourth\n'))
f.writelines(['a\n', 'b\n'])
print(f.tell())
f.close()
print(f.closed, repr(f))
try:
    f.write('x')
except ValueError as e:
    print('ValueError:', e)

with open(T1) as f:
    print(repr(f.readline()), f.tell())
    print(repr(f.read(5)))
    print(repr(f.read()))
    print(repr(f.read()))
with open(T1, newline='') as f:
    print(f.readlines())
with open(T1, 'r', newline='\n') as f:
    print([line for line in f])
with open(T1) as f:
    for i, line in enumerate(f):
        print(i, repr(line))
print(f.closed)
with open(T1, 'a') as f:
    print(repr(f), f.tell())
    print(print('appended', 42, file=f))
with open(T1) as f:
    print(f.read().splitlines()[-1])
    print(f.seek(0), repr(f.readline()), f.seek(0, 2) > 0)

with open(T1, 'r+') as f:
    f.seek(6)
    f.write('LINE')
    f.seek(0)
    print(repr(f.readline()))
    print(f.truncate(11), f.tell())
with open(T1) as f:
    print(repr(f.read()))

# binary
with open(T2, 'wb') as f:
    print(repr(f), f.mode)
    print(f.write(b'\x00\x01hello\nworld\n'), f.write(bytearray(b'xyz')))
    print(f.tell())
with open(T2, 'rb') as f:
    print(repr(f), f.mode, repr(f.raw))
    print(f.read(2), f.tell(), f.readline(), f.read())
    print(f.seek(-3, 2), f.read(), f.seek(2), f.seek(5, 1), f.read(3))
with open(T2, 'rb') as f:
    print(list(f))
with open(T2, 'r+b') as f:
    print(repr(f), f.mode)
    f.seek(2)
    f.write(b'HE')
    f.seek(0)
    print(f.read())
f = open(T2, 'rb', buffering=0)
print(repr(f), f.mode, f.read(4))
f.close()
print(repr(f))

# encodings
for enc in ['utf-8', 'latin-1', 'utf-16', 'utf-32', 'ascii']:
    with open(T1, 'w', encoding=enc) as f:
        f.write('caf\xe9 ok' if enc != 'ascii' else 'plain')
        f.write('!\n')
    with open(T1, 'rb') as f:
        raw = f.read()
    with open(T1, encoding=enc) as f:
        print(enc, len(raw), repr(f), repr(f.read()))
with open(T1, 'w', encoding='utf-8') as f:
    f.write('\u20ac and \xe9\n')
with open(T1, encoding='ascii', errors='replace') as f:
    print(repr(f.read()), f.errors)
try:
    with open(T1, encoding='ascii') as f:
        f.read()
except UnicodeDecodeError as e:
    print('UnicodeDecodeError:', e)
with open(T1, 'w', newline='\r\n') as f:
    f.write('x\ny\n')
with open(T1, 'rb') as f:
    print(f.read())
with open(T1) as f:
    print(repr(f.read()))

# errors
for args in [('tests/programs/_io_files_nope.txt',), ('tests/programs',), (T1, 'x'), (T1, 'rw'), (T1, 'q'), (T1, 'rtb')]:
    try:
        open(*args)
    except OSError as e:
        # (errno numbers differ between platforms: print the parts that don't)
        print(type(e).__name__, e.strerror, repr(e.filename))
    except ValueError as e:
        print(type(e).__name__, e)
try:
    open(T1, 'rb', encoding='utf-8')
except ValueError as e:
    print('ValueError:', e)
try:
    open(T1, 'rb', newline='')
except ValueError as e:
    print('ValueError:', e)
try:
    open(T1, 'w', newline='x')
except ValueError as e:
    print('ValueError:', e)
try:
    open(T1, 'r', buffering=0)
except ValueError as e:
    print('ValueError:', e)
try:
    open(T1, encoding='no-such-codec')
except LookupError as e:
    print('LookupError:', e)
with open(T1, 'w') as f:
    try:
        f.read()
    except io.UnsupportedOperation as e:
        print('UnsupportedOperation:', e, isinstance(e, OSError), isinstance(e, ValueError))
with open(T1, 'r') as f:
    try:
        f.write('x')
    except io.UnsupportedOperation as e:
        print('UnsupportedOperation:', e)
with open(T1, 'w') as f:
    try:
        f.write(b'x')
    except TypeError as e:
        print('TypeError:', e)
with open(T2, 'wb') as f:
    try:
        f.read()
    except io.UnsupportedOperation as e:
        print('UnsupportedOperation:', e)
    try:
        f.write('text')
    except TypeError as e:
        print('TypeError:', e)
f = open(T1)
f.close()
for op in [f.read, f.readline, f.tell, lambda: next(iter(f))]:
    try:
        op()
    except ValueError as e:
        print('ValueError:', e)
with open(T1, 'x' if False else 'w') as f:
    pass
os.remove(T1)
with open(T1, 'x') as f:
    print(repr(f), f.mode, f.writable(), f.readable())
print(io.open is open, exists(T1))
os.remove(T1)
os.remove(T2)
print(exists(T1), exists(T2))
try:
    os.remove(T1)
except FileNotFoundError as e:
    print('FileNotFoundError:', e.strerror, e.filename)
