import StratDiagnostics

/// What the venue did while processing events: a caller-owned buffer the venue appends to. Clear
/// it with `removeAll()` between steps to reuse its storage (no allocation in steady state).
public struct VenueReport: Sendable {
  /// Fills, in the order they happened.
  public var fills: [VenueFill] = []
  /// Order-state changes, in the order they happened.
  public var updates: [VenueOrderUpdate] = []
  /// Problems with the caller's input (events out of order, missing prices, misuse): ids
  /// `venue.*`. The venue keeps going; nothing is silently dropped.
  public var diagnostics: [Diagnostic] = []

  /// Creates an empty report with room for `capacity` fills and updates.
  public init(capacity: Int = 256) {
    fills.reserveCapacity(capacity)
    updates.reserveCapacity(capacity)
  }

  /// Empties the report, keeping its storage.
  public mutating func removeAll() {
    fills.removeAll(keepingCapacity: true)
    updates.removeAll(keepingCapacity: true)
    diagnostics.removeAll(keepingCapacity: true)
  }
}
