import StratRuntime
import StratBacktest
import StratMarket

/// The simulated venue's settings from the command line (read by `VenueSettings`, which the
/// engine's config shares):
/// ```
///   --order-latency L   --feed-latency L     L = 250us | 2ms | uniform:50us:150us | lognormal:100us:0.5
///   --queue conservative-fifo|proportional|optimistic   --trade-through printed-quantity|whole-order
///   --maker-fee per-share:-0.002   --taker-fee per-notional:0.0003   --seed N
/// ```
enum VenueOptions {
  static let flags = [
    "order-latency", "feed-latency", "queue", "trade-through", "maker-fee", "taker-fee", "seed",
  ]

  static func config(_ args: Arguments) throws -> VenueConfig {
    var config = VenueConfig()
    do throws(VenueSettings.Problem) {
      if let text = args.value("order-latency") { config.orderLatency = try VenueSettings.latency(text, name: "--order-latency") }
      if let text = args.value("feed-latency") { config.feedLatency = try VenueSettings.latency(text, name: "--feed-latency") }
      if let text = args.value("queue") { config.queueModel = try VenueSettings.queue(text, name: "--queue") }
      if let text = args.value("trade-through") { config.tradeThrough = try VenueSettings.tradeThrough(text, name: "--trade-through") }
      if let text = args.value("maker-fee") { config.fees.maker = try VenueSettings.fee(text, name: "--maker-fee") }
      if let text = args.value("taker-fee") { config.fees.taker = try VenueSettings.fee(text, name: "--taker-fee") }
      if let text = args.value("seed") { config.seed = try VenueSettings.seed(text, name: "--seed") }
    } catch {
      throw Arguments.Problem.usage(error.message)
    }
    if let problem = config.problems.first { throw Arguments.Problem.usage(problem.message) }
    return config
  }
}
