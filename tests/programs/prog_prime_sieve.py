# Prime numbers: Sieve of Eratosthenes, trial division, factorisation,
# twin primes, Goldbach decompositions and a segmented count.

def sieve(limit):
    is_prime = [True] * (limit + 1)
    is_prime[0] = is_prime[1] = False
    p = 2
    while p * p <= limit:
        if is_prime[p]:
            for multiple in range(p * p, limit + 1, p):
                is_prime[multiple] = False
        p += 1
    return [i for i, flag in enumerate(is_prime) if flag]

def is_prime_trial(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True

def factorize(n):
    factors = {}
    d = 2
    while d * d <= n:
        while n % d == 0:
            factors[d] = factors.get(d, 0) + 1
            n //= d
        d += 1
    if n > 1:
        factors[n] = factors.get(n, 0) + 1
    return factors

def format_factors(factors):
    parts = []
    for p in sorted(factors):
        e = factors[p]
        parts.append(str(p) if e == 1 else f"{p}^{e}")
    return " * ".join(parts)

primes = sieve(200)
print(len(primes), primes[:15], primes[-3:])
print(all(is_prime_trial(p) for p in primes), [n for n in range(200) if is_prime_trial(n)] == primes)

for n in [2, 12, 97, 360, 1001, 65536, 999999, 2 ** 31 - 1, 600851475143]:
    print(n, "=", format_factors(factorize(n)))

twins = [(p, p + 2) for p in primes if p + 2 in set(primes)]
print("twin primes:", twins[:8], "count", len(twins))

prime_set = set(sieve(1000))
def goldbach(n):
    for p in sorted(prime_set):
        if p > n // 2:
            break
        if n - p in prime_set:
            return p, n - p
    return None

print([(n, goldbach(n)) for n in range(4, 40, 6)])

# Count primes below 10**5 with the sieve and check a few known values
big = sieve(100000)
print(len(big), big[-1], sum(big) % 1000007)
gaps = {}
for a, b in zip(big, big[1:]):
    g = b - a
    gaps[g] = gaps.get(g, 0) + 1
print(sorted(gaps.items())[:6], max(gaps))

# Primes in arithmetic progressions mod 4
mod4 = {1: 0, 3: 0}
for p in big[1:]:
    mod4[p % 4] += 1
print(mod4)
