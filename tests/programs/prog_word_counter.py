# A word-frequency counter: normalisation, counting with dicts, ties broken
# alphabetically, bigrams, and a simple text histogram.

TEXT = """
It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief, it was
the epoch of incredulity, it was the season of Light, it was the season of
Darkness, it was the spring of hope, it was the winter of despair.
"""

def tokenize(text):
    words = []
    current = []
    for ch in text.lower():
        if ch.isalpha() or ch == "'":
            current.append(ch)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words

def count(words):
    counts = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return counts

def top(counts, n):
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]

words = tokenize(TEXT)
print("words:", len(words), "distinct:", len(count(words)))
counts = count(words)
for word, c in top(counts, 8):
    print(f"{word:>8} {c:3} {'#' * c}")

# Words that appear exactly once, alphabetically
once = sorted(w for w, c in counts.items() if c == 1)
print("hapax:", once)

# Bigram counts
bigrams = {}
for a, b in zip(words, words[1:]):
    key = a + " " + b
    bigrams[key] = bigrams.get(key, 0) + 1
print("top bigrams:", top(bigrams, 5))

# Group words by length
by_len = {}
for w in sorted(counts):
    by_len.setdefault(len(w), []).append(w)
for length in sorted(by_len):
    print(length, by_len[length])

# Letter frequencies (sorted by letter to be deterministic)
letters = {}
for w in words:
    for ch in w:
        letters[ch] = letters.get(ch, 0) + 1
print("".join(f"{ch}{letters[ch]} " for ch in sorted(letters)).rstrip())
most = max(letters.items(), key=lambda kv: (kv[1], kv[0]))
print("most common letter:", most)

# Sentence stats
sentences = [s.strip() for s in TEXT.replace("\n", " ").split(",") if s.strip()]
print("clauses:", len(sentences))
print("longest clause:", max(sentences, key=len))
avg = sum(len(tokenize(s)) for s in sentences) / len(sentences)
print(f"average words per clause: {avg:.3f}")
