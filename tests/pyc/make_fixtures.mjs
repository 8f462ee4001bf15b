// Regenerates the loader's own fixtures with CPython 3.12 (pyodide):
//   PYODIDE=/tmp/pyo/node_modules/pyodide node tests/pyc/make_fixtures.mjs tests/pyc
// For each src/NAME.py it writes NAME.pyc (timestamp header, mtime 0), and NAME.locations: for
// every code object (module first, then constants depth-first) list(co_positions()),
// list(co_lines()) and dis._parse_exception_table(). It also writes hash-based variants of
// constants.py: constants.checked.pyc and constants.unchecked.pyc.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const pyodideDir = process.env.PYODIDE ?? "/tmp/pyo/node_modules/pyodide";
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);

const outDir = process.argv[2];
const py = await loadPyodide();
py.FS.mkdirTree("/fx/src");
const names = fs.readdirSync(path.join(outDir, "src")).filter((n) => n.endsWith(".py")).sort();
for (const n of names) {
  py.FS.writeFile("/fx/src/" + n, fs.readFileSync(path.join(outDir, "src", n)));
}
py.globals.set("names", py.toPy(names));
py.runPython(`
import dis, os, py_compile, sys
assert sys.version_info[:2] == (3, 12), sys.version

def fmt(v):
    return "-" if v is None else str(v)

def walk(code, out):
    out.append(f"code {code.co_qualname} {code.co_firstlineno}")
    for p in code.co_positions():
        out.append("p " + " ".join(fmt(v) for v in p))
    for s, e, l in code.co_lines():
        out.append(f"l {s} {e} {fmt(l)}")
    for x in dis._parse_exception_table(code):
        out.append(f"e {x.start} {x.end} {x.target} {x.depth} {int(x.lasti)}")
    for c in code.co_consts:
        if hasattr(c, "co_code"):
            walk(c, out)

for name in names:
    stem = name[:-3]
    src = "/fx/src/" + name
    os.utime(src, (0, 0))
    py_compile.compile(src, "/fx/" + stem + ".pyc", "tests/pyc/src/" + name, doraise=True)
    with open(src, "rb") as fh:
        code = compile(fh.read(), "tests/pyc/src/" + name, "exec")
    out = []
    walk(code, out)
    with open("/fx/" + stem + ".locations", "w") as fh:
        fh.write("\\n".join(out) + "\\n")

for mode, tag in ((py_compile.PycInvalidationMode.CHECKED_HASH, "checked"),
                  (py_compile.PycInvalidationMode.UNCHECKED_HASH, "unchecked")):
    py_compile.compile("/fx/src/constants.py", f"/fx/constants.{tag}.pyc",
                       "tests/pyc/src/constants.py", doraise=True, invalidation_mode=mode)
`);
for (const f of py.FS.readdir("/fx")) {
  if (f.endsWith(".pyc") || f.endsWith(".locations")) {
    fs.writeFileSync(path.join(outDir, f), py.FS.readFile("/fx/" + f));
  }
}
console.log("wrote fixtures for", names.join(", "));
