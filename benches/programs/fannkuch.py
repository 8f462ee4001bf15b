"""Fannkuch-redux: permutations by counting, prefix reversals with slices."""
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


def fannkuch(n):
    perm1 = list(range(n))
    count = [0] * n
    max_flips = 0
    checksum = 0
    sign = 1
    index = 0
    while True:
        first = perm1[0]
        if first:
            perm = perm1[:]
            flips = 0
            while first:
                perm[: first + 1] = perm[first::-1]
                flips += 1
                first = perm[0]
            if flips > max_flips:
                max_flips = flips
            checksum += flips if sign > 0 else -flips
        sign = -sign
        index += 1
        # advance to the next permutation in the counting order
        r = 1
        while r < n:
            head = perm1[0]
            perm1[:r] = perm1[1 : r + 1]
            perm1[r] = head
            count[r] += 1
            if count[r] <= r:
                break
            count[r] = 0
            r += 1
        else:
            return checksum, max_flips, index


def main():
    n = 8
    rounds = max(1, int(10 * SCALE))
    for _ in range(rounds):
        checksum, flips, perms = fannkuch(n)
    print("permutations:", perms)
    print("checksum:", checksum)
    print("Pfannkuchen(%d) = %d" % (n, flips))


main()
