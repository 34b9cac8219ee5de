import StratDiagnostics

extension TickFile {
  /// The rows of a `bars` file as a bar series of `symbol` (nil: the header's symbol), so that
  /// `--data SYMBOL=FILE.tick` backtests on imported bars as on their CSV. Prices are exact;
  /// volume is the stored 1e-8 count as a double (the CSV reader's value for up to 8 decimals),
  /// NaN without `hasVolume`. Values (and strictly increasing times) were checked on opening
  /// (`TickFile+Values.swift`).
  public func barSeries(symbol: String? = nil) throws(MarketDataError) -> BarSeries {
    guard header.kind == .bars else {
      throw MarketDataError(diagnostics: [
        Diagnostic(
          id: "data.tick.not-bars",
          message: "expected a tick file of bars for --data SYMBOL=FILE.tick; found kind \(header.kind)",
          at: DataLocation(path: path, byteOffset: 14),
          notes: ["a file of order-book events is backtested alone: --data FILE.tick"])
      ])
    }
    let times = Array(self.times)
    let hasVolume = header.flags & TickFileHeader.flagHasVolume != 0
    func prices(_ column: TickColumn) -> [Price] { int64(column).map { Price(raw: $0) } }
    return BarSeries(
      symbol: symbol ?? header.symbol, path: path, times: times, open: prices(.open),
      high: prices(.high), low: prices(.low), close: prices(.close),
      volume: hasVolume ? int64(.volume).map { Double($0) / 100_000_000 } : Array(repeating: .nan, count: rowCount),
      hasVolume: hasVolume)
  }
}
