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
  /// The first diagnostics of the skipped lines.
  public var skippedDiagnostics: [Diagnostic] = []

  /// Where the book came from, for summaries: `orderbook file NAME (N levels)` or
  /// `rebuilt from the messages`.
  public var bookSource: String {
    guard let snapshots else { return "rebuilt from the messages" }
    return "orderbook file \(orderbookName ?? "?") (\(snapshots.levels) levels)"
  }
  /// The file name of the orderbook file read, if any.
  public var orderbookName: String?

  /// Loads the message file at `messagePath` (gzip or plain) and the orderbook file at
  /// `orderbookPath`, or the one found beside it (`…_orderbook_N.csv[.gz]`). Under `.skip` a
  /// malformed message skips its book row and a malformed row its message.
  public static func load(
    messagePath: String, orderbookPath: String? = nil, date: String? = nil, symbol: String? = nil,
    policy: MalformedInputPolicy = .stop
  ) throws(MarketDataError) -> LOBSTERDay {
    let session = try LOBSTERFileName.sessionClock(path: messagePath, date: date)
    let name = symbol ?? LOBSTERFileName(path: messagePath)?.symbol ?? "LOBSTER"
    let bookPath = orderbookPath ?? companionOrderbook(of: messagePath)
    if policy == .stop, let bookPath,
      var day = loadInParallel(messagePath: messagePath, bookPath: bookPath, session: session, symbol: name)
    {
      day.orderbookName = (bookPath as NSString).lastPathComponent
      return day
    }
    let reader = LOBSTERMessageReader(
      stream: try ByteStreams.open(path: messagePath), session: session, policy: policy)
    guard let bookPath else {
      let messages = try reader.readAll()
      return LOBSTERDay(
        events: messages, symbol: name, snapshots: nil, skipped: reader.skipped,
        skippedDiagnostics: reader.skippedDiagnostics)
    }
    let pairs = LOBSTERPairedReader(
      messages: reader, messagePath: messagePath,
      rows: LOBSTERBookReader(stream: try ByteStreams.open(path: bookPath), policy: .stop),
      bookPath: bookPath, policy: policy)
    var events: [OrderEvent] = []
    var snapshots: BookSnapshots?
    while let (event, row) = try pairs.next() {
      if snapshots == nil {
        snapshots = BookSnapshots(levels: pairs.rows.levels ?? max(row.asks.count, row.bids.count))
      }
      events.append(event)
      snapshots!.append(asks: row.asks, bids: row.bids)
    }
    var day = LOBSTERDay(
      events: events, symbol: name, snapshots: snapshots, skipped: pairs.skipped,
      skippedDiagnostics: pairs.skippedDiagnostics)
    day.orderbookName = snapshots == nil ? nil : (bookPath as NSString).lastPathComponent
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
