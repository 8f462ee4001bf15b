# heapq and bisect.
import heapq
import bisect

h = []
for x in [5, 1, 8, 3, 9, 2, 7]:
    heapq.heappush(h, x)
print(h, h[0])
print([heapq.heappop(h) for _ in range(3)], h)
data = [9, 4, 7, 1, 8, 2, 6, 3, 5, 0]
heapq.heapify(data)
print(data, heapq.heappop(data), data)
print(heapq.heapreplace(data, 10), data, heapq.heappushpop(data, -1), heapq.heappushpop(data, 11), data)
print(heapq.nsmallest(3, [5, 1, 4, 1, 5, 9, 2, 6]), heapq.nlargest(3, [5, 1, 4, 1, 5, 9, 2, 6]))
print(heapq.nsmallest(2, ['bb', 'a', 'ccc', 'dd'], key=len), heapq.nlargest(2, ['bb', 'a', 'ccc', 'dd'], key=len))
print(heapq.nlargest(0, [1, 2]), heapq.nsmallest(10, [3, 1, 2]), heapq.nlargest(1, []))
print(list(heapq.merge([1, 3, 5, 7], [0, 2, 4, 8], [5, 6])), list(heapq.merge()))
print(list(heapq.merge(['a', 'bb'], ['c', 'dddd'], key=len)), list(heapq.merge([5, 3], [4, 1], reverse=True)))
tasks = []
heapq.heappush(tasks, (2, 'write'))
heapq.heappush(tasks, (1, 'plan'))
heapq.heappush(tasks, (3, 'test'))
heapq.heappush(tasks, (1, 'coffee'))
print([heapq.heappop(tasks) for _ in range(len(tasks))])
mx = [1, 5, 3, 9, 2]
heapq._heapify_max(mx)
print(mx, heapq._heappop_max(mx), mx, heapq._heapreplace_max(mx, 0), mx)


def heapsort(iterable):
    h = []
    for v in iterable:
        heapq.heappush(h, v)
    return [heapq.heappop(h) for _ in range(len(h))]


print(heapsort([3.5, -1, 2, 8, 0, 2]))

a = [1, 2, 4, 4, 4, 8, 16]
print(bisect.bisect_left(a, 4), bisect.bisect_right(a, 4), bisect.bisect(a, 4), bisect.bisect(a, 0), bisect.bisect(a, 99))
print(bisect.bisect_left(a, 4, 3), bisect.bisect_left(a, 4, 0, 2), bisect.bisect_right(a, 4, hi=4), bisect.bisect(a, 4, lo=5))
bisect.insort(a, 5)
bisect.insort_left(a, 4)
bisect.insort_right(a, 0)
print(a)


def grade(score, breakpoints=[60, 70, 80, 90], grades='FDCBA'):
    return grades[bisect.bisect(breakpoints, score)]


print([grade(s) for s in [33, 99, 77, 70, 89, 90, 100]])
records = [('ann', 20), ('bob', 30), ('cy', 40)]
print(bisect.bisect_left(records, 30, key=lambda r: r[1]), bisect.bisect_right(records, 35, key=lambda r: r[1]))
bisect.insort(records, ('dee', 35), key=lambda r: r[1])
print(records, bisect.bisect('abcde', 'c'), bisect.bisect_left(range(0, 100, 5), 42))


def check(label, f, *args, **kw):
    try:
        print(label, f(*args, **kw))
    except Exception as e:
        print(label, type(e).__name__, e)


check('push-int', heapq.heappush, 1, 2)
check('pop-empty', heapq.heappop, [])
check('pop-int', heapq.heappop, 1)
check('heapify', heapq.heapify, 1)
check('replace-empty', heapq.heapreplace, [], 1)
check('push-args', heapq.heappush, [])
check('heapify-args', heapq.heapify)
check('push-cmp', heapq.heappush, [1], 'a')
check('bisect-lo', bisect.bisect, [1, 2], 1, -1)
check('bisect-int', bisect.bisect, 1, 2)
check('bisect-hi', bisect.bisect, [1], 1, 0, 5)
check('bisect-args', bisect.bisect_left)
check('bisect-cmp', bisect.bisect, [1, 2], 'a')
check('bisect-lo-none', bisect.bisect_left, [1, 2, 2, 3], 2, lo=None)
