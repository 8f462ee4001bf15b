# random.py over _random: seeded sequences equal CPython's.
import random

random.seed(42)
print(random.random(), random.random())
print(random.randint(1, 100), random.randrange(0, 100, 5), random.choice('abcdefg'))
items = list(range(10))
random.shuffle(items)
print(items)
print(random.sample(range(100), 5), random.sample('abcdef', k=3))
print(random.gauss(0, 1), random.gauss(10, 2))
print(random.uniform(1, 2), random.triangular(0, 10, 3), random.betavariate(2, 3))
print(random.expovariate(1.5), random.normalvariate(5, 1), random.lognormvariate(0, 0.5))
print(random.choices('abc', weights=[1, 2, 3], k=6), random.choices(range(5), k=3))
print(random.getrandbits(70), random.randbytes(5), random.vonmisesvariate(1, 2))
print(random.paretovariate(3), random.weibullvariate(1, 2), random.gammavariate(2, 1))
print(random.binomialvariate(10, 0.3))

r = random.Random(2024)
state = r.getstate()
first = [r.random() for _ in range(3)]
r.setstate(state)
print(first == [r.random() for _ in range(3)], state[0], len(state[1]))
r.seed('a string seed')
print(r.random())
r.seed(b'bytes seed')
print(r.random())
r.seed(2 ** 100 + 7)
print(r.random())
r2 = random.Random()
r2.seed(-12345)
print(r2.randint(0, 10 ** 30))

class Mine(random.Random):
    def random(self):
        return 0.5

print(Mine(1).choice([1, 2, 3]), Mine(1).uniform(0, 4))
try:
    random.choice([])
except IndexError as e:
    print('IndexError:', e)
try:
    random.sample([1, 2], 3)
except ValueError as e:
    print('ValueError:', e)
