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

  public init(
    events: [OrderEvent], symbols: [UInt32: String], description: String,
    snapshots: BookSnapshots? = nil
  ) {
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

  /// Loads the events of `path` (see `format(of:)`).
  public static func load(
    path: String, date: String? = nil, symbol: String? = nil, policy: MalformedInputPolicy = .stop
  ) throws(MarketDataError) -> BookFeed {
    switch format(of: path) {
    case .lobster:
      let day = try LOBSTERDay.load(messagePath: path, date: date, symbol: symbol, policy: policy)
      let book = day.snapshots.map { ", the book from its orderbook file (\($0.levels) levels)" } ?? ", the book built from the messages"
      return BookFeed(
        events: day.events, symbols: [0: day.symbol],
        description: "LOBSTER \(day.symbol), \(day.events.count) messages\(book)",
        snapshots: day.snapshots)
    case .itch, .tick, nil:
      throw MarketDataError(diagnostics: [
        Diagnostic(
          id: "data.book.unsupported", message: "expected a LOBSTER message file; found `\(path)`",
          at: DataLocation(path: path))
      ])
    }
  }
}
