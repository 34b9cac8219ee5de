import Foundation
import StratDiagnostics

/// Order-book events of a backtest, from whichever file holds them, with the symbol of each feed
/// instrument number so that strategy instruments can be bound by symbol.
public struct BookFeed: Sendable {
  /// The events in replay order.
  public var events: [OrderEvent]
  /// Symbol of each feed instrument number that has events.
  public var symbols: [UInt32: String]
  /// What was read, for the summary.
  public var description: String
  /// The published book after each event, when the feed has it (LOBSTER with its orderbook
  /// file): then it is the book, exactly as the venue displayed it; otherwise books are built
  /// from the events. Only for single-instrument feeds.
  public var snapshots: BookSnapshots?
  /// Where the book comes from, for summaries: the published book's file, named, or rebuilt
  /// from the events.
  public var bookSource: String
  /// True when a message about an order the book never saw states where that order rested, its
  /// side and price (LOBSTER's do), so that it can come off that level; ITCH's state neither
  /// (C carries the execution's price, and no message but A F the side).
  public var locatesUnknownOrders = true
  /// Malformed LOBSTER lines skipped (`.skip`), and the first diagnostics of them.
  public var skipped = 0
  public var skippedDiagnostics: [Diagnostic] = []

  public init(
    events: [OrderEvent], symbols: [UInt32: String], description: String,
    snapshots: BookSnapshots? = nil, bookSource: String = "rebuilt from the messages"
  ) {
    self.bookSource = bookSource
    self.events = events
    self.symbols = symbols
    self.description = description
    self.snapshots = snapshots
  }

  /// The kinds of file a book backtest reads.
  public enum Format: String, Sendable, CaseIterable {
    case lobster, itch, tick
  }

  /// The format of `path` from its name: a LOBSTER message file, a tick-store file (`.tick`), or
  /// an ITCH file (`.itch`, `NASDAQ_ITCH50`, `.ITCH_50`, optionally gzipped); nil for anything
  /// else (bars).
  public static func format(of path: String) -> Format? {
    if let name = LOBSTERFileName(path: path), name.isMessageFile { return .lobster }
    let lower = path.lowercased()
    if lower.hasSuffix(".tick") { return .tick }
    let stem = lower.hasSuffix(".gz") ? String(lower.dropLast(3)) : lower
    if stem.hasSuffix(".itch") || stem.hasSuffix("itch50") || stem.hasSuffix("itch_50") { return .itch }
    return nil
  }

  /// Loads the events of `path` (see `format(of:)`); for a multi-stock ITCH file, only the
  /// stocks in `wanted` (all when nil).
  public static func load(
    path: String, date: String? = nil, symbol: String? = nil, wanted: Set<String>? = nil,
    policy: MalformedInputPolicy = .stop
  ) throws(MarketDataError) -> BookFeed {
    switch format(of: path) {
    case .lobster:
      let day = try LOBSTERDay.load(messagePath: path, date: date, symbol: symbol, policy: policy)
      let book = day.snapshots.map { ", the book from its orderbook file (\($0.levels) levels)" } ?? ", the book built from the messages"
      var feed = BookFeed(
        events: day.events, symbols: [0: day.symbol],
        description: "LOBSTER \(day.symbol), \(day.events.count) messages\(book)",
        snapshots: day.snapshots, bookSource: day.bookSource)
      (feed.skipped, feed.skippedDiagnostics) = (day.skipped, day.skippedDiagnostics)
      return feed
    case .itch:
      return try itch(path: path, date: date, wanted: wanted, policy: policy)
    case .tick:
      return try tick(path: path)
    case nil:
      throw MarketDataError(diagnostics: [
        Diagnostic(
          id: "data.book.unsupported",
          message: "expected a LOBSTER message file, an ITCH file or a .tick file; found `\(path)`",
          at: DataLocation(path: path))
      ])
    }
  }

  /// The order-book events of the wanted stocks of an ITCH 5.0 file, numbered by stock locate,
  /// with symbols from its Stock Directory messages.
  static func itch(
    path: String, date: String?, wanted: Set<String>?, policy: MalformedInputPolicy
  ) throws(MarketDataError) -> BookFeed {
    let session = try TickImport.itchSessionClock(path: path, date: date)
    let reader = try ITCHFileReader(stream: try ByteStreams.open(path: path), policy: policy)
    var symbols: [UInt32: String] = [:]
    var keep = Set<UInt32>()
    var events: [OrderEvent] = []
    var event = OrderEvent(timeNanos: 0, kind: .add)
    while let wire = try reader.nextWire() {
      if wire.type == 0x52 {  // Stock Directory: locate → symbol
        let locate = UInt32(wire.u16(1))
        let name = ITCHSymbol(raw: wire.u64(11)).text
        symbols[locate] = name
        if wanted?.contains(name) ?? true { keep.insert(locate) }
        continue
      }
      guard wire.orderEvent(session: session, into: &event), keep.contains(event.instrument)
      else { continue }
      events.append(event)
    }
    let kept = symbols.filter { keep.contains($0.key) }
    var feed = BookFeed(
      events: events, symbols: kept,
      description: "ITCH 5.0 \((path as NSString).lastPathComponent) (\(reader.framing.rawValue) framing), "
        + "\(events.count) events of \(kept.count) stocks, the book built from them")
    feed.locatesUnknownOrders = false
    return feed
  }
}
