# argparse from the standard library: parsing given argv lists, help text, errors.
import os
import sys
os.environ['COLUMNS'] = '80'
import argparse
import shutil

print(shutil.get_terminal_size((70, 20)))
ts = os.terminal_size((100, 30))
print(ts, ts.columns, ts.lines, tuple(ts), isinstance(ts, tuple))
try:
    os.terminal_size((1, 2, 3))
except TypeError as e:
    print('TypeError:', e)

p = argparse.ArgumentParser(prog='tool', description='A small tool that does things.',
                            epilog='See the docs for more.')
p.add_argument('files', nargs='*', help='input files')
p.add_argument('-v', '--verbose', action='count', default=0, help='more output')
p.add_argument('-n', '--number', type=int, default=3, metavar='N', help='how many (default: %(default)s)')
p.add_argument('--mode', choices=['fast', 'slow'], default='fast')
p.add_argument('--flag', action='store_true')
p.add_argument('--no-color', dest='color', action='store_false')
p.add_argument('-I', '--include', action='append', default=[])
p.add_argument('--pair', nargs=2, type=float)
g = p.add_mutually_exclusive_group()
g.add_argument('--json', action='store_true')
g.add_argument('--xml', action='store_true')
print(p.parse_args([]))
print(p.parse_args(['a.txt', 'b.txt', '-vv', '-n', '7', '--mode=slow', '--flag', '--no-color',
                    '-I', 'x', '-Iy', '--pair', '1.5', '2', '--json']))
ns, rest = p.parse_known_args(['--unknown', 'f', '-v'])
print(ns, rest)
print(p.format_help())
print(p.format_usage())

sub = argparse.ArgumentParser(prog='git')
sp = sub.add_subparsers(dest='cmd', required=True)
c = sp.add_parser('commit', help='record changes')
c.add_argument('-m', '--message', required=True)
sp.add_parser('status', help='show status')
print(sub.parse_args(['commit', '-m', 'hi']))
print(sub.parse_args(['status']))
print(sub.format_help())

# Errors go to stderr and exit with status 2.
for argv in [['-n', 'x'], ['--mode', 'medium'], ['--json', '--xml'], ['--pair', '1']]:
    try:
        p.parse_args(argv)
    except SystemExit as e:
        print('exit', e.code)
try:
    sub.parse_args([])
except SystemExit as e:
    print('exit', e.code)
p2 = argparse.ArgumentParser(prog='p2', exit_on_error=False)
p2.add_argument('--k', type=int)
try:
    p2.parse_args(['--k', 'z'])
except argparse.ArgumentError as e:
    print('ArgumentError:', e)
sys.stdout.flush()
p.parse_args(['--bogus'])
