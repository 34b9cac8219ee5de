import StratDiagnostics

/// One top-of-book quote: exact prices, sizes in 1e-8 units.
public struct QuoteTick: Sendable, Hashable {
  /// Nanoseconds since the epoch.
  public var timeNanos: Int64
  /// Best bid price.
  public var bid: Price
  /// Size at the best bid, 1e-8 units.
  public var bidSize: Int64
  /// Best ask price.
  public var ask: Price
  /// Size at the best ask, 1e-8 units.
  public var askSize: Int64

  /// Creates a quote.
  public init(timeNanos: Int64, bid: Price, bidSize: Int64, ask: Price, askSize: Int64) {
    self.timeNanos = timeNanos
    self.bid = bid
    self.bidSize = bidSize
    self.ask = ask
    self.askSize = askSize
  }
}

/// Streams a quote CSV (`time, bid, bid_size, ask, ask_size [, symbol]`, with aliases such as
/// bid_price/bid_px/bidsize/ask_qty, see `TickCSVLayout`) row by row with a fixed buffer.
/// A crossed quote (bid above ask) is kept as given: it happens in real feeds.
public final class QuoteCSVReader {
  private let rows: TickCSVRows

  /// Reads the header of `stream`; `symbol` is used when there is no symbol column.
  public init(stream: ByteStream, symbol: String? = nil, policy: MalformedInputPolicy = .stop)
    throws(MarketDataError)
  {
    rows = try TickCSVRows(stream: stream, kind: .quotes, symbol: symbol, policy: policy)
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

  /// Returns the next quote, nil at the end.
  public func next() throws(MarketDataError) -> QuoteTick? {
    try rows.next { (r: TickCSVRows) throws(Diagnostic) in
      QuoteTick(
        timeNanos: try r.time(), bid: Price(raw: try r.fixed(.bid, positive: true)), bidSize: try r.fixed(.bidSize),
        ask: Price(raw: try r.fixed(.ask, positive: true)), askSize: try r.fixed(.askSize))
    }
  }
}
