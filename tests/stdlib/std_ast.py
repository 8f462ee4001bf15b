# ast on hand-built trees: node classes, constructor rules, dump, visitors, unparse, literal_eval.
import ast
import copy

print(ast.AST, ast.Constant, ast.Constant.__mro__)
print(ast.Constant._fields, ast.Constant.__match_args__, ast.expr._attributes, ast.Name._attributes)
print(ast.FunctionDef._fields, ast.arguments._fields, ast.comprehension._fields)
print(ast.Constant.kind, ast.arg.type_comment, ast.expr.end_lineno, ast.AST._fields)
print(ast.Constant.__doc__)
print(issubclass(ast.BinOp, ast.expr), issubclass(ast.Add, ast.operator), isinstance(ast.Load(), ast.expr_context))
print(ast.PyCF_ONLY_AST, ast.PyCF_TYPE_COMMENTS, ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)

c = ast.Constant(1)
print(c.value, c.kind, vars(c))
n = ast.Name('x', ast.Load(), lineno=3, col_offset=4)
print(n.id, type(n.ctx).__name__, n.lineno, n.col_offset, n.end_lineno)
try:
    ast.Constant().value
except AttributeError as e:
    print('AttributeError:', e)
for args, kw in [((1, 2, 3), {}), ((1,), {'value': 2}), ((), {}), ((1,), {'extra': 5})]:
    try:
        node = ast.Constant(*args, **kw)
        print('ok', vars(node))
    except TypeError as e:
        print('TypeError:', e)
try:
    ast.Load(1)
except TypeError as e:
    print('TypeError:', e)
try:
    ast.AST(1)
except TypeError as e:
    print('TypeError:', e)

expr = ast.BinOp(ast.Constant(2), ast.Mult(), ast.BinOp(ast.Name('x', ast.Load()), ast.Add(), ast.Constant(1)))
print(ast.dump(expr))
print(ast.dump(expr, annotate_fields=False))
print(ast.unparse(expr))
mod = ast.Module(body=[
    ast.FunctionDef(
        name='f',
        args=ast.arguments(posonlyargs=[], args=[ast.arg('a'), ast.arg('b')], vararg=None, kwonlyargs=[],
                           kw_defaults=[], kwarg=None, defaults=[ast.Constant(3)]),
        body=[ast.If(test=ast.Compare(ast.Name('a', ast.Load()), [ast.Lt()], [ast.Name('b', ast.Load())]),
                     body=[ast.Return(ast.Name('a', ast.Load()))], orelse=[]),
              ast.Return(ast.Call(ast.Name('max', ast.Load()), [ast.Name('a', ast.Load()), ast.Name('b', ast.Load())], []))],
        decorator_list=[], returns=None, type_params=[]),
    ast.Assign(targets=[ast.Name('y', ast.Store())], value=ast.List([ast.Constant(1), ast.Constant('s')], ast.Load())),
], type_ignores=[])
ast.fix_missing_locations(mod)
print(ast.unparse(mod))
print(ast.dump(mod.body[1], indent=2))


class Counter(ast.NodeVisitor):
    def __init__(self):
        self.names = []

    def visit_Name(self, node):
        self.names.append(node.id)
        self.generic_visit(node)


cv = Counter()
cv.visit(mod)
print(cv.names)


class Doubler(ast.NodeTransformer):
    def visit_Constant(self, node):
        if isinstance(node.value, int):
            return ast.Constant(node.value * 2)
        return node


print(ast.unparse(Doubler().visit(copy.deepcopy(expr))), ast.unparse(expr))
print([type(x).__name__ for x in ast.walk(expr)])
print(list(ast.iter_fields(c)), [type(x).__name__ for x in ast.iter_child_nodes(expr)])
print(ast.literal_eval(ast.Tuple([ast.Constant(1), ast.UnaryOp(ast.USub(), ast.Constant(2)),
                                  ast.Dict([ast.Constant('k')], [ast.List([], ast.Load())])], ast.Load())))
print(ast.literal_eval(ast.BinOp(ast.Constant(1), ast.Add(), ast.Constant(2j))))
try:
    ast.literal_eval(ast.Name('x', ast.Load()))
except ValueError as e:
    print('ValueError:', str(e).split(':')[0])
fixed = ast.fix_missing_locations(ast.Expression(ast.Name('z', ast.Load())))
print(fixed.body.lineno, fixed.body.col_offset, ast.get_docstring(ast.Module([ast.Expr(ast.Constant('doc'))], [])))
ast.increment_lineno(fixed, 5)
print(fixed.body.lineno)
r = copy.copy(n)
print(r is not n, vars(r) == vars(n), n.__reduce__()[0] is ast.Name)

for node in [ast.BinOp(ast.Constant(1), ast.Add(), ast.Constant(2)), ast.Name('q', ast.Load()), ast.Constant('s')]:
    match node:
        case ast.BinOp(ast.Constant(a), ast.Add(), ast.Constant(b)):
            print('add', a, b)
        case ast.Name(id=ident):
            print('name', ident)
        case ast.Constant(value):
            print('const', value)
