/// A problem that stops a backtest: a configuration that does not fit the strategy, accounting
/// that would overflow, or output that cannot be written. (Rejected orders are not errors; they
/// are counted in the result.) The `id` is stable, like a diagnostic id.
public struct BacktestError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Stable identifier such as `backtest.unknown-symbol`.
  public var id: String
  /// What was expected and what was found.
  public var message: String
  /// Extra lines (available symbols, hints).
  public var notes: [String]

  /// Creates an error.
  public init(id: String, message: String, notes: [String] = []) {
    self.id = id
    self.message = message
    self.notes = notes
  }

  /// `error[id]: message` followed by the notes.
  public var description: String {
    (["error[\(id)]: \(message)"] + notes.map { "  = note: \($0)" }).joined(separator: "\n")
  }
}
