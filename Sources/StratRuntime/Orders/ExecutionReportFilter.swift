/// Which execution reports (fills, order updates) the OMS has applied, by the venue's execution
/// id, so that a report delivered twice (a FIX resend, a gateway retry) is applied once: never a
/// double fill, a double position or a double log row.
///
/// The venue numbers reports upward (1, 2, 3, …) but a session may deliver them a little out of
/// order, so the filter remembers a sliding window of the last `window` ids behind the highest
/// seen: one bit each, in a fixed array (no allocation per report, bounded memory). An id older
/// than the window cannot be told apart from a repeat; it is refused and counted as `tooOld`.
/// Id 0 means the gateway gave none: always applied.
package struct ExecutionReportFilter: Sendable {
  /// Ids remembered behind the highest one.
  package static let window: UInt64 = 4096
  private var bits = [UInt64](repeating: 0, count: Int(window / 64))
  private var highest: UInt64 = 0
  /// Reports refused as repeats (including `tooOld`).
  package private(set) var duplicates = 0
  /// Reports refused because their id fell behind the window.
  package private(set) var tooOld = 0

  package init() {}

  /// True the first time `id` is seen (apply the report); false for a repeat (drop it).
  @inline(__always)
  package mutating func isFirst(_ id: UInt64) -> Bool {
    guard id != 0 else { return true }
    if id > highest {
      advance(to: id)
    } else if highest - id >= Self.window {
      tooOld += 1
      duplicates += 1
      return false
    }
    let word = Int((id % Self.window) / 64)
    let bit = UInt64(1) << (id % 64)
    if bits[word] & bit != 0 {
      duplicates += 1
      return false
    }
    bits[word] |= bit
    return true
  }

  /// Forgets the ids that leave the window as `id` becomes the highest.
  private mutating func advance(to id: UInt64) {
    if id - highest >= Self.window {
      for k in bits.indices { bits[k] = 0 }
    } else {
      var next = highest + 1
      while next < id {
        bits[Int((next % Self.window) / 64)] &= ~(UInt64(1) << (next % 64))
        next += 1
      }
      bits[Int((id % Self.window) / 64)] &= ~(UInt64(1) << (id % 64))
    }
    highest = id
  }
}
