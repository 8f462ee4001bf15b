# A plugin for examples/embed_plugins.rs: counts words.
NAME = "wordcount"


def handle(text):
    counts = {}
    for word in text.lower().split():
        word = word.strip(".,;:!?")
        if word:
            counts[word] = counts.get(word, 0) + 1
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    return ", ".join(f"{w}={c}" for w, c in top)
