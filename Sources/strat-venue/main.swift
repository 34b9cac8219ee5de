import Foundation

// strat-venue: a FIX 4.4 venue with a matching engine (issue 12). Subcommands come with it.
FileHandle.standardError.write(Data("strat-venue: not built yet\n".utf8))
exit(2)
