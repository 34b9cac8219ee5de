import Foundation
import StratIR

CrashGuard.install(arguments: CommandLine.arguments)

/// Runs a subcommand and returns its exit status.
func run(_ argv: [String]) -> ExitCode {
  guard let command = argv.first else {
    let message = "name a command: \(Help.commands.joined(separator: ", "))"
    return CommandFailure.usage(message, hint: nil, command: "", output: Output())
  }
  if command == "--version" {
    Output.standardOutput(StratcVersion.text + "\n")
    return .success
  }
  if command == "--help" || command == "-h" {
    Output.standardOutput(Help.main + "\n")
    return .success
  }
  let rest = Array(argv.dropFirst())
  if command == "help" { return Help.show(rest) }
  if command == "data" { return DataCommand.run(rest) }
  if command == "sweep" { return SweepCommand.run(rest) }
  guard let help = Help.topics[command], Help.commands.contains(command) else {
    let problem = Arguments.unknown("command", command, among: Help.commands)
    return CommandFailure.exitCode(for: problem, command: "", output: Output(arguments: rest))
  }
  if rest.contains("--help") || rest.contains("-h") {
    Output.standardOutput(help + "\n")
    return .success
  }
  if command == "keygen" { return KeygenCommand.run(rest) }
  do {
    let args = try Arguments(rest, valued: Arguments.commandValued, switches: Arguments.commandSwitches)
    var output = Output()
    switch args.value("diagnostics") ?? "text" {
    case "text": output.format = .text
    case "json": output.format = .json
    case let other: throw Arguments.Problem.usage("--diagnostics must be text or json; found `\(other)`")
    }
    switch command {
    case "check": return try CompileCommands.check(args, output: output)
    case "ir": return try CompileCommands.ir(args, output: output)
    case "report": return try CompileCommands.report(args, output: output)
    case "build": return try BuildCommand.run(args, output: output)
    case "inspect": return try InspectCommand.run(args, output: output)
    case "explain": return try ExplainCommand.run(args, output: output)
    case "emit-hls": return try HLSCommands.emit(args, output: output)
    case "hls-sim": return try HLSCommands.simulate(args, output: output)
    default: return try BacktestCommand.run(args, output: output)
    }
  } catch {
    return CommandFailure.exitCode(for: error, command: command, output: Output(arguments: rest))
  }
}

exit(run(Array(CommandLine.arguments.dropFirst())).rawValue)
