VALUE = "aged value"
