/// What the HTML report shows besides the result itself.
public struct HTMLReportOptions: Sendable {
  /// The data the run read (paths or `SYMBOL=PATH` specifications), listed as given.
  public var dataSources: [String]
  /// Reference prices to draw the trades on, at most one per instrument.
  public var prices: [ReportPriceSeries]
  /// The caveat about fills: the result's fill-mode note for bar data (the default); nil for
  /// fills simulated against an order book, which need none.
  public var fillNote: String?
  /// A generation time or label to print; nil prints none, so equal runs give equal bytes.
  public var generated: String?
  /// Chart width in pixels; long series are reduced to about four points per pixel.
  public var chartWidth: Int

  /// Creates options.
  public init(
    dataSources: [String] = [], prices: [ReportPriceSeries] = [], fillNote: String?,
    generated: String? = nil, chartWidth: Int = 960
  ) {
    self.dataSources = dataSources
    self.prices = prices
    self.fillNote = fillNote
    self.generated = generated
    self.chartWidth = max(200, chartWidth)
  }
}
