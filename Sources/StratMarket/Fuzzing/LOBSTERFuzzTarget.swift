// What Fuzz/LOBSTERFuzz drives, and the lobster corpus replay test replays: one code path.

import StratDiagnostics

/// Runs one input through the LOBSTER readers and what consumes them. The input is a message
/// file, then a NUL byte and an orderbook file (without a NUL, the same bytes are read as
/// both). Messages and rows are read under both policies; when both files read, the day is
/// assembled as `LOBSTERDay` does (snapshots), the book built from the messages is compared
/// with the rows (`BookAgreement`) and printed in LOBSTER's layout (`data book`).
/// Returns the ids of the diagnostics thrown or recorded for skipped lines; a trap is a bug.
enum LOBSTERFuzzTarget {
  static let separator: UInt8 = 0

  static func run(_ input: UnsafeRawBufferPointer) -> [String] {
    let cut = input.firstIndex(of: separator)
    let messages = UnsafeRawBufferPointer(rebasing: input[..<(cut ?? input.endIndex)])
    let book = cut.map { UnsafeRawBufferPointer(rebasing: input[($0 + 1)...]) } ?? input
    var ids: [String] = []
    var events: [OrderEvent]?
    var rows: [LOBSTERBookRow]?
    for policy in MalformedInputPolicy.allCases {
      let reader = LOBSTERMessageReader(
        stream: BufferByteStream(messages),
        sessionMidnightNanos: 0,
        policy: policy
      )
      do { events = try reader.readAll() } catch { ids += error.diagnostics.map(\.id) }
      ids += reader.skippedDiagnostics.map(\.id)
      let rowReader = LOBSTERBookReader(stream: BufferByteStream(book), policy: policy)
      do { rows = try rowReader.readAll() } catch { ids += error.diagnostics.map(\.id) }
      ids += rowReader.skippedDiagnostics.map(\.id)
    }
    if let events, let rows { replay(events, rows) }
    return ids
  }

  /// What a backtest and `data book` do with a day that read.
  static func replay(_ events: [OrderEvent], _ rows: [LOBSTERBookRow]) {
    let levels = rows.map { max($0.asks.count, $0.bids.count) }.max() ?? 1
    var snapshots = BookSnapshots(levels: levels)
    for row in rows { snapshots.append(asks: row.asks, bids: row.bids) }
    for k in 0..<min(snapshots.count, 4) { _ = snapshots.level(row: k, side: .buy, index: 0) }
    let agreement = BookAgreement(levels: levels)
    for (event, row) in zip(events, rows) {
      agreement.apply(event)
      agreement.compare(with: row)
    }
    _ = agreement.report.description
    let built = OrderBook()
    var out: [UInt8] = []
    for event in events {
      _ = built.apply(event)
      LOBSTERBookRow.appendCSV(of: built, levels: min(levels, 10), to: &out)
      if out.count > 1 << 16 { out.removeAll(keepingCapacity: true) }
    }
  }
}
