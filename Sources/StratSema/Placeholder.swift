import StratIR
