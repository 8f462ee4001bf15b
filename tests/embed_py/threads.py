# Guest for tests/embed_threads.rs: state private to each interpreter.
STATE = []


def push(x):
    STATE.append(x)
    return len(STATE)


def snapshot():
    return list(STATE)


def work(n):
    total = 0
    for i in range(n):
        total = (total + i * i) % 1000003
    return total
