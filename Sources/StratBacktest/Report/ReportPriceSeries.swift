import StratRuntime
import StratMarket

/// A reference price for one instrument, drawn under its trade markers: bar closes for a bar
/// backtest, or trade or mid prices for an order-book one. The report does not care which.
public struct ReportPriceSeries: Sendable {
  /// The instrument index (the strategy's instrument order).
  public var instrument: Int
  /// What the price is (`close`, `mid`, `last trade`), shown in the chart's caption.
  public var label: String
  /// Times, ns since the epoch, non-decreasing.
  public var times: [Int64]
  /// Prices at those times.
  public var prices: [Price]

  /// Creates a price series.
  public init(instrument: Int, label: String, times: [Int64], prices: [Price]) {
    self.instrument = instrument
    self.label = label
    self.times = times
    self.prices = prices
  }

  /// The closes of `bars` for `instrument`.
  public init(instrument: Int, closesOf bars: BarSeries) {
    self.init(instrument: instrument, label: "close", times: bars.times, prices: bars.close)
  }
}
