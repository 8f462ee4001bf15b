# Subclasses of list and tuple that override __iter__: every consumer that iterates
# must go through the override; only exact lists and tuples take the fast paths.


class Reversed(list):
    def __iter__(self):
        items = [x for x in super().__iter__()]
        items.reverse()
        return iter(items)


class Labelled(tuple):
    def __iter__(self):
        yield "start"
        yield from super().__iter__()
        yield "end"


class Doubled(list):
    def __iter__(self):
        for x in list.__iter__(self):
            yield x
            yield x


r = Reversed([1, 2, 3])
print("list:", list(r), "tuple:", tuple(r))
print("sorted:", sorted(r), "star:", [*r], "set-size:", len(set(r)))
print("for:", [x for x in r])
a, b, c = r
print("unpack:", a, b, c)
print("join:", "-".join(map(str, r)))
print("sum/min/max:", sum(r), min(r), max(r))
print("len and index still see storage:", len(r), r[0], r[-1])

t = Labelled((10, 20))
print("labelled:", list(t), tuple(t), len(t))
print("enumerate:", list(enumerate(t)))
print("zip:", list(zip(t, "abcd")))

d = Doubled([7, 8])
print("doubled:", list(d), tuple(d), list(reversed(d)))
e = []
e.extend(d)
print("extend:", e)
e += d
print("iadd:", e)
print("dict.fromkeys:", dict.fromkeys(d))

print("exact:", list([1, 2]), tuple((3, 4)), list((5, 6)), tuple([7]))
