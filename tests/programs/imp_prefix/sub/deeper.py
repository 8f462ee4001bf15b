LEVEL = "sub.deeper"
