from ...toplevel import x
