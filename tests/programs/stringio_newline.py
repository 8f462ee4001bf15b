"""StringIO newline modes: translation of written text and where lines end."""
import io
print(list(io.StringIO("a\rb\r\nc\n", newline="")), list(io.StringIO("a\rb\r\nc\n")), list(io.StringIO("a\rb\r\nc\n", newline="\r")))
print(io.StringIO("a\rb\r\nc\n", newline="").readline(), repr(io.StringIO("x\r\ny", newline=None).read()))
for nl in [None, "", "\n", "\r", "\r\n"]:
    s = io.StringIO("a\rb\r\nc\nd", newline=nl)
    s.seek(0, 2); s.write("x\ny\r\n")
    print(repr(nl), repr(s.getvalue()), list(io.StringIO(s.getvalue(), newline=nl)))
    s.seek(0); print(repr(s.readline()), repr(s.readline(1)), s.tell())
try:
    io.StringIO(newline=5)
except TypeError as e:
    print(e)
