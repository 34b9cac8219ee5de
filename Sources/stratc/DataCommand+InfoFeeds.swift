import Foundation
import StratDiagnostics
import StratMarket

/// `stratc data info` for LOBSTER and ITCH files.
enum DataInfoFeeds {
  /// A LOBSTER message file: messages, the mix of event kinds, the span.
  static func lobster(_ path: String, date: String?, policy: MalformedInputPolicy) throws(MarketDataError) -> String {
    let reader = LOBSTERMessageReader(
      stream: try ByteStreams.open(path: path),
      session: try LOBSTERFileName.sessionClock(path: path, date: date), policy: policy)
    var counts = [Int](repeating: 0, count: 9)
    var first: Int64?
    var last: Int64 = 0
    while let event = try reader.next() {
      counts[Int(event.kind.rawValue)] += 1
      if first == nil { first = event.timeNanos }
      last = event.timeNanos
    }
    let mix = (1...8).compactMap { raw -> String? in
      guard counts[raw] > 0, let kind = OrderEvent.Kind(rawValue: UInt8(raw)) else { return nil }
      return "\(OrderCSVReader.name(of: kind)) \(counts[raw])"
    }
    let name = LOBSTERFileName(path: path)
    return "\(path): lobster message file\n"
      + "  symbol   \(name?.symbol ?? "?")\n  levels   \(name.map { "\($0.levels)" } ?? "?")\n"
      + "  messages \(reader.messages)\n  mix      \(mix.joined(separator: ", "))\n"
      + "  span     \(first.map { "\(DataCommand.time($0)) … \(DataCommand.time(last))" } ?? "(no rows)")\n"
      + (reader.skipped > 0 ? "  skipped  \(reader.skipped) malformed rows\n" : "")
      + (reader.roundedTimes > 0
        ? "  rounded  \(reader.roundedTimes) time(s) with more than 9 decimals, to the nearest "
          + "nanosecond (ties to even)\n" : "")
  }

  /// A LOBSTER orderbook file: rows and levels.
  static func lobsterBook(_ path: String, policy: MalformedInputPolicy) throws(MarketDataError) -> String {
    let reader = try LOBSTERBookReader(stream: try ByteStreams.open(path: path), policy: policy)
    var rows = 0
    while try reader.next() != nil { rows += 1 }
    return "\(path): lobster orderbook file\n  levels   \(reader.levels.map(String.init) ?? "?")\n"
      + "  rows     \(rows)\n" + (reader.skipped > 0 ? "  skipped  \(reader.skipped) malformed rows\n" : "")
  }

  /// An ITCH file: framing, message counts by type, span of the message timestamps.
  static func itch(_ path: String, date: String?, policy: MalformedInputPolicy) throws(MarketDataError) -> String {
    let reader = try ITCHFileReader(path: path, policy: policy)
    var counts = [Int](repeating: 0, count: 256)
    var first: UInt64?
    var last: UInt64 = 0
    try reader.forEachWire { wire in
      counts[Int(wire.type)] += 1
      let stamp = wire.u48(5)
      if first == nil { first = stamp }
      last = stamp
    }
    let session = try? TickImport.itchSessionClock(path: path, date: date)
    let byType = (0..<256).filter { counts[$0] > 0 }.map {
      "\(String(UnicodeScalar(UInt8($0)))) \(counts[$0])"
    }
    let span = first.map { f in
      session.map {
        "\(DataCommand.time($0.utcNanos(nanosOfDay: Int64(f)))) … \(DataCommand.time($0.utcNanos(nanosOfDay: Int64(last))))"
      }
        ?? "\(clock(f)) … \(clock(last)) after midnight (no session date)"
    } ?? "(no messages)"
    return "\(path): itch 5.0\n  framing  \(reader.framing.rawValue)\n"
      + "  messages \(reader.messageCount)\n  types    \(byType.joined(separator: ", "))\n"
      + "  span     \(span)\n" + (reader.skippedCount > 0 ? "  skipped  \(reader.skippedCount) malformed messages\n" : "")
  }

  /// Nanoseconds after midnight as HH:MM:SS.fraction.
  static func clock(_ nanos: UInt64) -> String {
    let iso = DataCommand.time(Int64(nanos))
    return String(iso.dropFirst(11).dropLast())
  }
}
