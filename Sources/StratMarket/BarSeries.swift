/// The bars of one symbol in time order, stored column by column (structure of arrays) so that
/// replay touches only the fields it reads.
public struct BarSeries: Sendable {
  /// The market symbol, e.g. `KO`.
  public var symbol: String
  /// The file the bars came from, as the user gave it (empty when built in memory).
  public var path: String
  /// Bar times in nanoseconds since the epoch (UTC), strictly increasing.
  public var times: [Int64]
  /// Opening prices.
  public var open: [Price]
  /// Highest prices.
  public var high: [Price]
  /// Lowest prices.
  public var low: [Price]
  /// Closing prices.
  public var close: [Price]
  /// Volumes; NaN for every bar when the file has no volume column (`hasVolume` is false).
  public var volume: [Double]
  /// Whether the source had a volume column.
  public var hasVolume: Bool

  /// Creates a series from columns of equal length (not validated; the CSV reader validates).
  public init(
    symbol: String,
    path: String = "",
    times: [Int64],
    open: [Price],
    high: [Price],
    low: [Price],
    close: [Price],
    volume: [Double],
    hasVolume: Bool = true
  ) {
    self.symbol = symbol
    self.path = path
    self.times = times
    self.open = open
    self.high = high
    self.low = low
    self.close = close
    self.volume = volume
    self.hasVolume = hasVolume
  }

  /// The number of bars.
  public var count: Int { times.count }

  /// True when there are no bars.
  public var isEmpty: Bool { times.isEmpty }
}
