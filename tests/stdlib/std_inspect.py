# inspect without source files: signatures, binding, predicates, members, docs, getattr_static.
import functools
import inspect


def f(a, b: int = 2, *args, c, d='x', **kw) -> str:
    """Do things.

        Indented detail.
    """
    return 'r'


async def co():
    pass


def gen():
    yield 1


class Base:
    """Base doc."""
    attr = 1

    def method(self, x, /, y=0):
        return x + y

    @classmethod
    def cm(cls, z):
        return z

    @staticmethod
    def sm(q, *, r=1):
        return q

    @property
    def prop(self):
        return 5


class Child(Base):
    def __init__(self, v, w=3):
        self.v = v


sig = inspect.signature(f)
print(sig, sig.return_annotation, list(sig.parameters))
for p in sig.parameters.values():
    print(p.name, p.kind, p.default is inspect.Parameter.empty, p.annotation)
ba = sig.bind(1, c=3, extra=4)
ba.apply_defaults()
print(ba.arguments, ba.args, ba.kwargs)
try:
    sig.bind(1)
except TypeError as e:
    print('TypeError:', e)
print(inspect.signature(Base.method), inspect.signature(Base().method), inspect.signature(Base.cm))
print(inspect.signature(Base.sm), inspect.signature(Child), inspect.signature(lambda *, k: k))
print(inspect.signature(functools.partial(f, 1, c=2)))


@functools.wraps(f)
def wrapper(*a, **k):
    return f(*a, **k)


print(inspect.signature(wrapper), inspect.unwrap(wrapper) is f)
print(inspect.isfunction(f), inspect.isclass(Base), inspect.ismethod(Base().method), inspect.isroutine(len))
print(inspect.iscoroutinefunction(co), inspect.isgeneratorfunction(gen), inspect.isgenerator(gen()))
print(inspect.isbuiltin(len), inspect.ismodule(inspect), inspect.isabstract(Base))
print(inspect.getmro(Child))
print([n for n, _ in inspect.getmembers(Child) if not n.startswith('__')])
print([n for n, _ in inspect.getmembers(Child, inspect.isfunction)])
print(inspect.getdoc(f))
print(repr(inspect.cleandoc('  a\n    b\n  c')), inspect.getdoc(Child))
print(type(inspect.getattr_static(Child, 'prop')), inspect.getattr_static(Base, 'attr'), inspect.getattr_static(Child(1), 'v'))
print(type(inspect.getattr_static(Base, 'cm')), inspect.getattr_static(Base, 'missing', 'dflt'))
import abc


class Abstract(abc.ABC):
    @abc.abstractmethod
    def run(self):
        pass


print(inspect.isabstract(Abstract), inspect.isabstract(Child), bool(int.__flags__ & (1 << 24)), bool(Child.__flags__ & (1 << 9)))
print(inspect.getfullargspec(f))
print(inspect.getcallargs(f, 1, 2, 3, c=4))
print(inspect.Parameter('p', inspect.Parameter.KEYWORD_ONLY, default=1), inspect.Signature([inspect.Parameter('z', inspect.Parameter.POSITIONAL_ONLY)]))
print(inspect.getmodulename('pkg/mod.py'), inspect.getmodulename('x.txt'))
