# weakref.getweakrefcount / getweakrefs and the shared callback-less ref and proxy: the
# order CPython keeps an object's weak references in, subclasses never shared, dead entries
# dropped, and address reuse after a referent dies.
import weakref, gc


class C:
    def __call__(self):
        return "called"


class R(weakref.ref):
    pass


c = C()
r1 = weakref.ref(c)
r2 = weakref.ref(c)
print(r1 is r2, weakref.getweakrefcount(c), len(weakref.getweakrefs(c)))
r3 = weakref.ref(c, lambda r: None)
print(r3 is r1, weakref.getweakrefcount(c), weakref.getweakrefs(c) == [r1, r3])
r4 = weakref.ref(c, lambda r: None)
print(weakref.getweakrefs(c) == [r1, r4, r3])
p = weakref.proxy(c)
p2 = weakref.proxy(c)
print(p is p2, weakref.getweakrefcount(c))
refs = weakref.getweakrefs(c)
print(refs[0] is r1, refs[1] is p, refs[2] is r4, refs[3] is r3, p())
s1 = R(c)
s2 = R(c)
print(s1 is s2, s1 is r1, weakref.getweakrefcount(c), weakref.getweakrefs(c)[2] is s2)
del refs
del r1, r2
print(weakref.getweakrefcount(c), weakref.getweakrefs(c)[0] is p)
n = weakref.ref(c)
print(weakref.getweakrefs(c)[0] is n, weakref.getweakrefs(c)[1] is p)
print(weakref.getweakrefcount(5), weakref.getweakrefs("x"), weakref.getweakrefcount([]))
gc.collect()


class D:
    pass


objs = [D() for _ in range(200)]
ws = [weakref.ref(o) for o in objs]
print(sum(weakref.getweakrefcount(o) for o in objs))
del objs
print(sum(w() is None for w in ws))
d = D()
print(weakref.getweakrefcount(d), weakref.getweakrefs(d))
w = weakref.ref(d)
q = weakref.proxy(d, lambda x: None)
print(weakref.getweakrefcount(d), weakref.getweakrefs(d)[0] is w)
del c
print(s1(), r4(), n())
