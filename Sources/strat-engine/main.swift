import Foundation

// strat-engine: the live engine's command line (issue 11 builds it: run, publish, ctl).
FileHandle.standardError.write(Data("strat-engine: not built yet (issue 11)\n".utf8))
exit(2)
