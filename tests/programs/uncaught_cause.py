# An uncaught exception raised with `raise ... from ...`: CPython prints the
# cause first, then "The above exception was the direct cause of the
# following exception:", then the final traceback.

def read_setting(settings, name):
    try:
        return settings[name]
    except KeyError as exc:
        raise LookupError(f"setting {name!r} is missing") from exc

def to_number(text):
    try:
        return int(text)
    except ValueError as exc:
        raise TypeError("setting is not a number") from exc

settings = {"retries": "3", "timeout": "soon"}
print("retries:", to_number(read_setting(settings, "retries")))
try:
    read_setting(settings, "color")
except LookupError as e:
    print("handled:", e, "| cause:", repr(e.__cause__))

def suppressed(settings):
    try:
        return settings["x"]
    except KeyError:
        raise ValueError("context suppressed") from None

try:
    suppressed(settings)
except ValueError as e:
    print("handled:", e)

print("timeout:", to_number(read_setting(settings, "timeout")))
