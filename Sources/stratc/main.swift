print("stratc")
