# math.comb and math.perm past the small-k loop (binary splitting, then one division for comb).
import math
print(math.comb(1000, 500) % 10**30, math.perm(10**20, 40) % 10**30, math.comb(10**25 + 7, 33) % 10**30)
print(math.perm(50, 50) == math.factorial(50), math.comb(77, 76), math.perm(17, 17), math.comb(17, 0), math.perm(33, 17))
print([math.comb(40, k) for k in range(0, 41, 5)])
print(sum(math.perm(60, k) for k in range(61)) % 1000003)
