import StratABI
import StratMarket

/// How to run a backtest on order-book events: the venue's models (order and feed latency,
/// queue, fees, seed), the instrument binding, and the labels written into the summary.
public struct BookBacktestConfig: Sendable {
  /// Matching, queue, order and feed latency, fees and seed of the simulated venue.
  public var venue: VenueConfig
  /// For each strategy instrument, the feed's instrument number it is bound to.
  public var feedInstrumentForInstrument: [UInt32]
  /// Symbols for the summary, in instrument order.
  public var symbols: [String]
  /// The executor's name for the summary.
  public var backend: String
  /// Parameter values for the summary; nil means the executor's.
  public var params: [ParameterInfo]?
  /// Where the book came from, for the summary (`BookFeed.bookSource`).
  public var bookSource: String?
  /// Whether the feed's messages about unseen orders say where they rested
  /// (`BookFeed.locatesUnknownOrders`); false for ITCH.
  public var locatesUnknownOrders: Bool

  public init(
    venue: VenueConfig, feedInstrumentForInstrument: [UInt32],
    symbols: [String], backend: String = "unknown", params: [ParameterInfo]? = nil,
    bookSource: String? = nil, locatesUnknownOrders: Bool = true
  ) {
    self.locatesUnknownOrders = locatesUnknownOrders
    self.bookSource = bookSource
    self.venue = venue
    self.feedInstrumentForInstrument = feedInstrumentForInstrument
    self.symbols = symbols
    self.backend = backend
    self.params = params
  }
}
