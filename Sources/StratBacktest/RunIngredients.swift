import Foundation
import StratRuntime
import StratABI

/// What decides a run's outputs, and its run id: the SHA-256 of these ingredients written as
/// canonical text. Equal ids mean equal outputs on every backend (the interpreter is the oracle
/// the native code matches bit for bit), so the backend is not an ingredient (DECISIONS.md).
public struct RunIngredients: Sendable, Equatable {
  /// One input file: the name that gives it meaning (symbol and file name, since a LOBSTER or
  /// ITCH name carries the session date) and the SHA-256 of its bytes.
  public struct Input: Sendable, Equatable {
    public var name: String
    public var sha256: String

    public init(name: String, sha256: String) {
      self.name = name
      self.sha256 = sha256
    }
  }

  /// SHA-256 of the printed IR the run executes (parameter values, symbols and risk limits in).
  public var code: String
  /// `NAME=VALUE` of every parameter, in declaration order.
  public var params: [String]
  /// Every file read, in reading order.
  public var inputs: [Input]
  /// `KEY=VALUE` of every realism setting (fill, fees, latency, queue, seed, …) as resolved.
  public var settings: [String]
  /// The compiler's version text; injectable so that a test can show it is an ingredient.
  public var compilerVersion: String

  public init(
    code: String, params: [String], inputs: [Input], settings: [String], compilerVersion: String
  ) {
    self.code = code
    self.params = params
    self.inputs = inputs
    self.settings = settings
    self.compilerVersion = compilerVersion
  }

  /// The ingredients one per line, the bytes the id is the hash of.
  public var canonicalText: String {
    var lines = ["stratc run id 1", "compiler \(compilerVersion)", "code \(code)"]
    lines += params.map { "param \($0)" }
    lines += inputs.map { "input \($0.sha256) \($0.name)" }
    lines += settings.map { "setting \($0)" }
    // Escaped so that no value can forge another ingredient's line.
    let escaped = lines.map {
      $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }
    return escaped.joined(separator: "\n") + "\n"
  }

  /// The run id: 64 lowercase hex digits.
  public var id: String { SHA256.hex(Array(canonicalText.utf8)) }
}
