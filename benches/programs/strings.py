"""String building and splitting: join, split, f-strings, %-formatting, slicing and methods."""
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0

WORDS = ["alpha", "Beta", "gamma", "DELTA", "epsilon", "zeta", "eta", "Theta",
         "iota", "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi"]


def make_line(i):
    a = WORDS[i % 16]
    b = WORDS[(i * 7 + 3) % 16]
    return f"{i:06d};{a};{b.lower()};{i * 37 % 1000:>4};{a[:3]}-{b[-2:]}"


def digest(text, acc):
    # a polynomial digest written out in Python: no hash(), identical on every platform
    for ch in text:
        acc = (acc * 33 + ord(ch)) & 0xFFFFFFFF
    return acc


def main():
    n = max(10, int(110000 * SCALE))
    lines = [make_line(i) for i in range(n)]
    doc = "\n".join(lines)
    print("document length:", len(doc))

    total = 0
    upper = 0
    joined_parts = []
    for line in doc.split("\n"):
        fields = line.split(";")
        total += int(fields[0]) + int(fields[3])
        name = fields[1].strip().capitalize()
        if name.isupper() or fields[1].upper() == fields[1]:
            upper += 1
        tag = fields[4].replace("-", "+")
        joined_parts.append("%s:%s" % (name, tag[::-1]))
    summary = ",".join(joined_parts)
    print("field total:", total, "upper:", upper)
    print("summary length:", len(summary), "prefix:", summary[:40])

    pieces = []
    for i in range(n):
        s = str(i)
        pieces.append(s.zfill(7) if i % 3 else s.center(9, "*"))
    built = "".join(pieces)
    count_star = built.count("*")
    pos = built.find("0001000")
    print("built:", len(built), "stars:", count_star, "find:", pos)

    words = doc.replace(";", " ").replace("\n", " ").split()
    starts = sum(1 for w in words if w.startswith("ka") or w.endswith("ta"))
    longest = max(words, key=len)
    print("words:", len(words), "starts/ends:", starts, "longest:", longest)
    acc = 5381
    for chunk in (doc[: n * 2], summary[-n:], built[n : n * 3]):
        acc = digest(chunk, acc)
    print("digest:", acc)


main()
