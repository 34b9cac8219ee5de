import StratMarket

/// The one reading of the simulated venue's settings from text, shared by `stratc backtest`'s
/// flags and the engine's config file, so both spell and check them the same way. `name` is
/// how the caller names the setting in messages (`--order-latency`, `venue.order_latency`).
package enum VenueSettings {
  /// A setting's text that does not read; `message` names the setting and what was expected.
  package struct Problem: Error, Sendable {
    package let message: String
  }

  /// `250us`, `uniform:50us:150us`, `lognormal:100us:0.5`.
  package static func latency(_ text: String, name: String) throws(Problem) -> LatencyModel {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    switch (parts.first, parts.count) {
    case ("uniform", 3):
      return .uniform(lowNanos: try nanos(parts[1], name: name), highNanos: try nanos(parts[2], name: name))
    case ("lognormal", 3):
      guard let sigma = Double(parts[2]) else { throw Problem(message: "\(name): sigma `\(parts[2])` is not a number") }
      return .logNormal(medianNanos: try nanos(parts[1], name: name), sigma: sigma)
    case (_, 1):
      return .constant(nanos: try nanos(text, name: name))
    default:
      throw Problem(message: "\(name) expects 250us, uniform:LOW:HIGH or lognormal:MEDIAN:SIGMA; found `\(text)`")
    }
  }

  /// A whole number with a unit: `0`, `800ns`, `250us`, `2ms`, `1s`.
  package static func nanos(_ text: String, name: String) throws(Problem) -> Int64 {
    if text == "0" { return 0 }
    for (suffix, scale) in [("ns", Int64(1)), ("us", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000)]
    where text.hasSuffix(suffix) {
      if let count = Int64(text.dropLast(suffix.count)), count >= 0,
        case let (value, overflow) = count.multipliedReportingOverflow(by: scale), !overflow
      {
        return value
      }
    }
    throw Problem(message: "\(name): `\(text)` is not a latency such as 800ns, 250us, 2ms or 1s")
  }

  /// `per-share:-0.002` or `per-notional:0.0003`.
  package static func fee(_ text: String, name: String) throws(Problem) -> VenueFeeRate {
    let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
    guard parts.count == 2 else {
      throw Problem(message: "\(name) expects per-share:RATE or per-notional:RATE; found `\(text)`")
    }
    do {
      switch parts[0] {
      case "per-share": return .perShare(try Money(parts[1]))
      case "per-notional": return .perNotional(try Rate(parts[1]))
      default: throw Problem(message: "\(name) kind must be per-share or per-notional; found `\(parts[0])`")
      }
    } catch let problem as Problem {
      throw problem
    } catch {
      throw Problem(message: "\(name) rate `\(parts[1])`: \(error)")
    }
  }

  /// `conservative-fifo`, `proportional` or `optimistic`.
  package static func queue(_ text: String, name: String) throws(Problem) -> QueueModel {
    guard let model = QueueModel(rawValue: text) else {
      throw Problem(message: "\(name) must be \(QueueModel.allCases.map(\.rawValue).joined(separator: ", ")); found `\(text)`")
    }
    return model
  }

  /// `printed-quantity` or `whole-order`.
  package static func tradeThrough(_ text: String, name: String) throws(Problem) -> TradeThroughFill {
    guard let rule = TradeThroughFill(rawValue: text) else {
      throw Problem(
        message: "\(name) must be \(TradeThroughFill.allCases.map(\.rawValue).joined(separator: " or ")); found `\(text)`")
    }
    return rule
  }

  /// A whole number ≥ 0.
  package static func seed(_ text: String, name: String) throws(Problem) -> UInt64 {
    guard let seed = UInt64(text) else { throw Problem(message: "\(name) must be a whole number ≥ 0; found `\(text)`") }
    return seed
  }
}
