import StratConfig
import StratDiagnostics

// [journal] and [out]: what the engine records besides orders, and what it writes at the end.

extension EngineConfig {
  /// `[journal]` and `[out]`.
  package struct Recording: Sendable, Equatable {
    /// `journal.record_market`: a live feed's events are journaled (default true; a replayed
    /// file is its own record, so it is never journaled).
    package var recordMarket = true
    /// `out.ticks`: the recorded market events are written as a tick store into OUT/ticks.
    package var writeTicks = false

    package init(recordMarket: Bool = true, writeTicks: Bool = false) {
      self.recordMarket = recordMarket
      self.writeTicks = writeTicks
    }
  }

  static let journalKeys = ["record_market"]
  static let outKeys = ["ticks"]

  static func decodeRecording(journal: ConfigSection, out: ConfigSection) -> Recording {
    Recording(recordMarket: journal.bool("record_market") ?? true, writeTicks: out.bool("ticks") ?? false)
  }
}
