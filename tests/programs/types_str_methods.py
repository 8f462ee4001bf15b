# str methods with printed results, including non-ASCII text: splitting,
# partitioning, joining, stripping, searching, case mapping, padding,
# predicates, translate/maketrans, encode, prefixes and suffixes.

s = "  Hello, Wörld! Ünïcode ß café  "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr("xxhixx".strip("x")), repr("abcba".strip("ab")))
print("a,b,,c".split(","), "a,b,,c".split(",", 1), " a  b \t c\n".split(), "a b c".split(None, 1), "".split(), "".split(","))
print("a,b,,c".rsplit(",", 1), "  a b  c ".rsplit(None, 1), "x".split("x"), "1<>2<>3".split("<>"))
for bad in [lambda: "a".split(""), lambda: "abc".index("z"), lambda: "a".rindex("b"), lambda: ",".join([1, 2])]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
print("key=value=x".partition("="), "key=value=x".rpartition("="), "novalue".partition("="), "novalue".rpartition("="))
print("-".join(["a", "b", "c"]), "".join([]), ", ".join("xyz"), "::".join(("ß", "é")))
print("hello".replace("l", "L"), "hello".replace("l", "L", 1), "aaa".replace("", "-"), "abc".replace("b", ""))
text = "the quick brown fox jumps over the lazy dog"
print(text.find("the"), text.find("the", 1), text.rfind("the"), text.find("cat"), text.index("fox"), text.rindex("o"))
print(text.count("o"), text.count("the"), "aaaa".count("aa"), "abc".count(""), text.find("o", 10, 20))
print(text.startswith("the"), text.startswith(("a", "the")), text.endswith("dog"), text.endswith("lazy", 0, -4), text.startswith("quick", 4))
print("Hello".center(11, "*"), "Hello".ljust(8, "."), "Hello".rjust(8), "Hi".center(5), "ß".center(4, "é"))
print("42".zfill(5), "-42".zfill(6), "+7".zfill(4), "abc".zfill(2), "".zfill(3))
print(repr("a\tbc\td".expandtabs()), repr("a\tbc\td".expandtabs(4)), repr("\t".expandtabs(0)))
print("line1\nline2\r\nline3\rline4".splitlines(), "x\n\ny\n".splitlines(True), "".splitlines(), "a\x0bb\x1cc".splitlines())
print("hello wORLD's 3rd-time".title(), "hELLO world".capitalize(), "Hello World".swapcase(), "ǆungla".title())
print("Straße".upper(), "Straße".lower(), "Straße".casefold(), "İ".lower() == "i̇", "ﬁx".upper(), "ΣΑΣ".lower())
print("straße".casefold() == "STRASSE".casefold(), "Ünïcode".upper(), "ÀÉÎ".lower(), "µ".upper(), len("ﬁ".upper()))
print("abc".isalpha(), "ab1".isalnum(), "123".isdigit(), "½".isnumeric(), "½".isdigit(), "²".isdigit(), "²".isdecimal())
print("   ".isspace(), "".isspace(), "Title Case".istitle(), "UPPER".isupper(), "lower".islower(), "a1".islower())
print("valid_name".isidentifier(), "1abc".isidentifier(), "café".isidentifier(), "class".isidentifier(), "a-b".isidentifier())
print("hello".isascii(), "héllo".isascii(), "\t".isprintable(), "abc".isprintable(), "Ωmega".isalpha())
table = str.maketrans("abc", "xyz", "d")
print(table, "abcdabcd".translate(table), "hello".translate({ord("l"): None, ord("h"): "J"}))
print(str.maketrans({"a": "1", "b": None}), "banana".translate(str.maketrans({"a": "o", "n": "nn"})))
print("café".encode(), "café".encode("utf-8"), "café".encode("latin-1"), "abc".encode("ascii"), "€".encode())
print("café".encode("ascii", "replace"), "café".encode("ascii", "ignore"), "café".encode("ascii", "xmlcharrefreplace"), "café".encode("ascii", "backslashreplace"))
try:
    "café".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError:", e)
print("TestCase".removeprefix("Test"), "TestCase".removeprefix("Case"), "file.py".removesuffix(".py"), "file.py".removesuffix(".rs"))
print("{} + {} = {}".format(1, 2, 3), "{0}{1}{0}".format("ab", "-"), "{name}!".format(name="hi"), "{:>6}|{:<4}|{:^5}".format("r", "l", "c"))
print("{x} and {y[0]}".format_map({"x": 1, "y": [9]}), "%s=%d" % ("n", 5), f"{'ß'!r:>6}", "{!a}".format("é"))
print(len("héllo"), "héllo"[1], "héllo"[::-1], "ab" * 3, "é" in "café", "x" < "y", "Z" < "a", "é" > "z", min("hello"), max("hello"))
print(ord("é"), chr(233), chr(0x1F600).encode("utf-8"), ascii("naïve ☃"), repr("tab\there\n'q'\"dq\""), repr('it\'s'))
print(str(123), str(b"b"), str(None), str(1.5), str([1, "a"]), str("x"), str(b"caf\xc3\xa9", "utf-8"), str(b"\xff", "latin-1"))
try:
    str(b"\xff", "utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
print("  mixed Case  ".strip().lower().replace(" ", "_"), "a-b-c".upper().split("-")[::-1], "%-5s|%5s|" % ("ab", "cd"))
