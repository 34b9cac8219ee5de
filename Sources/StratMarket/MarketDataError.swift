import StratDiagnostics

/// One or more problems found while loading market data; every problem found is reported, not
/// only the first.
public struct MarketDataError: Error, Sendable {
  /// The problems, in the order of the specs and files that caused them.
  public var diagnostics: [Diagnostic]

  /// Creates an error from its diagnostics.
  public init(diagnostics: [Diagnostic]) {
    self.diagnostics = diagnostics
  }
}
