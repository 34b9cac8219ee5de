import Foundation
import StratDiagnostics
import StratMarket

/// `stratc data export FILE.tick [--out FILE.csv]`: writes a tick file as CSV in the layout
/// `stratc data import` reads (stdout when --out is absent), atomically when --out is given.
enum DataExportCommand {
  static func run(_ argv: [String]) throws -> ExitCode {
    let (args, output) = try DataCommand.arguments(argv, valued: ["out"])
    guard args.positional.count == 1, let input = args.positional.first else {
      throw Arguments.Problem.usage("expected exactly one FILE.tick")
    }
    if let out = args.value("out") { try OutputPaths.checkOutputFile(flag: "--out", path: out, inputs: [input]) }
    do throws(MarketDataError) {
      let file = try TickFile(path: input)
      guard let out = args.value("out") else {
        try TickExport.csv(file, to: STDOUT_FILENO, name: "standard output")
        return .success
      }
      try write(file, to: out)
      return .success
    } catch {
      return DataCommand.fail(error, output)
    }
  }

  /// Writes to a temporary name next to `out`, then renames it into place.
  private static func write(_ file: TickFile, to out: String) throws(MarketDataError) {
    let temporary = out + ".tmp-\(getpid())"
    let fd = open(temporary, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw MarketDataError(diagnostics: [
        Diagnostic(id: "data.io.unwritable", message: "cannot create `\(temporary)`: \(String(cString: strerror(errno)))")
      ])
    }
    do throws(MarketDataError) {
      try TickExport.csv(file, to: fd, name: out)
      close(fd)
    } catch {
      close(fd)
      unlink(temporary)
      throw error
    }
    guard rename(temporary, out) == 0 else {
      unlink(temporary)
      throw MarketDataError(diagnostics: [
        Diagnostic(id: "data.io.unwritable", message: "cannot write `\(out)`: \(String(cString: strerror(errno)))")
      ])
    }
  }
}
