import ping as ping_module

print("pong imported while ping is", type(ping_module).__name__, hasattr(ping_module, "ping"))


def pong(n):
    return "pong" if n <= 0 else ping_module.ping(n - 1)
