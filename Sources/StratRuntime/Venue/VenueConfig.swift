import StratDiagnostics

/// Everything that sets how the simulated venue fills: latencies, queue model, fees and the seed.
/// Two runs with equal configurations and equal inputs produce equal reports, byte for byte.
public struct VenueConfig: Sendable, Hashable {
  /// Delay from a strategy's decision to the venue, for new orders, cancels and replaces alike.
  public var orderLatency: LatencyModel
  /// Delay from a market event to the strategy seeing it; applied by the backtest loop (see
  /// `makeFeedLatencySampler()`), not by the venue.
  public var feedLatency: LatencyModel
  /// How resting orders advance in their queue.
  public var queueModel: QueueModel
  /// How much a trade-through fills.
  public var tradeThrough: TradeThroughFill
  /// Maker and taker fees.
  public var fees: VenueFees
  /// The seed of every random draw of the run.
  public var seed: UInt64

  /// Creates a configuration; the defaults are the conservative choices with no delay or fees.
  public init(
    orderLatency: LatencyModel = .zero,
    feedLatency: LatencyModel = .zero,
    queueModel: QueueModel = .conservativeFIFO,
    tradeThrough: TradeThroughFill = .printedQuantity,
    fees: VenueFees = .none,
    seed: UInt64 = 0
  ) {
    self.orderLatency = orderLatency
    self.feedLatency = feedLatency
    self.queueModel = queueModel
    self.tradeThrough = tradeThrough
    self.fees = fees
    self.seed = seed
  }

  /// Returns the problems that make this configuration unusable; empty when it is valid.
  public var problems: [Diagnostic] {
    orderLatency.problems(role: "order") + feedLatency.problems(role: "feed")
  }

  /// Returns the sampler of order-entry delays (stream 1 of the seed).
  public func makeOrderLatencySampler() -> LatencySampler {
    LatencySampler(model: orderLatency, seed: Self.stream(seed, 1))
  }

  /// Returns the sampler of feed delays (stream 2 of the seed), independent of the order one so
  /// that adding feed delay does not change the order delays.
  public func makeFeedLatencySampler() -> LatencySampler {
    LatencySampler(model: feedLatency, seed: Self.stream(seed, 2))
  }

  package static func stream(_ seed: UInt64, _ index: UInt64) -> UInt64 {
    var state = seed ^ (index &* 0xD1B5_4A32_D192_ED03)
    return VenueRandom.splitMix64(&state)
  }
}

/// A configuration or call the venue cannot run with; the diagnostics say what was expected.
public struct VenueError: Error, Sendable {
  /// The problems, ids `venue.*`.
  public var diagnostics: [Diagnostic]

  /// Creates an error from its diagnostics.
  public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
