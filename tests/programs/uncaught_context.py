# An uncaught exception raised while handling another one: CPython prints
# both tracebacks joined by "During handling of the above exception,
# another exception occurred:".

def load_config(text):
    config = {}
    for line in text.split(";"):
        key, value = line.split("=")
        config[key.strip()] = value.strip()
    return config

def get_port(config):
    try:
        return int(config["port"])
    except KeyError:
        fallback = config["default_port"]
        return int(fallback)

def show(config):
    keys = sorted(config)
    return ", ".join(f"{k}={config[k]}" for k in keys)

cfg = load_config("host = example; port = 80")
print(show(cfg))
print("port:", get_port(cfg))

cfg = load_config("host = example; default_port = 8080")
print(show(cfg))
print("port:", get_port(cfg))

# A handled variant: the inner failure is visible as __context__.
try:
    load_config("host example")
except ValueError as e:
    print("bad config:", e, "| context:", e.__context__)

try:
    get_port({"default_port": "eighty"})
except ValueError as e:
    print("bad port:", e)
    print("context:", repr(e.__context__))

cfg = load_config("host = example")
print(show(cfg))
print("port:", get_port(cfg))
