import StratDiagnostics

/// A problem that stops the engine or refuses an operator's request: a config that does not
/// hold, a strategy that does not build, a journal from another run. The `id` is stable
/// (`engine.*`, `journal.*`, `hotload.*`) like a diagnostic id.
public struct EngineError: Error, Sendable, Equatable, CustomStringConvertible {
  public var id: String
  public var message: String
  public var notes: [String]

  public init(id: String, message: String, notes: [String] = []) {
    self.id = id
    self.message = message
    self.notes = notes
  }

  /// The error as a diagnostic, for the same rendering as stratc's.
  public var diagnostic: Diagnostic { Diagnostic(id: id, message: message, notes: notes) }

  public var description: String {
    (["error[\(id)]: \(message)"] + notes.map { "  = note: \($0)" }).joined(separator: "\n")
  }
}
