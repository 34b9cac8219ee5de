import Foundation

// strat-engine: the live engine's command line. Thin: each command parses its flags and hands
// the work to StratEngine.
//   strat-engine run --config FILE [--replay FILE] [--out DIR] [--speed X] [--journal DIR]
//                    [--control ADDR:PORT] [--token-file FILE]
//   strat-engine publish FILE --udp ADDR [...]    a day as MoldUDP64 packets (Docs/FEEDS.md)
//   strat-engine listen --udp ADDR [...]          receive a feed and count it (Docs/FEEDS.md)
let arguments = CommandLine.arguments.dropFirst()
let status: Int32
switch arguments.first {
case "run": status = RunCommand.main(arguments.dropFirst())
case "publish": status = publishCommand(arguments.dropFirst())
case "listen": status = listenCommand(arguments.dropFirst())
case "help", "--help", "-h", nil:
  print(RunCommand.usage)
  status = arguments.first == nil ? 2 : 0
default:
  FileHandle.standardError.write(Data("strat-engine: unknown command `\(arguments.first!)`\n\(RunCommand.usage)\n".utf8))
  status = 2
}
exit(status)
