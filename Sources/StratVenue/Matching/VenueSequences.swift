/// The venue-wide counters: venue order ids and match numbers, each 1, 2, 3… across every
/// instrument (ITCH order references and match numbers are unique per day, not per stock).
/// Shared by the books of one engine; one thread.
public final class VenueSequences {
  /// The id the next accepted order (or losing-priority replace) gets.
  public internal(set) var nextOrderID: UInt64 = 1
  /// The next fill's match number.
  public internal(set) var nextMatchNumber: UInt64 = 1

  /// Counters starting at 1.
  public init() {}

  @inline(__always)
  func takeOrderID() -> UInt64 {
    defer { nextOrderID += 1 }
    return nextOrderID
  }

  @inline(__always)
  func takeMatchNumber() -> UInt64 {
    defer { nextMatchNumber += 1 }
    return nextMatchNumber
  }

  /// True when `id` was handed out.
  func wasIssued(_ id: UInt64) -> Bool { id > 0 && id < nextOrderID }
}
