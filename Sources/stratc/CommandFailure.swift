import Foundation
import StratRuntime
import StratBacktest
import StratDiagnostics
import StratMarket

/// The one mapping from an error that reached a command's outer `catch` to what the user sees
/// and the exit status. Every subcommand ends here, so no Swift value (`usage("…")`) and no
/// Foundation error (`Error Domain=NSCocoaErrorDomain …`) is ever printed raw.
enum CommandFailure {
  static func exitCode(
    for error: any Error, command: String, output: Output
  ) -> ExitCode {
    switch error {
    case Arguments.Problem.usage(let message):
      return usage(message, hint: nil, command: command, output: output)
    case Arguments.Problem.misspelled(let message, let suggestion):
      return usage(message, hint: "did you mean `\(suggestion)`?", command: command, output: output)
    case let code as ExitCode:
      return code
    case let error as MarketDataError:
      output.report(error.diagnostics)
      return .userError
    case CommandError.diagnostic(let diagnostic):
      output.report([diagnostic])
      return .userError
    case let error as BacktestError:
      output.report([Diagnostic(id: error.id, message: error.message, notes: error.notes)])
      return .userError
    default:
      return unexpected(error, command: command, output: output)
    }
  }

  /// A usage error in two lines: what is wrong, then the name meant or where help is; a tool
  /// that asked for JSON gets one `cli.usage` object instead.
  static func usage(_ message: String, hint: String?, command: String, output: Output) -> ExitCode {
    let help = "try 'stratc \(command.isEmpty ? "" : command + " ")--help'"
    if output.format == .json {
      let prefix = command.isEmpty ? "stratc" : "stratc \(command)"
      output.report([Diagnostic(id: "cli.usage", message: "\(prefix): \(message)", notes: [hint, help].compactMap { $0 })])
    } else {
      let context = command.isEmpty ? "" : command + ": "
      Output.standardError("stratc: error: \(context)\(message)\n\(hint.map { "\($0) (\(help))" } ?? help)\n")
    }
    return .usage
  }

  /// A file-system error is the user's (a folder that is a file, a disk that is full); any other
  /// error type here is one stratc forgot to turn into a diagnostic: an internal error.
  private static func unexpected(_ error: any Error, command: String, output: Output) -> ExitCode {
    let domain = (error as NSError).domain
    if domain == NSCocoaErrorDomain || domain == NSPOSIXErrorDomain {
      output.report([Diagnostic(id: "io.system", message: "stratc \(command): \(SystemErrorText.describe(error))")])
      return .userError
    }
    output.report([Diagnostic(
      id: "internal.unexpected-error",
      message: "stratc \(command) stopped on an error it does not describe (\(type(of: error)))",
      notes: ["this is a bug in stratc; please report it with the command line that caused it"])])
    return .internalError
  }
}
