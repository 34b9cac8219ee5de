import Foundation
import StratDiagnostics

/// A LOBSTER day ready to replay: the messages and, when LOBSTER's orderbook file is beside the
/// message file, the visible book after each message.
///
/// The orderbook file is the book: LOBSTER's message file holds only the messages that touch the
/// requested levels, so a book built from messages alone keeps orders that left the visible
/// depth and were cancelled out of sight (in the GOOG sample, bids 10 dollars above the market
/// by the afternoon). Without the orderbook file the book is built from the messages, and the
/// summary says so.
public struct LOBSTERDay: Sendable {
  /// The messages, as order-book events.
  public var events: [OrderEvent]
  /// The ticker from the file name (or `symbol`).
  public var symbol: String
  /// The book after each message, from the orderbook file.
  public var snapshots: BookSnapshots?
  /// Malformed lines skipped under `.skip`.
  public var skipped: Int

  /// Loads the message file at `messagePath` (gzip or plain) and the orderbook file at
  /// `orderbookPath`, or the one found beside it (`…_orderbook_N.csv[.gz]`).
  public static func load(
    messagePath: String, orderbookPath: String? = nil, date: String? = nil, symbol: String? = nil,
    policy: MalformedInputPolicy = .stop
  ) throws(MarketDataError) -> LOBSTERDay {
    let session = try LOBSTERFileName.sessionClock(path: messagePath, date: date)
    let reader = LOBSTERMessageReader(
      stream: try ByteStreams.open(path: messagePath), session: session, policy: policy)
    let messages = try reader.readAll()
    let name = symbol ?? LOBSTERFileName(path: messagePath)?.symbol ?? "LOBSTER"
    var day = LOBSTERDay(events: messages, symbol: name, snapshots: nil, skipped: reader.skipped)
    guard let bookPath = orderbookPath ?? companionOrderbook(of: messagePath) else { return day }
    let rows = LOBSTERBookReader(stream: try ByteStreams.open(path: bookPath), policy: .stop)
    guard let first = try rows.next() else { return day }
    var snapshots = BookSnapshots(levels: rows.levels ?? max(first.asks.count, first.bids.count))
    snapshots.append(asks: first.asks, bids: first.bids)
    while let row = try rows.next() { snapshots.append(asks: row.asks, bids: row.bids) }
    guard snapshots.count == messages.count, reader.skipped == 0 else {
      throw MarketDataError(diagnostics: [
        Diagnostic(
          id: "data.lobster.row-count",
          message: "expected one orderbook row per message (\(messages.count + reader.skipped) in \(messagePath)); found \(snapshots.count) rows",
          at: DataLocation(path: bookPath, line: snapshots.count + 1),
          notes: ["a LOBSTER message file and its orderbook file come as a pair from the same request"])
      ])
    }
    day.snapshots = snapshots
    return day
  }

  /// The orderbook file that LOBSTER ships beside a message file, if it exists.
  public static func companionOrderbook(of messagePath: String) -> String? {
    guard let range = messagePath.range(of: "_message_", options: .backwards) else { return nil }
    let base = messagePath.replacingCharacters(in: range, with: "_orderbook_")
    let stem = base.hasSuffix(".gz") ? String(base.dropLast(3)) : base
    return [stem, stem + ".gz"].first { FileManager.default.fileExists(atPath: $0) }
  }
}
