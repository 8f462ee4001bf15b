__all__ = ["sub_one", "sub_two", "TOP"]
TOP = "top"
