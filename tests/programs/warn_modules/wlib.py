import warnings


def api(x):
    warnings.warn(f"api({x}) warns")
    return x


def old_api(x):
    warnings.warn("old_api is deprecated", DeprecationWarning, stacklevel=2)
    return x


def quiet_deprecated(x):
    warnings.warn("quiet", DeprecationWarning)
    return x


def blame_caller(x):
    warnings.warn("blame the caller", UserWarning, stacklevel=2)
    return x
