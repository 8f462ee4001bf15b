# A plugin for examples/embed_plugins.rs: upper-cases and reports through the host.
NAME = "shout"


def handle(text):
    report(f"{NAME}: {len(text)} characters")
    return text.upper()
