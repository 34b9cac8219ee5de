import Foundation
import StratDiagnostics

/// How long a message takes to travel, in nanoseconds: from the strategy's decision to the venue
/// (order entry), or from the venue's event to the strategy (market-data feed).
///
/// Random models draw from a `VenueRandom` seeded by the run, so the same seed gives the same
/// latencies, message for message. Every draw lies in `0...LatencyModel.maximumNanos`.
public enum LatencyModel: Sendable, Hashable {
  /// The same delay for every message.
  case constant(nanos: Int64)
  /// A uniform integer delay in `lowNanos...highNanos` (both included).
  case uniform(lowNanos: Int64, highNanos: Int64)
  /// A log-normal delay: `medianNanos × exp(sigma × Z)` with Z standard normal (Box–Muller),
  /// rounded to the nanosecond. Heavy right tail, as measured network latencies have.
  case logNormal(medianNanos: Int64, sigma: Double)
  /// A delay drawn uniformly from measured samples (each sample equally likely).
  case empirical([Int64])

  /// The largest delay a model may produce: one day. Larger values are configuration mistakes.
  public static let maximumNanos: Int64 = 86_400 * 1_000_000_000

  /// No delay.
  public static let zero = LatencyModel.constant(nanos: 0)

  /// Returns the problems that make this model unusable, with ids `venue.config.latency-*`;
  /// empty when the model is valid. `role` names the model in messages ("order", "feed").
  public func problems(role: String) -> [Diagnostic] {
    let range = "0...\(Self.maximumNanos) ns"
    func bad(_ id: String, _ found: String) -> [Diagnostic] {
      [Diagnostic(id: "venue.config.latency-\(id)", message: "\(role) latency: expected \(found)")]
    }
    switch self {
    case .constant(let nanos):
      return Self.inRange(nanos) ? [] : bad("range", "a delay in \(range), found \(nanos)")
    case .uniform(let low, let high):
      guard Self.inRange(low), Self.inRange(high) else {
        return bad("range", "bounds in \(range), found \(low)...\(high)")
      }
      return low <= high ? [] : bad("order", "low ≤ high, found \(low) > \(high)")
    case .logNormal(let median, let sigma):
      guard Self.inRange(median), median > 0 else {
        return bad("range", "a positive median in \(range), found \(median)")
      }
      return sigma.isFinite && sigma >= 0 && sigma <= 10
        ? [] : bad("sigma", "sigma in 0...10, found \(sigma)")
    case .empirical(let samples):
      if samples.isEmpty { return bad("empty", "at least one sample, found none") }
      guard let wrong = samples.firstIndex(where: { !Self.inRange($0) }) else { return [] }
      return bad("range", "samples in \(range), found \(samples[wrong]) at index \(wrong)")
    }
  }

  /// Returns one delay drawn with `random` (constant models draw nothing). A model that
  /// `problems(role:)` rejects still samples without trapping: bounds are clamped into
  /// `0...maximumNanos` and an empty sample list gives 0.
  @inlinable
  public func sample(_ random: inout VenueRandom) -> Int64 {
    switch self {
    case .constant(let nanos):
      return Self.clamped(nanos)
    case .uniform(let a, let b):
      let low = Self.clamped(min(a, b))
      let high = Self.clamped(max(a, b))
      return low + Int64(random.next(below: UInt64(high - low) + 1))
    case .logNormal(let median, let sigma):
      let spread = sigma.isFinite ? min(max(sigma, 0), 10) : 0
      return Self.logNormalSample(median: Self.clamped(median), sigma: spread, &random)
    case .empirical(let samples):
      guard !samples.isEmpty else { return 0 }
      return Self.clamped(samples[Int(random.next(below: UInt64(samples.count)))])
    }
  }

  @usableFromInline
  package static func clamped(_ nanos: Int64) -> Int64 { min(max(nanos, 0), maximumNanos) }

  @usableFromInline
  package static func logNormalSample(median: Int64, sigma: Double, _ random: inout VenueRandom) -> Int64 {
    let u1 = random.nextUnitInterval()
    let u2 = random.nextUnitInterval()
    let z = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    let value = (Double(median) * exp(sigma * z)).rounded()
    guard value.isFinite, value < Double(maximumNanos) else { return maximumNanos }
    return max(0, Int64(value))
  }

  package static func inRange(_ nanos: Int64) -> Bool { nanos >= 0 && nanos <= maximumNanos }
}

/// A latency model with its own generator: draws one delay per message.
public struct LatencySampler: Sendable {
  /// The distribution.
  public let model: LatencyModel
  /// The generator state; copying the sampler forks the sequence.
  public private(set) var random: VenueRandom

  /// Creates a sampler whose draws are fixed by `seed`.
  public init(model: LatencyModel, seed: UInt64) {
    self.model = model
    random = VenueRandom(seed: seed)
  }

  /// Returns the next delay in nanoseconds.
  public mutating func next() -> Int64 { model.sample(&random) }
}
