import Foundation

// TEMPORARY (branch i11-udp only, for trying the feed by hand): the lead's main.swift wires these.
let engineArguments = CommandLine.arguments.dropFirst()
if engineArguments.first == "publish" { exit(publishCommand(engineArguments.dropFirst())) }
if engineArguments.first == "listen" { exit(listenCommand(engineArguments.dropFirst())) }

// strat-engine: the live engine's command line (issue 11 builds it: run, publish, ctl).
FileHandle.standardError.write(Data("strat-engine: not built yet (issue 11)\n".utf8))
exit(2)
