# String basics: literals, escapes, indexing, slicing, concatenation,
# repetition, comparison, membership, iteration and repr quoting.

s = "Hello, World"
print(s, len(s), s[0], s[-1], s[4], s[-5])
print(s[0:5], s[7:], s[:-7], s[::2], s[::-1], s[1:10:3], s[-3:-1])
print(s[100:], s[5:2], repr(s[20:30]))
print(s + "!", s * 2, 3 * "ab", "" * 5, "x" * 0, "x" * -2)
print("World" in s, "world" in s, "" in s, "lo, W" in s, "z" not in s)

# Comparisons
words = ["apple", "Apple", "banana", "app", "", "b", "apples"]
for w in words:
    print(repr(w), w < "apple", w == "apple", w >= "b")
print(sorted(words))
print(min(words), max(words))

# Escapes and repr
print("tab\there", "new\nline", "back\\slash", "quote\"s", 'single\'s')
print(repr("tab\there"), repr("new\nline"), repr("back\\slash"))
print(repr("it's"), repr('say "hi"'), repr("both ' and \""), repr(""))
print(repr("\x00\x01\x7f"), repr("\r\x0b\x0c"), repr("caf\u00e9"), repr("\u20ac"))
print("caf\u00e9", "\u20ac", "\U0001F600", len("\U0001F600"), len("caf\u00e9"))
print(repr("\ud800"), repr("\x80\xff"), repr("\u200b"), repr("\xa0"))
print(r"raw\nstring", len(r"\n"), """triple
quoted""", '''another''')
print("implicit" " concatenation", "a" 'b' """c""")

# Iteration and indexing
for ch in "abc":
    print(ch, ord(ch), end=" ")
print()
chars = []
i = 0
while i < len(s):
    chars.append(s[i].upper() if i % 2 == 0 else s[i].lower())
    i += 1
print("".join(chars))

# Conversions
print(str(42), str(-3.5), str(True), str(None), str([1, "a"]), str((1,)))
print(repr(42), repr("42"), repr([1, "a", 'b"c']), repr({"k": "v"}))
print(chr(65), chr(0x263A), ord("A"), ord("\u263a"), ord("\U0001F600"))

# Errors
def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)

attempt("index", lambda: s[50])
attempt("neg index", lambda: s[-50])
attempt("assign", lambda: s.__setitem__(0, "h"))
attempt("add int", lambda: "a" + 1)
attempt("mul str", lambda: "a" * "b")
attempt("mul float", lambda: "a" * 2.0)
attempt("ord long", lambda: ord("ab"))
attempt("ord empty", lambda: ord(""))
attempt("chr big", lambda: chr(0x110000))
attempt("chr neg", lambda: chr(-1))
attempt("lt", lambda: "a" < 1)
attempt("in int", lambda: 1 in "abc")

# String building in a loop
acc = ""
for n in range(5):
    acc += str(n) * n
print(acc, len(acc))
lines = "one\ntwo\n\nthree"
for idx, line in enumerate(lines.split("\n")):
    print(idx, repr(line), len(line))
print(hash("") == 0)
