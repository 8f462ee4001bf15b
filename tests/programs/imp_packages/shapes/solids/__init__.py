print("init shapes.solids")
