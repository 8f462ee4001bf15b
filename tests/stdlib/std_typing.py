# typing.py over _typing.
import typing
from typing import (Any, Callable, ClassVar, Dict, Final, Generic, List, Literal, NamedTuple, Optional,
                    Protocol, Tuple, TypedDict, TypeVar, Union, get_args, get_origin, get_type_hints,
                    runtime_checkable, cast, overload, ParamSpec, TypeVarTuple, Annotated, Sequence)

print(List[int], Dict[str, List[int]], Optional[int], Union[int, str], Union[int, None, str])
print(Tuple[int, ...], Callable[[int, str], bool], Callable[..., int], Literal['a', 1], ClassVar[int])
print(Annotated[int, 'meta'], Final[str], typing.Type[int], Sequence[str], list[int], dict[str, int] | None)
print(Union[int, int], Union[int, Union[str, int]], Optional[Union[int, str]])
print(get_origin(List[int]), get_args(Dict[str, int]), get_origin(Union[int, str]), get_args(Callable[[int], str]))
print(int | str, typing.Any, repr(typing.NoReturn), typing.Never, typing.Self, typing.LiteralString)

T = TypeVar('T')
K = TypeVar('K', bound=str)
N = TypeVar('N', int, float)
T_co = TypeVar('T_co', covariant=True)
print(T, K.__bound__, N.__constraints__, T_co, T.__name__, T | int, List[T], Dict[K, T][str, int])
P = ParamSpec('P')
Ts = TypeVarTuple('Ts')
print(P, P.args, P.kwargs, P.args.__origin__ is P, Ts, Callable[P, int], Tuple[int, *Ts])

class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item
    def get(self) -> T:
        return self.item

b = Box[int](3)
print(Box[int], Box.__parameters__, b.get(), Box[str].__origin__ is Box, type(b).__name__)

class Pair[A, B]:
    def __init__(self, a: A, b: B):
        self.a, self.b = a, b

print(Pair.__type_params__, Pair[int, str], Pair.__mro__[1:])
type Alias[X] = list[X]
print(Alias, Alias.__value__, Alias.__type_params__, Alias[int])

def first[X: (int, str)](xs: list[X]) -> X:
    return xs[0]

print(first.__type_params__, first.__type_params__[0].__constraints__, first([4, 5]))

class Employee(NamedTuple):
    name: str
    dept: str = 'eng'
    salary: int = 0

e = Employee('ann', salary=10)
print(e, e._fields, e._field_defaults, Employee.__annotations__, e._replace(dept='ops'))

class Movie(TypedDict, total=False):
    title: str
    year: int

class Movie2(Movie):
    rating: float

m: Movie = {'title': 'x'}
print(m, Movie.__required_keys__, sorted(Movie2.__optional_keys__), Movie2.__total__, Movie2.__annotations__)

@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...

class F:
    def close(self):
        pass

print(isinstance(F(), Closer), Closer.__protocol_attrs__ if hasattr(Closer, '__protocol_attrs__') else '')

# (String annotations need ForwardRef, which compiles source: not available on pyvm.)
class Node:
    val: int
    nxt: Optional[int]
    tags: List[str]

def f(a: int, b: str = 'x') -> Dict[str, int]:
    return {}

print(get_type_hints(f), get_type_hints(Node))
print(cast(int, 'x'), typing.TYPE_CHECKING, typing.assert_type(5, int), typing.reveal_type.__name__)

@overload
def g(x: int) -> int: ...
@overload
def g(x: str) -> str: ...
def g(x):
    return x

print(g('y'), len(typing.get_overloads(g)))
print(Union[int](), repr(Union[int, str]), Union[int, str] == Union[str, int])
try:
    class Bad(Generic[T], Generic[K]):
        pass
except TypeError as e:
    print('TypeError:', e)
