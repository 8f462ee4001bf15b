NAME = "zsub in " + __package__
