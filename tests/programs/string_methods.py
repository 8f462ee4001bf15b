# str methods: case, search, split/join, strip, pad/align, predicates,
# replace, partition, prefix/suffix, counting, formatting, encode-free.

s = "  Hello, World! Hello again.  "
t = s.strip()
print(repr(t), repr(s.lstrip()), repr(s.rstrip()), repr("xxhixx".strip("x")), repr("abcba".strip("ab")))
print(t.upper(), t.lower(), t.swapcase(), t.title(), "hello world".capitalize(), "ß".upper(), "ǅ".lower())
print(t.find("Hello"), t.find("Hello", 1), t.rfind("Hello"), t.find("zzz"), t.index("World"), t.rindex("l"))
print(t.count("l"), t.count("Hello"), t.count(""), "aaaa".count("aa"), t.count("l", 5, 12))
print(t.startswith("Hello"), t.startswith(("x", "He")), t.endswith("."), t.endswith("again", 0, -1), t.startswith("World", 7))
print(t.replace("Hello", "Bye"), t.replace("l", "L", 2), "aaa".replace("a", "bb"), "abc".replace("", "-"))

print("a,b,,c".split(","), "a b  c ".split(), "  lead".split(" "), "a,b,c".split(",", 1), "a,b,c".rsplit(",", 1))
print("line1\nline2\r\nline3\n".splitlines(), "x\ny\n".splitlines(keepends=True), "".split(), "".split(","))
print("-".join(["a", "b", "c"]), "".join(reversed("stressed")), ", ".join(str(i) for i in range(4)), "x".join("abc"))
print("key=value=x".partition("="), "key=value=x".rpartition("="), "novalue".partition("="), "novalue".rpartition("="))

print(repr("abc".center(9)), repr("abc".center(8, "*")), repr("abc".ljust(6, ".")), repr("abc".rjust(6)), repr("abc".center(2)))
print("42".zfill(5), "-42".zfill(6), "+7".zfill(4), "abc".zfill(5), repr("tab\tsep".expandtabs(4)))

print("abc".isalpha(), "abc1".isalnum(), "123".isdigit(), "12.3".isdigit(), "  ".isspace(), "".isspace())
print("Title Case".istitle(), "lower".islower(), "UPPER".isupper(), "MiXed".isupper(), "abc_1".isidentifier(), "1abc".isidentifier())
print("٣".isdigit(), "½".isnumeric(), "½".isdigit(), "x²".isdecimal(), "ascii".isascii(), "é".isascii(), "Ab".isprintable(), "\n".isprintable())

print("Hello".removeprefix("He"), "Hello".removeprefix("x"), "Hello".removesuffix("lo"), "a.py".removesuffix(".py"))
print("{} and {}".format("x", "y"), "{1}{0}{1}".format("a", "b"), "{name}:{n:03d}".format(name="id", n=7), "{:>5}|{:<5}|".format(1, 2))
print("{0[1]} {1[k]} {0!r}".format(["p", "q"], {"k": "v"}), "{:.2%}".format(0.256), "{:,}".format(10 ** 9))
print("%s is %d years, %.1f%% done, %r, %x, %5s|%-5s|" % ("Al", 30, 99.5, "q", 255, "r", "l"))
print("%(a)s-%(b)03d" % {"a": "A", "b": 5}, "%c%c" % (72, "i"), "%%")

# Iterating and building
vowels = "aeiou"
sentence = "programming in python is fun"
print("".join(ch for ch in sentence if ch not in vowels))
print({ch: sentence.count(ch) for ch in sorted(set(sentence)) if ch != " "})
print(sentence.split()[::-1], " ".join(w[::-1] for w in sentence.split()))
print(max(sentence.split(), key=len), sorted(sentence.split(), key=lambda w: (-len(w), w)))

# Character classification by ord ranges
def caesar(text, shift):
    out = []
    for ch in text:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - 97 + shift) % 26 + 97))
        elif "A" <= ch <= "Z":
            out.append(chr((ord(ch) - 65 + shift) % 26 + 65))
        else:
            out.append(ch)
    return "".join(out)

enc = caesar("Hello, World!", 3)
print(enc, caesar(enc, -3))

# str.maketrans / translate
table = str.maketrans("abc", "xyz", "!")
print("aabbcc!!".translate(table), "hello".translate({ord("l"): "L", ord("o"): None}))

# Errors
def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__ + ":", e)

attempt("index", lambda: "abc".index("z"))
attempt("rindex", lambda: "abc".rindex("z"))
attempt("split empty sep", lambda: "abc".split(""))
attempt("join ints", lambda: ",".join([1, 2]))
attempt("format missing", lambda: "{} {}".format(1))
attempt("format key", lambda: "{x}".format(y=1))
attempt("percent few", lambda: "%s %s" % ("a",))
attempt("percent many", lambda: "%s" % (1, 2))
attempt("percent type", lambda: "%d" % "x")
attempt("center fill", lambda: "a".center(5, "ab"))
attempt("startswith int", lambda: "a".startswith(1))
