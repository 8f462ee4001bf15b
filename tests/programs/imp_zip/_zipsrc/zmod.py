def hello():
    return "hello from the zip"
