# A misbehaving plugin for examples/embed_plugins.rs: it never returns; fuel stops it.
NAME = "runaway"


def handle(text):
    while True:
        text = text + "!"
        text = text[:100]
