import Foundation

// strat-engine: the live engine's command line. Thin: each command parses its flags and hands
// the work to StratEngine.
//   strat-engine run --config FILE [--replay FILE] [--out DIR] [--speed X] [--journal DIR]
//                    [--control ADDR:PORT] [--token-file FILE]
//   strat-engine ctl COMMAND [ARG] (--config FILE | --control ADDR:PORT --token-file FILE)
//   strat-engine token FILE                       a new control token, mode 0600
//   strat-engine publish FILE --udp ADDR [...]    a day as MoldUDP64 packets (Docs/FEEDS.md)
//   strat-engine listen --udp ADDR [...]          receive a feed and count it (Docs/FEEDS.md)
//   strat-engine export --journal DIR --store DIR a live run's market events as a tick store
let arguments = CommandLine.arguments.dropFirst()
let status: Int32
let wantsHelp = arguments.count == 2 && ["--help", "-h"].contains(arguments.last!)
switch wantsHelp ? "help" : arguments.first {
case "run": status = RunCommand.main(arguments.dropFirst())
case "ctl": status = CtlCommand.main(arguments.dropFirst())
case "token": status = TokenCommand.main(arguments.dropFirst())
case "publish": status = publishCommand(arguments.dropFirst())
case "listen": status = listenCommand(arguments.dropFirst())
case "export": status = ExportCommand.main(arguments.dropFirst())
case "help", "--help", "-h", nil:
  print(RunCommand.usage + "\n" + CtlCommand.usage + "\nusage: strat-engine token FILE\nusage: strat-engine publish FILE --udp ADDR [...]   (Docs/FEEDS.md)\n" + ExportCommand.usage)
  status = arguments.first == nil ? 2 : 0  // `COMMAND --help` too: one page for every command
default:
  FileHandle.standardError.write(Data("strat-engine: unknown command `\(arguments.first!)`\n\(RunCommand.usage)\n".utf8))
  status = 2
}
exit(status)
