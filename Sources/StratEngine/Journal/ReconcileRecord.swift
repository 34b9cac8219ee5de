/// The journal's reconcile record (16): what a reconciliation after a recovery changed, so a
/// later recovery changes the same at the same event count (Docs/JOURNAL.md "Records").
/// ```
///   0 events u64 | 8 strategy u16 | 10 n u32 | n × order u64 (retired: unknown at the venue)
///   | m u32 | m × order u64 (cancelled: unknown to the OMS)
/// ```
package struct ReconcileRecord: Equatable {
  package var events: UInt64
  package var strategy: Int
  package var unknownAtVenue: [UInt64]
  package var unknownToOMS: [UInt64]

  package var bytes: [UInt8] {
    var b: [UInt8] = []
    ReportRecordWire.put(events, &b)
    ReportRecordWire.put(UInt16(clamping: strategy), &b)
    for ids in [unknownAtVenue, unknownToOMS] {
      ReportRecordWire.put(UInt32(ids.count), &b)
      for id in ids { ReportRecordWire.put(id, &b) }
    }
    return b
  }

  package init(events: UInt64, strategy: Int, unknownAtVenue: [UInt64], unknownToOMS: [UInt64]) {
    self.events = events
    self.strategy = strategy
    self.unknownAtVenue = unknownAtVenue
    self.unknownToOMS = unknownToOMS
  }

  /// Nil when the bytes are not a reconcile record.
  package init?(payload b: [UInt8]) {
    guard b.count >= 14 else { return nil }
    events = ReportRecordWire.read(b, 0, UInt64.self)
    strategy = Int(ReportRecordWire.read(b, 8, UInt16.self))
    var at = 10
    var lists: [[UInt64]] = []
    for _ in 0..<2 {
      guard at + 4 <= b.count else { return nil }
      let n = Int(ReportRecordWire.read(b, at, UInt32.self))
      at += 4
      guard n <= (b.count - at) / 8 else { return nil }
      lists.append((0..<n).map { ReportRecordWire.read(b, at + 8 * $0, UInt64.self) })
      at += 8 * n
    }
    guard at == b.count else { return nil }
    unknownAtVenue = lists[0]
    unknownToOMS = lists[1]
  }
}
