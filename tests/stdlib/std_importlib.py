# importlib.util: find_spec without importing, module_from_spec, resolve_name, cache paths;
# zipfile (which imports importlib.util) writes a stored archive in memory (reading one back
# needs the cp437 codec).
import importlib
import importlib.util
import io
import sys
import zipfile

print('textwrap' in sys.modules)
spec = importlib.util.find_spec('textwrap')
print(spec.name, spec.parent, spec.origin.endswith('textwrap.py'), spec.submodule_search_locations)
print('textwrap' in sys.modules)
pkg = importlib.util.find_spec('json')
print(pkg.name, pkg.parent, [p.endswith('json') for p in pkg.submodule_search_locations])
sub = importlib.util.find_spec('json.decoder')
print(sub.name, sub.parent, sub.origin.endswith('decoder.py'))
print(importlib.util.find_spec('no_such_module_xyz'), importlib.util.find_spec('json.nope'))
print(importlib.util.find_spec('sys').origin, importlib.util.find_spec('sys') is sys.__spec__)
print(importlib.util.find_spec('.decoder', 'json').name)
try:
    importlib.util.find_spec('textwrap.x')
except ModuleNotFoundError as e:
    print('ModuleNotFoundError:', e)
mod = importlib.util.module_from_spec(spec)
print(type(mod).__name__, mod.__name__, mod.__spec__ is spec, mod.__file__ == spec.origin, hasattr(mod, 'dedent'))
print(importlib.util.resolve_name('..b', 'a.c.d'), importlib.util.resolve_name('x', None))
try:
    importlib.util.resolve_name('.x', None)
except ImportError as e:
    print('ImportError:', e)
print(importlib.util.cache_from_source('/a/b/m.py'), importlib.util.cache_from_source('/a/m.py', optimization=2))
print(importlib.util.source_from_cache('/a/b/__pycache__/m.cpython-312.pyc'))
print(importlib.util.MAGIC_NUMBER)

buf = io.BytesIO()
with zipfile.ZipFile(buf, 'w') as z:
    z.writestr('a.txt', 'hello zip')
    z.writestr('d/b.bin', bytes(range(10)))
    print(z.namelist(), [(i.filename, i.file_size, i.CRC) for i in z.infolist()])
data = buf.getvalue()
print(data[:4], len(data))

# spec_from_file_location + module_from_spec + loader.exec_module on a sourceless .pyc.
hs = importlib.util.spec_from_file_location('helper', 'tests/stdlib/std_importlib_helper.pyc')
print(hs.name, type(hs.loader).__name__, hs.origin.endswith('tests/stdlib/std_importlib_helper.pyc'), hs.has_location)
hm = importlib.util.module_from_spec(hs)
hs.loader.exec_module(hm)
print(hm.VALUE, hm.double(4), hm.__name__, 'helper' in sys.modules)
print(importlib.util.spec_from_file_location('x', 'data.txt'))
