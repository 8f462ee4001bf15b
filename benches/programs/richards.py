"""A small operating-system task scheduler simulation (in the spirit of Richards):
classes, inheritance, method calls and attribute traffic on many small objects."""
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0

IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)
KIND_DEVICE = 0
KIND_WORK = 1
BUFFER_SIZE = 4


class Packet:
    def __init__(self, link, owner, kind):
        self.link = link
        self.owner = owner
        self.kind = kind
        self.datum = 0
        self.data = [0] * BUFFER_SIZE

    def append_to(self, queue):
        self.link = None
        if queue is None:
            return self
        node = queue
        while node.link is not None:
            node = node.link
        node.link = self
        return queue


class Task:
    """A task control block: a priority, a queue of waiting packets and three state bits."""

    def __init__(self, system, ident, priority, queue):
        self.system = system
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.waiting = queue is not None
        self.held = False
        self.suspended = False
        self.next = system.tasks
        system.tasks = self
        system.by_id[ident] = self

    def runnable(self):
        return not self.held and (not self.waiting or self.queue is not None) and not (
            self.suspended and self.queue is None
        )

    def take_packet(self):
        pkt = self.queue
        if pkt is None:
            return None
        self.queue = pkt.link
        self.waiting = False
        return pkt

    def receive(self, pkt, current):
        """A packet arrives; returns the task that should run next."""
        if self.queue is None:
            self.queue = pkt
            pkt.link = None
            self.waiting = False
            if self.priority > current.priority:
                return self
        else:
            self.queue = pkt.append_to(self.queue)
        return current

    def step(self, pkt):
        raise NotImplementedError


class IdleTask(Task):
    def __init__(self, system, ident, priority, count):
        Task.__init__(self, system, ident, priority, None)
        self.seed = 1
        self.count = count

    def step(self, pkt):
        self.count -= 1
        if self.count == 0:
            return self.system.hold_self()
        if self.seed & 1 == 0:
            self.seed >>= 1
            return self.system.release(DEVICE_A)
        self.seed = (self.seed >> 1) ^ 0xD008
        return self.system.release(DEVICE_B)


class WorkerTask(Task):
    def __init__(self, system, ident, priority, queue):
        Task.__init__(self, system, ident, priority, queue)
        self.target = HANDLER_A
        self.letter = 0

    def step(self, pkt):
        if pkt is None:
            return self.system.wait()
        self.target = HANDLER_B if self.target == HANDLER_A else HANDLER_A
        pkt.owner = self.target
        pkt.datum = 0
        for i in range(BUFFER_SIZE):
            self.letter += 1
            if self.letter > 26:
                self.letter = 1
            pkt.data[i] = self.letter
        return self.system.send(pkt, self.target)


class HandlerTask(Task):
    def __init__(self, system, ident, priority, queue):
        Task.__init__(self, system, ident, priority, queue)
        self.work = None
        self.devices = None

    def step(self, pkt):
        if pkt is not None:
            if pkt.kind == KIND_WORK:
                self.work = pkt.append_to(self.work)
            else:
                self.devices = pkt.append_to(self.devices)
        work = self.work
        if work is not None:
            pos = work.datum
            if pos < BUFFER_SIZE:
                dev = self.devices
                if dev is not None:
                    self.devices = dev.link
                    dev.datum = work.data[pos]
                    work.datum = pos + 1
                    return self.system.send(dev, dev.owner)
            else:
                self.work = work.link
                return self.system.send(work, work.owner)
        return self.system.wait()


class DeviceTask(Task):
    def __init__(self, system, ident, priority):
        Task.__init__(self, system, ident, priority, None)
        self.pending = None

    def step(self, pkt):
        if pkt is None:
            held = self.pending
            if held is None:
                return self.system.wait()
            self.pending = None
            return self.system.send(held, held.owner)
        self.pending = pkt
        return self.system.hold_self()


class System:
    def __init__(self):
        self.tasks = None
        self.by_id = [None] * 6
        self.current = None
        self.sends = 0
        self.holds = 0

    def hold_self(self):
        self.holds += 1
        self.current.held = True
        return self.current.next

    def wait(self):
        self.current.waiting = True
        return self.current

    def release(self, ident):
        task = self.by_id[ident]
        task.held = False
        if task.priority > self.current.priority:
            return task
        return self.current

    def send(self, pkt, ident):
        self.sends += 1
        target = self.by_id[ident]
        pkt.link = None
        pkt.owner = self.current.ident
        return target.receive(pkt, self.current)

    def run(self):
        task = self.tasks
        while task is not None:
            if task.runnable():
                self.current = task
                pkt = None
                if task.waiting or task.queue is not None:
                    pkt = task.take_packet()
                task = task.step(pkt)
            else:
                task = task.next


def build(count):
    system = System()
    IdleTask(system, IDLE, 0, count)
    queue = Packet(None, WORKER, KIND_WORK)
    queue = Packet(queue, WORKER, KIND_WORK)
    WorkerTask(system, WORKER, 1000, queue)
    queue = Packet(None, DEVICE_A, KIND_DEVICE)
    queue = Packet(queue, DEVICE_A, KIND_DEVICE)
    queue = Packet(queue, DEVICE_A, KIND_DEVICE)
    HandlerTask(system, HANDLER_A, 2000, queue)
    queue = Packet(None, DEVICE_B, KIND_DEVICE)
    queue = Packet(queue, DEVICE_B, KIND_DEVICE)
    queue = Packet(queue, DEVICE_B, KIND_DEVICE)
    HandlerTask(system, HANDLER_B, 3000, queue)
    DeviceTask(system, DEVICE_A, 4000)
    DeviceTask(system, DEVICE_B, 5000)
    return system


def main():
    rounds = max(1, int(13 * SCALE))
    sends = holds = 0
    for _ in range(rounds):
        system = build(10000)
        system.run()
        sends += system.sends
        holds += system.holds
    print("rounds:", rounds)
    print("sends:", sends, "holds:", holds)


main()
