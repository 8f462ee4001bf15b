NAME = "leaf in " + __package__
