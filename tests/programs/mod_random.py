# random: Mersenne Twister sequences for fixed seeds, and the Random methods built on them.
import random
random.seed(42)
print(random.random(), random.random())
print(random.randint(1, 100), random.randrange(10), random.randrange(0, 100, 7), random.randrange(10**30))
print(random.choice('abcdef'), random.choice([1, 2, 3]))
l = list(range(20)); random.shuffle(l); print(l)
print(random.sample(range(100), 5), random.sample('abcdefgh', 3), random.sample(range(10**6), 8))
print(random.uniform(1, 3), random.uniform(2.5, 1))
print(random.gauss(), random.gauss(10, 2), random.gauss())
print(random.choices('abc', k=5), random.choices([1, 2, 3], weights=[10, 1, 1], k=6), random.choices('xyz', cum_weights=[1, 2, 30], k=4))
print(random.getrandbits(1), random.getrandbits(32), random.getrandbits(100), random.getrandbits(0))
print(random.normalvariate(), random.expovariate(2), random.triangular(), random.triangular(0, 10, 2))
print(random.betavariate(2, 3), random.gammavariate(0.5, 1), random.gammavariate(2.5, 1), random.paretovariate(3), random.weibullvariate(1, 2), random.vonmisesvariate(1, 2), random.lognormvariate(0, 1))
print(random.randbytes(5))
random.seed('hello'); print(random.random())
random.seed(b'bytes'); print(random.random())
random.seed(-5); print(random.random())
random.seed(2**100 + 7); print(random.random())
random.seed(0); print(random.random())
random.seed('abc', version=1); print(random.random())
r = random.Random(123); print(r.random(), r.randint(1, 6))
s = r.getstate(); a = r.random(); r.setstate(s); print(a == r.random())
print(random.sample(['red', 'blue'], counts=[4, 2], k=5))
random.seed(7)
print([random.binomialvariate(20, 0.3) for _ in range(5)], [random.binomialvariate(100, 0.4) for _ in range(5)])
print(random.binomialvariate(), [random.binomialvariate(50, 0.9) for _ in range(3)], random.binomialvariate(5, 0))
for bad in (lambda: random.choice([]), lambda: random.randrange(0), lambda: random.randrange(5, 2),
            lambda: random.randrange(1, 5, 0), lambda: random.sample([1, 2], 3),
            lambda: random.sample({1, 2}, 1), lambda: random.seed([1]), lambda: random.randrange(1.5),
            lambda: random.getrandbits(-1), lambda: random.choices([1], [1, 2])):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
