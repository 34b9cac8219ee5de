import StratBacktest
import StratMarket

/// The simulated venue's settings from the command line:
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
    if let text = args.value("order-latency") { config.orderLatency = try latency(text, flag: "order-latency") }
    if let text = args.value("feed-latency") { config.feedLatency = try latency(text, flag: "feed-latency") }
    if let text = args.value("queue") {
      guard let model = QueueModel(rawValue: text) else {
        throw usage("--queue must be \(QueueModel.allCases.map(\.rawValue).joined(separator: ", ")); found `\(text)`")
      }
      config.queueModel = model
    }
    if let text = args.value("trade-through") {
      guard let rule = TradeThroughFill(rawValue: text) else {
        throw usage("--trade-through must be \(TradeThroughFill.allCases.map(\.rawValue).joined(separator: " or ")); found `\(text)`")
      }
      config.tradeThrough = rule
    }
    if let text = args.value("maker-fee") { config.fees.maker = try fee(text, flag: "maker-fee") }
    if let text = args.value("taker-fee") { config.fees.taker = try fee(text, flag: "taker-fee") }
    if let text = args.value("seed") {
      guard let seed = UInt64(text) else { throw usage("--seed must be a whole number ≥ 0; found `\(text)`") }
      config.seed = seed
    }
    if let problem = config.problems.first { throw usage(problem.message) }
    return config
  }

  /// `250us`, `uniform:50us:150us`, `lognormal:100us:0.5`.
  static func latency(_ text: String, flag: String) throws -> LatencyModel {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    switch (parts.first, parts.count) {
    case ("uniform", 3):
      return .uniform(lowNanos: try nanos(parts[1], flag), highNanos: try nanos(parts[2], flag))
    case ("lognormal", 3):
      guard let sigma = Double(parts[2]) else { throw usage("--\(flag): sigma `\(parts[2])` is not a number") }
      return .logNormal(medianNanos: try nanos(parts[1], flag), sigma: sigma)
    case (_, 1):
      return .constant(nanos: try nanos(text, flag))
    default:
      throw usage("--\(flag) expects 250us, uniform:LOW:HIGH or lognormal:MEDIAN:SIGMA; found `\(text)`")
    }
  }

  /// A whole number with a unit: `0`, `800ns`, `250us`, `2ms`, `1s`.
  static func nanos(_ text: String, _ flag: String) throws -> Int64 {
    if text == "0" { return 0 }
    for (suffix, scale) in [("ns", Int64(1)), ("us", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000)] where text.hasSuffix(suffix) {
      if let count = Int64(text.dropLast(suffix.count)), count >= 0,
        case let (value, overflow) = count.multipliedReportingOverflow(by: scale), !overflow
      {
        return value
      }
    }
    throw usage("--\(flag): `\(text)` is not a latency such as 800ns, 250us, 2ms or 1s")
  }

  /// `per-share:-0.002` or `per-notional:0.0003`, read like `--fee`.
  static func fee(_ text: String, flag: String) throws -> VenueFeeRate {
    switch try BacktestCommand.feeModel(text, flag: flag) {
    case .none: .none
    case .perShare(let rate): .perShare(rate)
    case .perNotional(let rate): .perNotional(rate)
    }
  }

  static func usage(_ message: String) -> Arguments.Problem { .usage(message) }
}
