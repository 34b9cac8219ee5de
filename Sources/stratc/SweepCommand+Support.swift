import Foundation
import StratABI
import StratRuntime
import StratBacktest
import StratDiagnostics
import StratSyntax

extension SweepCommand {
  /// The parameters the source declares, with their range and step when written as number
  /// literals (`in 0.5..4.0 step 0.25`), read from the source text so they stay exact decimals.
  static func declaredParameters(_ source: SourceFile) -> [SweepParameter] {
    let (program, _) = Parser.parse(source)
    var declared: [SweepParameter] = []
    for case .param(let d) in program.declarations {
      let kind: ParameterInfo.Kind =
        switch d.type.name {
        case "Bool": .bool
        case "Int", "Duration": .int
        default: .float
        }
      var parameter = SweepParameter(name: d.name.name, kind: kind)
      if let range = d.range {
        parameter.low = literal(range.low)
        parameter.high = literal(range.high)
        parameter.step = range.step.flatMap(literal)
      }
      declared.append(parameter)
    }
    return declared
  }

  /// The exact value of a number literal, possibly negated; nil for any other expression.
  static func literal(_ expr: Expr) -> SweepDecimal? {
    switch expr {
    case .number(_, _, let span): return SweepDecimal(span.text)
    case .unary(.negate, .number(_, _, let span), _): return SweepDecimal("-" + span.text)
    case .unary(.plus, .number(_, _, let span), _): return SweepDecimal(span.text)
    default: return nil
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
