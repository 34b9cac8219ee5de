import StratRuntime
extension LatencyModel: CustomStringConvertible {
  /// `0ns`, `uniform 50000..150000ns`, `lognormal median 100000ns sigma 0.5`, `empirical (n samples)`.
  public var description: String {
    switch self {
    case .constant(let nanos): "\(nanos)ns"
    case .uniform(let low, let high): "uniform \(low)..\(high)ns"
    case .logNormal(let median, let sigma): "lognormal median \(median)ns sigma \(sigma)"
    case .empirical(let samples): "empirical (\(samples.count) samples)"
    }
  }
}

extension VenueConfig {
  /// One line for summaries and reports: every setting that changes a fill.
  public var summary: String {
    "order latency \(orderLatency), feed latency \(feedLatency), queue \(queueModel.rawValue), "
      + "trade-through \(tradeThrough.rawValue), maker \(fees.maker), taker \(fees.taker), "
      + "seed \(seed)"
  }
}
