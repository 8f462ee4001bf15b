NAME = "hpkg"
