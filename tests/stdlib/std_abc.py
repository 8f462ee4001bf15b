# abc from the standard library (abstractclassmethod subclasses classmethod).
import abc


class Base(abc.ABC):
    @abc.abstractmethod
    def run(self):
        ...

    @classmethod
    @abc.abstractmethod
    def make(cls):
        ...

    @abc.abstractclassmethod
    def old(cls):
        ...


class Impl(Base):
    def run(self):
        return 'run'

    @classmethod
    def make(cls):
        return cls()

    @classmethod
    def old(cls):
        return cls.__name__


try:
    Base()
except TypeError as e:
    print('TypeError:', e)
print(Impl.make().run(), Impl.old(), isinstance(Impl(), Base))
print(sorted(Base.__abstractmethods__), Impl.__abstractmethods__)


class cached(property):
    pass


class sm(staticmethod):
    pass


class K:
    @cached
    def v(self):
        return 5

    @sm
    def s(x):
        return x * 3


print(K().v, K.s(2), type(K.__dict__['v']).__name__)
