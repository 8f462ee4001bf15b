# Subclassing builtins: class Stack(list), class Config(dict) with
# __missing__ and attribute access, class MyError(ValueError) with extra
# fields, str/int subclasses, and which operations keep the subclass type.

class Stack(list):
    def push(self, item):
        self.append(item)
        return self
    def peek(self):
        if not self:
            raise IndexError("peek at empty stack")
        return self[-1]
    def __repr__(self):
        return f"Stack({list.__repr__(self)})"

s = Stack([1, 2])
s.push(3).push(4)
print(s, len(s), s.peek(), s.pop(), s, isinstance(s, list), type(s).__name__)
print(type(s + [9]).__name__, type(s[:2]).__name__, type(s * 2).__name__, type(sorted(s)).__name__)
s += [7]
print(type(s).__name__, s, s == [1, 2, 3, 7], list(reversed(s)), sum(s))
try:
    Stack().peek()
except IndexError as e:
    print("IndexError:", e)
s.sort(reverse=True)
print(s, s.index(3), s.count(7), 2 in s, s[1:3])

class Config(dict):
    def __missing__(self, key):
        return f"<default for {key}>"
    def __getattr__(self, name):
        try:
            return self[name] if name in self else self.__missing__(name)
        except KeyError:
            raise AttributeError(name) from None
    def __setattr__(self, name, value):
        self[name] = value

c = Config(host="localhost", port=8080)
c.debug = True
print(c, c.host, c.port, c["missing"], c.missing, c.get("missing", "get ignores __missing__"))
print(sorted(c), len(c), type(c).__name__, isinstance(c, dict), "debug" in c)
merged = c | {"port": 9}
print(type(merged).__name__, merged)
c |= {"port": 1}
print(type(c).__name__, c["port"], type(c.copy()).__name__, dict(c) == c)

class Counter(dict):
    def __missing__(self, key):
        self[key] = 0
        return 0
words = "the cat and the hat and the bat".split()
cnt = Counter()
for w in words:
    cnt[w] += 1
print(cnt, max(cnt, key=cnt.get))

class MyError(ValueError):
    def __init__(self, message, code):
        super().__init__(message)
        self.code = code

try:
    raise MyError("bad value", 42)
except ValueError as e:
    print(type(e).__name__, e, e.code, e.args, repr(e), isinstance(e, Exception))

class Detailed(MyError):
    def __str__(self):
        return f"[{self.code}] {self.args[0]}"
try:
    raise Detailed("oops", 7)
except MyError as e:
    print(str(e), repr(e), [c.__name__ for c in type(e).__mro__])

class NoArgs(Exception):
    pass
print(repr(NoArgs()), str(NoArgs()), repr(NoArgs(1, 2)), str(NoArgs(1, 2)), str(NoArgs("one")))

class Upper(str):
    def __new__(cls, value):
        return super().__new__(cls, value.upper())
    def shout(self):
        return self + "!"
u = Upper("hello")
print(u, repr(u), u.shout(), type(u.shout()).__name__, type(u.lower()).__name__, u == "HELLO", len(u))

class Celsius(float):
    def __repr__(self):
        return f"{float(self):.1f}°C"
t = Celsius(21.456)
print(t, repr(t), [t], t + 1, type(t + 1).__name__, round(t, 1))

class Even(int):
    def __new__(cls, v):
        if v % 2:
            raise ValueError(f"{v} is odd")
        return super().__new__(cls, v)
print(Even(4), Even(4) + 1, type(Even(4) * 2).__name__, isinstance(Even(2), int))
try:
    Even(3)
except ValueError as e:
    print("ValueError:", e)

class Pair(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))
    @property
    def first(self):
        return self[0]
pr = Pair(1, "x")
print(pr, pr.first, len(pr), pr == (1, "x"), type(pr[:]).__name__)
