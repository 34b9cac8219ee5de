import Foundation
import StratABI
import StratRuntime
import StratBacktest
import StratDiagnostics

extension SweepCommand {
  /// The parameters the strategy declares, from its parameter table, with their range and step
  /// where the source wrote them as number literals (`in 0.5..4.0 step 0.25`), in the source's
  /// spelling so that they stay exact decimals.
  static func declaredParameters(_ table: ParameterTable) -> [SweepParameter] {
    table.entries.map { spec in
      SweepParameter(
        name: spec.name, kind: spec.kind, low: spec.range?.lowText.flatMap(SweepDecimal.init),
        high: spec.range?.highText.flatMap(SweepDecimal.init), step: spec.range?.stepText.flatMap(SweepDecimal.init))
    }
  }
}

/// Where the sweep's CSV goes: stdout, or a file created (or truncated) up front so that a bad
/// path fails before any run.
final class CSVSink {
  private let handle: FileHandle
  private let path: String?

  /// Opens `path`, or stdout when nil.
  init(path: String?) throws {
    self.path = path
    guard let path else {
      handle = FileHandle.standardOutput
      return
    }
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let file = FileHandle(forWritingAtPath: path)
    else {
      Output.standardError("stratc sweep: cannot write `\(path)`\n")
      throw ExitCode.userError
    }
    handle = file
  }

  /// Writes bytes at once, so each row is visible as soon as its run is emitted.
  func write(_ bytes: [UInt8]) {
    handle.write(Data(bytes))
  }

  /// Closes the file (not stdout).
  func close() throws {
    if path != nil { try handle.close() }
  }
}
