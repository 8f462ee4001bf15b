# binascii and base64 over the native binascii; time.struct_time from a sequence (datetime,
# calendar); logging (needs _thread and sys.excepthook); _operator._compare_digest.
import base64
import binascii
import calendar
import datetime
import logging
import _operator
import sys
import time

print(binascii.hexlify(b'\x00\xffab'), binascii.b2a_hex(b'abc', '-'), binascii.hexlify(b'abcdef', b':', 2), binascii.hexlify(b'abcde', ' ', -2))
print(binascii.unhexlify('00ff6162'), binascii.a2b_hex(b'4142'))
for bad in ['abc', 'zz']:
    try:
        binascii.unhexlify(bad)
    except binascii.Error as e:
        print('Error:', e, isinstance(e, ValueError))
print(binascii.b2a_base64(b'hello'), binascii.b2a_base64(b'hi', newline=False), binascii.a2b_base64('aGVs bG8=\n'))
for bad in [b'aGVsbG8', b'aGVsb', b'a']:
    try:
        binascii.a2b_base64(bad)
    except binascii.Error as e:
        print('Error:', e)
for bad in [b'=aGk=', b'aG=k', b'aGk=x', b'aG!k']:
    try:
        binascii.a2b_base64(bad, strict_mode=True)
    except binascii.Error as e:
        print('strict Error:', e)
print(binascii.crc32(b'hello world'), binascii.crc32(b'world', binascii.crc32(b'hello ')), binascii.crc_hqx(b'abc', 0), binascii.crc32(b'x', -1))
try:
    binascii.a2b_hex('é')
except ValueError as e:
    print('ValueError:', e)
print(base64.b64encode(b'any carnal pleas'), base64.b64decode('YW55IGNhcm5hbCBwbGVhcw=='), base64.urlsafe_b64encode(b'\xfb\xff'))
print(base64.b32encode(b'hello'), base64.b32decode('NBSWY3DP'), base64.b16encode(b'\x01\xab'), base64.b16decode('01AB'))
print(base64.b85encode(b'hello'), base64.a85encode(b'hello'), base64.standard_b64decode(b'aGk='))
try:
    base64.b64decode('abc')
except binascii.Error as e:
    print('Error:', e)

t = time.struct_time((2024, 2, 29, 1, 2, 3, 3, 60, 0))
print(t, t.tm_mday, tuple(t) == (2024, 2, 29, 1, 2, 3, 3, 60, 0))
try:
    time.struct_time((1, 2))
except TypeError as e:
    print('TypeError:', e)
d = datetime.date(2024, 2, 29)
print(d.timetuple(), d + datetime.timedelta(days=1), datetime.datetime(2020, 1, 2, 3, 4, 5).strftime('%Y-%m-%d %H:%M'))
print(calendar.isleap(2024), calendar.monthrange(2024, 2), [calendar.weekday(2024, 2, 29)])
print(calendar.month(2024, 2))

logging.basicConfig(stream=sys.stdout, format='%(levelname)s:%(name)s:%(message)s', level=logging.INFO)
log = logging.getLogger('app')
log.info('started %d', 3)
log.debug('hidden')
log.warning('careful: %s', 'x')
try:
    1 / 0
except ZeroDivisionError:
    log.exception('failed')

print(_operator._compare_digest(b'abc', b'abc'), _operator._compare_digest('ab', 'ac'), _operator._compare_digest(b'a', bytearray(b'ab')))
try:
    _operator._compare_digest('a', b'a')
except TypeError as e:
    print('TypeError:', e)
