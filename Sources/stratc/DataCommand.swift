import Foundation
import StratDiagnostics
import StratMarket

/// `stratc data SUBCOMMAND`: import market data into the tick store, describe any supported
/// file, export tick files back to CSV.
enum DataCommand {
  /// Runs `stratc data` with the arguments after `data`.
  static func run(_ args: [String]) -> ExitCode {
    guard let sub = args.first else {
      let problem = Arguments.Problem.usage("name a subcommand: \(subcommands.joined(separator: ", "))")
      return CommandFailure.exitCode(for: problem, command: "data", output: Output())
    }
    let rest = Array(args.dropFirst())
    if sub == "book" { return DataBookCommand.run(rest) }
    if sub == "convert", rest.contains("--help") || rest.contains("-h") {
      Output.standardOutput(DataConvertCommand.help + "\n")
      return .success
    }
    if sub == "--help" || sub == "-h" || rest.contains("--help") || rest.contains("-h") {
      Output.standardOutput(Help.data + "\n")
      return .success
    }
    do {
      switch sub {
      case "import": return try DataImportCommand.run(rest)
      case "info": return try DataInfoCommand.run(rest)
      case "export": return try DataExportCommand.run(rest)
      case "bench": return try DataBenchCommand.run(rest)
      case "convert": return try DataConvertCommand.run(rest)
      default:
        throw Arguments.unknown("data subcommand", sub, among: subcommands)
      }
    } catch let error as MarketDataError {
      return fail(error, Output(arguments: rest))
    } catch {
      let known = subcommands.contains(sub) || sub.hasPrefix("-")
      return CommandFailure.exitCode(for: error, command: known ? "data \(sub)" : "data", output: Output(arguments: rest))
    }
  }

  /// The subcommands of `stratc data`.
  static let subcommands = ["import", "info", "export", "book", "convert", "bench"]

  /// Parses the options shared by the subcommands; `--diagnostics` chooses the error form.
  static func arguments(_ args: [String], valued: Set<String>, switches: Set<String> = [])
    throws -> (Arguments, Output)
  {
    let parsed = try Arguments(args, valued: valued.union(["diagnostics"]), switches: switches)
    var output = Output()
    switch parsed.value("diagnostics") ?? "text" {
    case "text": output.format = .text
    case "json": output.format = .json
    case let other: throw Arguments.Problem.usage("--diagnostics must be text or json; found `\(other)`")
    }
    return (parsed, output)
  }

  /// The `--on-error` policy (default stop).
  static func policy(_ args: Arguments) throws -> MalformedInputPolicy {
    let text = args.value("on-error") ?? "stop"
    guard let policy = MalformedInputPolicy(rawValue: text) else {
      throw Arguments.Problem.usage("--on-error must be stop or skip; found `\(text)`")
    }
    return policy
  }

  /// The format of `path`: `--format` when given, else detected; a usage error when neither.
  static func format(of path: String, _ args: Arguments) throws -> DataFormat {
    if let text = args.value("format") {
      guard let format = DataFormat(rawValue: text) else {
        let names = DataFormat.allCases.map(\.rawValue).joined(separator: ", ")
        throw Arguments.Problem.usage("--format must be one of \(names); found `\(text)`")
      }
      return format
    }
    guard let format = try DataFormat.detect(path: path) else {
      throw MarketDataError(diagnostics: [
        Diagnostic(
          id: "data.source.unknown-format",
          message: "expected a tick file, a LOBSTER or ITCH file, or a CSV with a header naming its "
            + "columns; cannot tell the format of `\(path)`",
          at: DataLocation(path: path, line: 1, column: 1, byteOffset: 0),
          notes: ["give --format csv-bars|csv-trades|csv-quotes|csv-orders|lobster|itch"])
      ])
    }
    return format
  }

  /// Prints `error`'s diagnostics and returns the data-error status.
  static func fail(_ error: MarketDataError, _ output: Output) -> ExitCode {
    output.report(error.diagnostics)
    return .userError
  }

  /// The file name of a path.
  static func baseName(_ path: String) -> String { (path as NSString).lastPathComponent }

  /// A time as ISO 8601 text.
  static func time(_ nanos: Int64) -> String { Timestamp.iso8601(nanos) }
}
