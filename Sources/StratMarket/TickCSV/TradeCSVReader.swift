import StratDiagnostics

/// One trade print: exact price, size in 1e-8 units (crypto sizes are fractional), and the
/// aggressor side when the source gives it.
public struct TradeTick: Sendable, Hashable {
  /// Nanoseconds since the epoch.
  public var timeNanos: Int64
  /// The trade price.
  public var price: Price
  /// The traded size in 1e-8 units (100_000_000 = one share or one coin).
  public var size: Int64
  /// The aggressor side, nil when unknown.
  public var side: Side?

  /// Creates a trade.
  public init(timeNanos: Int64, price: Price, size: Int64, side: Side?) {
    self.timeNanos = timeNanos
    self.price = price
    self.size = size
    self.side = side
  }
}

/// Streams a trade CSV (`time, price, size|quantity|qty [, side] [, symbol]`, names matched
/// case-insensitively, see `TickCSVLayout`) row by row with a fixed buffer: memory does not grow
/// with the file. Prices and sizes are exact; times must not decrease; every error has path,
/// line, column and byte offset and a `data.csv.*` id.
public final class TradeCSVReader {
  private let rows: TickCSVRows

  /// Reads the header of `stream`; `symbol` is used when the file has no symbol column (nil:
  /// from the file name, `AAPL-trades.csv` → `AAPL`).
  public init(stream: ByteStream, symbol: String? = nil, policy: MalformedInputPolicy = .stop)
    throws(MarketDataError)
  {
    rows = try TickCSVRows(stream: stream, kind: .trades, symbol: symbol, policy: policy)
  }

  /// Opens `path` (gzip or plain) and reads its header.
  public convenience init(path: String, symbol: String? = nil, policy: MalformedInputPolicy = .stop)
    throws(MarketDataError)
  {
    try self.init(stream: try ByteStreams.open(path: path), symbol: symbol, policy: policy)
  }

  /// The symbol of the row last returned.
  public var symbol: String { rows.symbol }
  /// Rows returned so far.
  public var count: Int { rows.rows }
  /// Malformed rows passed over (policy `.skip`).
  public var skipped: Int { rows.skipped }
  /// The first few diagnostics of skipped rows.
  public var skippedDiagnostics: [Diagnostic] { rows.skippedDiagnostics }
  /// Header names that are not used.
  public var ignoredColumns: [String] { rows.layout.ignored }
  /// Whether the file has a side column.
  public var hasSide: Bool { rows.layout.has(.side) }
  /// Whether the file has a symbol column.
  public var hasSymbolColumn: Bool { rows.layout.has(.symbol) }

  /// Returns the next trade, nil at the end.
  public func next() throws(MarketDataError) -> TradeTick? {
    try rows.next { (r: TickCSVRows) throws(Diagnostic) in
      TradeTick(
        timeNanos: try r.time(), price: Price(raw: try r.fixed(.price, positive: true)), size: try r.fixed(.size),
        side: try r.side(required: false))
    }
  }
}
