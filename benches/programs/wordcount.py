"""Word counting with dicts and sets: get/setdefault, membership, set algebra, sorted items.
Sets of strings are never printed (their order depends on the hash seed)."""
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "qua", "pri", "sto"]


def make_vocabulary(size):
    vocab = []
    for i in range(size):
        word = ""
        k = i
        while True:
            word += SYLLABLES[k % 12]
            k //= 12
            if k == 0:
                break
        vocab.append(word)
    return vocab


def make_text(vocab, n):
    x = 1
    out = []
    size = len(vocab)
    for _ in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        # squaring the uniform value skews the distribution towards small indices
        u = (x >> 8) % 4096
        out.append(vocab[u * u * size // 16777216])
    return out


def main():
    n = max(100, int(500000 * SCALE))
    vocab = make_vocabulary(3000)
    text = make_text(vocab, n)

    counts = {}
    for w in text:
        counts[w] = counts.get(w, 0) + 1
    by_first = {}
    for w in counts:
        by_first.setdefault(w[-3:], []).append(w)

    seen = set()
    repeats = 0
    for w in text:
        if w in seen:
            repeats += 1
        else:
            seen.add(w)
    even = {w for i, w in enumerate(text[: n // 40]) if i % 3 != 0}
    odd = {w for w in text[n // 40 : n // 20] if len(w) > 4}
    both = even & odd
    either = even | odd
    only_even = even - odd
    sym = even ^ odd
    print("words:", len(text), "distinct:", len(counts), "repeats:", repeats)
    print("sets:", len(both), len(either), len(only_even), len(sym))
    print("prefix groups:", len(by_first), "largest:", max(len(v) for v in by_first.values()))
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
    for word, c in top:
        print("  %-12s %d" % (word, c))
    print("sorted sample:", sorted(only_even)[:5])
    pairs = {}
    for a, b in zip(text, text[1:]):
        key = (a, b)
        pairs[key] = pairs.get(key, 0) + 1
    best = max(pairs.items(), key=lambda kv: (kv[1], kv[0]))
    print("bigrams:", len(pairs), "most common:", best)


main()
