import StratDiagnostics

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

  /// The error for the first of `diagnostics` (venue configuration and misuse), the others as
  /// notes.
  public init(diagnostics: [Diagnostic]) {
    let first = diagnostics.first
    self.init(
      id: first?.id ?? "backtest.unknown", message: first?.message ?? "the backtest failed",
      notes: (first?.notes ?? []) + diagnostics.dropFirst().map { "\($0.id): \($0.message)" })
  }

  /// `error[id]: message` followed by the notes.
  public var description: String {
    (["error[\(id)]: \(message)"] + notes.map { "  = note: \($0)" }).joined(separator: "\n")
  }
}
