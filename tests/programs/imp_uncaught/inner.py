def fail(d):
    return {"a": 1}[d]


print("inner runs")
fail("missing")
