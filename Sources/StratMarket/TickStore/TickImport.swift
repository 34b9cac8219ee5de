import StratDiagnostics

/// Moves rows from the streaming readers into a `TickStore`, one file per symbol and UTC day.
/// If a reader throws (policy `.stop`), nothing is written: files appear only when every row
/// was read.
public enum TickImport {
  /// What an import wrote.
  public struct Report: Sendable {
    /// Files written, in path order.
    public var files: [TickFileWriter.Summary]
    /// Rows written.
    public var rows: Int
    /// Malformed rows passed over (policy `.skip`), and the first few of their diagnostics.
    public var skipped: Int
    public var skippedDiagnostics: [Diagnostic]
  }

  /// Imports every trade of `reader`.
  public static func trades(_ reader: TradeCSVReader, into store: TickStore, source: String)
    throws(MarketDataError) -> Report
  {
    let sink = TickStoreSink(store: store, kind: .trades, source: source)
    var rows = 0
    while let t = try reader.next() {
      try sink.writer(symbol: reader.symbol, timeNanos: t.timeNanos).appendTrade(
        timeNanos: t.timeNanos, price: t.price.raw, quantity: t.size, side: t.side)
      rows += 1
    }
    return Report(files: try sink.finish(), rows: rows, skipped: reader.skipped,
      skippedDiagnostics: reader.skippedDiagnostics)
  }

  /// Imports every quote of `reader`.
  public static func quotes(_ reader: QuoteCSVReader, into store: TickStore, source: String)
    throws(MarketDataError) -> Report
  {
    let sink = TickStoreSink(store: store, kind: .quotes, source: source)
    var rows = 0
    while let q = try reader.next() {
      try sink.writer(symbol: reader.symbol, timeNanos: q.timeNanos).appendQuote(
        timeNanos: q.timeNanos, bid: q.bid.raw, bidSize: q.bidSize, ask: q.ask.raw, askSize: q.askSize)
      rows += 1
    }
    return Report(files: try sink.finish(), rows: rows, skipped: reader.skipped,
      skippedDiagnostics: reader.skippedDiagnostics)
  }

  /// Imports every order event of an order CSV.
  public static func orders(_ reader: OrderCSVReader, into store: TickStore, source: String)
    throws(MarketDataError) -> Report
  {
    let sink = TickStoreSink(store: store, kind: .orders, source: source)
    var rows = 0
    while let event = try reader.next() {
      try sink.writer(symbol: reader.symbol, timeNanos: event.timeNanos).append(event)
      rows += 1
    }
    return Report(files: try sink.finish(), rows: rows, skipped: reader.skipped,
      skippedDiagnostics: reader.skippedDiagnostics)
  }

  /// Imports the events `next` yields (a LOBSTER or ITCH reader) for one symbol; `skipped`
  /// reports the reader's count once `next` returns nil.
  public static func orderEvents(
    symbol: String, into store: TickStore, source: String,
    next: () throws(MarketDataError) -> OrderEvent?,
    skipped: () -> (Int, [Diagnostic])
  ) throws(MarketDataError) -> Report {
    let sink = TickStoreSink(store: store, kind: .orders, source: source)
    var rows = 0
    while let event = try next() {
      try sink.writer(symbol: symbol, timeNanos: event.timeNanos).append(event)
      rows += 1
    }
    let (count, diagnostics) = skipped()
    return Report(files: try sink.finish(), rows: rows, skipped: count, skippedDiagnostics: diagnostics)
  }

  /// Imports a bar series (already validated by `BarCSVReader`); volume is kept to 1e-8.
  public static func bars(_ series: BarSeries, into store: TickStore, source: String)
    throws(MarketDataError) -> Report
  {
    let sink = TickStoreSink(store: store, kind: .bars, source: source)
    for i in 0..<series.count {
      let volume = series.hasVolume ? (FixedPointText.rounding(series.volume[i]) ?? 0) : 0
      try sink.writer(symbol: series.symbol, timeNanos: series.times[i]).appendBar(
        timeNanos: series.times[i], open: series.open[i].raw, high: series.high[i].raw,
        low: series.low[i].raw, close: series.close[i].raw, volume: volume)
    }
    sink.forEachWriter { $0.setHasVolume(series.hasVolume) }
    return Report(files: try sink.finish(), rows: series.count, skipped: 0, skippedDiagnostics: [])
  }
}
