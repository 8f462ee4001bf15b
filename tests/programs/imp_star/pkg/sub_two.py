WHO = "two"
