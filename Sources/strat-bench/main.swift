print("strat-bench")
