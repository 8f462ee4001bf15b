"""Sizes from Python code that no allocator can satisfy give MemoryError (or CPython's
OverflowError), never an abort. Expected output: native 64-bit CPython 3.12 (pyodide is 32-bit)."""
import random
try:
    b'x'.zfill(10**15)
    print("b'x'.zfill(10**15)", 'ok')
except Exception as e:
    print("b'x'.zfill(10**15)", type(e).__name__, e)
try:
    'x'.zfill(10**15)
    print("'x'.zfill(10**15)", 'ok')
except Exception as e:
    print("'x'.zfill(10**15)", type(e).__name__, e)
try:
    'x' * 10**15
    print("'x' * 10**15", 'ok')
except Exception as e:
    print("'x' * 10**15", type(e).__name__, e)
try:
    [0] * 10**15
    print('[0] * 10**15', 'ok')
except Exception as e:
    print('[0] * 10**15', type(e).__name__, e)
try:
    (1,) * 10**15
    print('(1,) * 10**15', 'ok')
except Exception as e:
    print('(1,) * 10**15', type(e).__name__, e)
try:
    bytes(10**15)
    print('bytes(10**15)', 'ok')
except Exception as e:
    print('bytes(10**15)', type(e).__name__, e)
try:
    bytearray(10**15)
    print('bytearray(10**15)', 'ok')
except Exception as e:
    print('bytearray(10**15)', type(e).__name__, e)
try:
    'x'.center(10**15)
    print("'x'.center(10**15)", 'ok')
except Exception as e:
    print("'x'.center(10**15)", type(e).__name__, e)
try:
    b'x'.center(10**15)
    print("b'x'.center(10**15)", 'ok')
except Exception as e:
    print("b'x'.center(10**15)", type(e).__name__, e)
try:
    'x'.ljust(10**15)
    print("'x'.ljust(10**15)", 'ok')
except Exception as e:
    print("'x'.ljust(10**15)", type(e).__name__, e)
try:
    '%*d' % (10**15, 1)
    print("'%*d' % (10**15, 1)", 'ok')
except Exception as e:
    print("'%*d' % (10**15, 1)", type(e).__name__, e)
try:
    format(1, '1000000000000000d')
    print("format(1, '1000000000000000d')", 'ok')
except Exception as e:
    print("format(1, '1000000000000000d')", type(e).__name__, e)
try:
    format('s', '>1000000000000000')
    print("format('s', '>1000000000000000')", 'ok')
except Exception as e:
    print("format('s', '>1000000000000000')", type(e).__name__, e)
try:
    f'{1.5:1000000000000000}'
    print("f'{1.5:1000000000000000}'", 'ok')
except Exception as e:
    print("f'{1.5:1000000000000000}'", type(e).__name__, e)
try:
    random.getrandbits(10**15)
    print('random.getrandbits(10**15)', 'ok')
except Exception as e:
    print('random.getrandbits(10**15)', type(e).__name__, e)
