def where():
    return "found through the prefix: " + __name__
