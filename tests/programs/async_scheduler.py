# A cooperative scheduler written in Python: coroutines (async def) driven by
# coro.send(None), a FIFO ready queue, awaitables built from __await__
# generators for sleeping, yielding and joining other tasks, exceptions in
# tasks, cancellation with throw(), and task results. No asyncio.

class Op:
    def __init__(self, kind, arg=None):
        self.kind, self.arg = kind, arg
    def __await__(self):
        result = yield self
        return result

def sleep(ticks):
    return Op("sleep", ticks)

def switch():
    return Op("switch")

def join(task):
    return Op("join", task)

class Cancelled(Exception):
    pass

class Task:
    next_id = 1
    def __init__(self, coro, name):
        self.coro, self.name = coro, name
        self.id = Task.next_id
        Task.next_id += 1
        self.done = False
        self.result = None
        self.error = None
        self.waiters = []
        self.send_value = None
    def __repr__(self):
        return f"<Task {self.id} {self.name}>"

class Scheduler:
    def __init__(self):
        self.ready = []
        self.sleeping = []
        self.clock = 0
        self.trace = []
    def spawn(self, coro, name):
        t = Task(coro, name)
        self.ready.append(t)
        return t
    def cancel(self, task):
        self.sleeping = [(w, t) for (w, t) in self.sleeping if t is not task]
        self.step(task, throw=Cancelled(f"{task.name} cancelled"))
    def finish(self, task, result=None, error=None):
        task.done, task.result, task.error = True, result, error
        for w in task.waiters:
            w.send_value = (result, error)
            self.ready.append(w)
    def step(self, task, throw=None):
        try:
            if throw is not None:
                op = task.coro.throw(throw)
            else:
                value, task.send_value = task.send_value, None
                op = task.coro.send(value)
        except StopIteration as e:
            print(f"[t={self.clock}] {task.name} finished -> {e.value!r}")
            self.finish(task, result=e.value)
            return
        except Exception as e:
            print(f"[t={self.clock}] {task.name} failed: {type(e).__name__}: {e}")
            self.finish(task, error=e)
            return
        if op.kind == "sleep":
            self.sleeping.append((self.clock + op.arg, task))
        elif op.kind == "switch":
            self.ready.append(task)
        elif op.kind == "join":
            if op.arg.done:
                task.send_value = (op.arg.result, op.arg.error)
                self.ready.append(task)
            else:
                op.arg.waiters.append(task)
    def run(self):
        while self.ready or self.sleeping:
            while self.ready:
                task = self.ready.pop(0)
                self.trace.append(task.id)
                self.step(task)
            if self.sleeping:
                self.sleeping.sort(key=lambda wt: (wt[0], wt[1].id))
                self.clock = self.sleeping[0][0]
                while self.sleeping and self.sleeping[0][0] <= self.clock:
                    self.ready.append(self.sleeping.pop(0)[1])

sched = Scheduler()

async def worker(name, delays):
    total = 0
    for d in delays:
        print(f"[t={sched.clock}] {name} sleeps {d}")
        await sleep(d)
        total += d
    return f"{name} slept {total}"

async def chatty(name, n):
    for i in range(n):
        print(f"[t={sched.clock}] {name} step {i}")
        await switch()
    return n

async def failing():
    await sleep(2)
    raise ValueError("worker exploded")

async def sub_computation(x):
    await switch()
    return x * x

async def supervisor(tasks):
    results = []
    for t in tasks:
        res, err = await join(t)
        results.append(res if err is None else f"error({err})")
    squares = [await sub_computation(i) for i in range(3)]
    print(f"[t={sched.clock}] supervisor collected {results} {squares}")
    return len(results)

async def victim():
    try:
        await sleep(100)
    except Cancelled as c:
        print(f"[t={sched.clock}] victim got {c}")
        return "cleaned up"

async def canceller(target):
    await sleep(3)
    sched.cancel(target)
    return "cancel sent"

a = sched.spawn(worker("A", [3, 1]), "A")
b = sched.spawn(worker("B", [1, 1, 1]), "B")
c = sched.spawn(chatty("C", 3), "C")
f = sched.spawn(failing(), "F")
v = sched.spawn(victim(), "V")
sched.spawn(canceller(v), "X")
s = sched.spawn(supervisor([a, b, f, c]), "S")
sched.run()
print("final clock:", sched.clock, "trace:", sched.trace)
print([(t.name, t.result) for t in (a, b, c, s, v)], repr(f.error))
coro = worker("never", [1])
print(type(coro).__name__, coro.cr_code.co_name)
coro.close()
