import StratRuntime
import StratMarket

extension BacktestResult {
  /// The capital when none is given: 100,000.
  public static let defaultCapital = Money(raw: 100_000 * 100_000_000)

  /// The ledger's fills matched into round trips (FIFO per instrument).
  public var roundTrips: RoundTrips {
    RoundTrips.matching(ledger.fills, instrumentCount: instruments.count)
  }

  /// Returns, benchmark, exposure and round-trip figures on `capital`.
  public func returnMetrics(trips: RoundTrips? = nil) -> ReturnMetrics {
    BacktestMetrics.returnMetrics(
      stepTimes: stepTimes,
      equity: equity,
      fills: ledger.fills,
      instrumentCount: instruments.count,
      trips: trips ?? roundTrips,
      prices: referencePrices,
      capital: capital
    )
  }
}
