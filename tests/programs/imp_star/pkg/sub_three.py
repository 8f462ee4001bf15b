WHO = "three"
