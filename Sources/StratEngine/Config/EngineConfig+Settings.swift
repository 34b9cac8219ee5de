import StratConfig
import StratMarket

// The small value languages inside strings: addresses, durations, latencies, fees. Each parser
// returns the value or a message saying what was expected; the caller locates it.

/// A message about a setting's text, located by the caller.
package struct SettingProblem: Error, Sendable, Equatable {
  package let message: String
  init(_ message: String) { self.message = message }
}

/// Durations as `stratc` spells them: `0`, `800ns`, `250us`, `2ms`, `1s`.
package enum ConfigDuration {
  package static func nanos(_ text: String) -> Result<Int64, SettingProblem> {
    if text == "0" { return .success(0) }
    let units: [(String, Int64)] = [
      ("ns", 1), ("us", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000),
    ]
    for (suffix, scale) in units where text.hasSuffix(suffix) {
      let digits = text.dropLast(suffix.count)
      guard !digits.isEmpty, digits.utf8.allSatisfy(ConfigText.isDigit), let count = Int64(digits)
      else { break }
      let (value, overflow) = count.multipliedReportingOverflow(by: scale)
      if overflow { break }
      return .success(value)
    }
    return .failure(
      SettingProblem("expected a duration such as 800ns, 250us, 2ms or 1s; found `\(text)`")
    )
  }
}

extension EngineConfig {
  /// An IPv4 address and port, `127.0.0.1:9100`. Names are not resolved: the engine binds what
  /// the file says.
  package struct Address: Sendable, Equatable, CustomStringConvertible {
    /// The four bytes, most significant first.
    package var octets: [UInt8]
    package var port: UInt16

    package var isLoopback: Bool { octets[0] == 127 }
    package var isMulticast: Bool { octets[0] >= 224 && octets[0] <= 239 }
    /// The address in dotted form, without the port.
    package var host: String { octets.map(String.init).joined(separator: ".") }
    package var description: String { "\(host):\(port)" }

    /// Parses `A.B.C.D:PORT`; the message says what is wrong.
    package static func parse(_ text: String) -> Result<Address, SettingProblem> {
      let problem = SettingProblem(
        "expected an IPv4 address and port such as 127.0.0.1:9100; found `\(text)`"
      )
      let halves = text.split(separator: ":", omittingEmptySubsequences: false)
      guard halves.count == 2, let port = decimal(halves[1], max: 65_535) else {
        return .failure(problem)
      }
      let parts = halves[0].split(separator: ".", omittingEmptySubsequences: false)
      guard parts.count == 4 else { return .failure(problem) }
      var octets: [UInt8] = []
      for part in parts {
        guard let octet = decimal(part, max: 255) else { return .failure(problem) }
        octets.append(UInt8(octet))
      }
      return .success(Address(octets: octets, port: UInt16(port)))
    }

    /// 1 to 5 ASCII digits with no sign or leading zero, at most `max`.
    static func decimal(_ text: Substring, max: Int) -> Int? {
      guard !text.isEmpty, text.count <= 5, text.utf8.allSatisfy(ConfigText.isDigit),
        text.count == 1 || text.first != "0", let value = Int(text), value <= max
      else { return nil }
      return value
    }
  }

  /// A delay as `stratc backtest --order-latency` spells it: `250us`, `uniform:50us:150us`,
  /// `lognormal:100us:0.5`.
  package enum Latency: Sendable, Equatable {
    case constant(nanos: Int64)
    case uniform(lowNanos: Int64, highNanos: Int64)
    case logNormal(medianNanos: Int64, sigma: Double)

    /// The longest delay the simulated venue accepts: one day.
    static let maximumNanos: Int64 = 86_400 * 1_000_000_000

    package static func parse(_ text: String) -> Result<Latency, SettingProblem> {
      let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
      let shape =
        "expected a latency such as 250us, uniform:50us:150us or lognormal:100us:0.5; found `\(text)`"
      switch (parts.first, parts.count) {
      case (_, 1):
        return ConfigDuration.nanos(text).flatMap(checked).map { .constant(nanos: $0) }
      case ("uniform", 3):
        return ConfigDuration.nanos(parts[1]).flatMap(checked).flatMap { low in
          ConfigDuration.nanos(parts[2]).flatMap(checked).flatMap { high in
            low <= high
              ? .success(.uniform(lowNanos: low, highNanos: high))
              : .failure(SettingProblem("expected the low bound ≤ the high bound; found `\(text)`"))
          }
        }
      case ("lognormal", 3):
        guard let sigma = Double(parts[2]), sigma.isFinite, sigma >= 0, sigma <= 10 else {
          return .failure(
            SettingProblem("expected a sigma from 0 to 10 after the median; found `\(parts[2])`")
          )
        }
        return ConfigDuration.nanos(parts[1]).flatMap(checked).flatMap { median in
          median > 0
            ? .success(.logNormal(medianNanos: median, sigma: sigma))
            : .failure(SettingProblem("expected a median above 0; found `\(parts[1])`"))
        }
      default:
        return .failure(SettingProblem(shape))
      }
    }

    static func checked(_ nanos: Int64) -> Result<Int64, SettingProblem> {
      nanos <= maximumNanos
        ? .success(nanos)
        : .failure(SettingProblem("expected a latency of at most one day (86400s)"))
    }
  }

  /// A fee as `stratc backtest --maker-fee` spells it: `per-share:-0.002` (money per share, a
  /// negative fee is a rebate) or `per-notional:0.0003` (a fraction of the traded value).
  package enum Fee: Sendable, Equatable {
    case none
    case perShare(Money)
    case perNotional(Rate)

    package static func parse(_ text: String) -> Result<Fee, SettingProblem> {
      let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
      guard parts.count == 2, parts[0] == "per-share" || parts[0] == "per-notional" else {
        return .failure(
          SettingProblem(
            "expected a fee such as per-share:-0.002 or per-notional:0.0003; found `\(text)`"
          )
        )
      }
      do {
        return .success(
          parts[0] == "per-share"
            ? .perShare(try Money(parts[1])) : .perNotional(try Rate(parts[1]))
        )
      } catch {
        return .failure(
          SettingProblem(
            "expected a decimal rate with at most 8 decimals after `\(parts[0]):`; found `\(parts[1])`"
          )
        )
      }
    }
  }
}
