import Foundation
import StratBacktest
import StratDiagnostics
import StratMarket

/// The one mapping from an error that reached a command's outer `catch` to what the user sees
/// and the exit status. Every subcommand ends here, so no Swift value (`usage("…")`) and no
/// Foundation error (`Error Domain=NSCocoaErrorDomain …`) is ever printed raw.
enum CommandFailure {
  static func exitCode(
    for error: any Error, command: String, help: String, output: Output
  ) -> ExitCode {
    switch error {
    case Arguments.Problem.usage(let message):
      // A tool asked for JSON gets one object it can parse, not the help text.
      if output.format == .json {
        output.report([Diagnostic(id: "cli.usage", message: "stratc \(command): \(message)")])
      } else {
        Output.standardError("stratc \(command): \(message)\n\n\(help)\n")
      }
      return .usage
    case let code as ExitCode:
      return code
    case let error as MarketDataError:
      output.report(error.diagnostics)
      return .userError
    case let error as BacktestError:
      output.report([Diagnostic(id: error.id, message: error.message, notes: error.notes)])
      return .userError
    default:
      return unexpected(error, command: command, output: output)
    }
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
