import Foundation
import StratFIX
import StratVenue

// strat-venue: a FIX venue in one process (issue 12). Thin: parse flags, wire, exit.
//   strat-venue --acceptance --fix-port PORT [--fix-version 4.2|4.4]
//       QuickFIX's acceptance server (session layer conformance), until killed.

func fail(_ message: String, code: Int32 = 2) -> Never {
  FileHandle.standardError.write(Data("strat-venue: \(message)\n".utf8))
  exit(code)
}

let usage = """
  usage: strat-venue run …                 the venue (strat-venue run --help)
         strat-venue --acceptance --fix-port PORT [--fix-version 4.2|4.4]
                                           QuickFIX's acceptance server, for any runner of its scripts
         strat-venue acceptance-run --connect HOST:PORT SCRIPT.def|DIR …
                                           runs QuickFIX's acceptance scripts against an acceptor
  """

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.isEmpty || (arguments.first != "run" && (arguments.contains("--help") || arguments.contains("-h"))) {
  print(usage)
  exit(arguments.isEmpty ? 2 : 0)
}

if arguments.first == "acceptance-run" {
  exit(AcceptanceCommand.run(arguments: Array(arguments.dropFirst())))
}

if arguments.first == "run" {
  if arguments.contains("--help") { print(RunCommand.usage); exit(0) }
  exit(RunCommand.main(arguments.dropFirst()))
}

@MainActor func value(of flag: String) -> String? {
  guard let index = arguments.firstIndex(of: flag) else { return nil }
  guard index + 1 < arguments.count else { fail("\(flag) needs a value\n\(usage)") }
  return arguments[index + 1]
}

if arguments.contains("--acceptance") {
  guard let portText = value(of: "--fix-port"), let port = UInt16(portText) else {
    fail("--acceptance needs --fix-port PORT (0–65535)\n\(usage)")
  }
  let versionText = value(of: "--fix-version") ?? "4.4"
  guard let version = FIXVersion(rawValue: versionText) else { fail("--fix-version is 4.2 or 4.4, not \(versionText)") }
  do {
    let acceptor = try AcceptanceServer.start(port: port, version: version) { line in
      FileHandle.standardError.write(Data((line + "\n").utf8))
    }
    FileHandle.standardOutput.write(Data("strat-venue: acceptance server, FIX \(version.rawValue), on \(acceptor.address)\n".utf8))
    SignalWait.untilTerminated()
    acceptor.stop()
    exit(0)
  } catch {
    fail("\(error)", code: 1)
  }
}
fail("unknown command\n\(usage)")
