import StratMarket

/// Transaction cost analysis: each fill's slippage against two benchmarks, in basis points,
/// positive when the fill cost us (bought above, sold below the benchmark):
/// - the decision price: the instrument's mark when the strategy decided (the mid of the book it
///   trades on, else the last trade; the consolidated mid across venues when none was given);
/// - the arrival price: the mid of the venue the slice went to, in that venue's own book, as
///   the slice was sent: what the market there offered when the order set off.
/// A benchmark that was unknown (a one-sided or empty book) is 0 and the fill is not counted
/// against it.
package struct TCAFill: Sendable, Hashable {
  package var orderID: UInt64
  package var venue: Int
  package var side: Side
  package var quantity: Int64
  package var price: Int64
  package var decisionPrice: Int64
  package var arrivalPrice: Int64
  package var fee: Int64

  /// Slippage against `benchmark` in basis points (nil when the benchmark is unknown).
  package func slippageBps(against benchmark: Int64) -> Double? {
    guard benchmark > 0 else { return nil }
    let signed = side == .buy ? Double(price - benchmark) : Double(benchmark - price)
    return signed / Double(benchmark) * 10_000
  }

  package var decisionSlippageBps: Double? { slippageBps(against: decisionPrice) }
  package var arrivalSlippageBps: Double? { slippageBps(against: arrivalPrice) }
}

/// The day's execution quality per venue: quantity-weighted mean slippage against each
/// benchmark, units, fills and fees. Summed as fills arrive; no per-fill storage.
package struct ExecutionQuality: Sendable, Hashable {
  package struct Totals: Sendable, Hashable {
    package var fills = 0
    package var quantity: Int64 = 0
    package var fees: Int64 = 0
    /// Σ slippage bps × units, and the units that had the benchmark.
    package var decisionWeighted = 0.0
    package var decisionQuantity: Int64 = 0
    package var arrivalWeighted = 0.0
    package var arrivalQuantity: Int64 = 0

    package var decisionBps: Double? { decisionQuantity > 0 ? decisionWeighted / Double(decisionQuantity) : nil }
    package var arrivalBps: Double? { arrivalQuantity > 0 ? arrivalWeighted / Double(arrivalQuantity) : nil }

    mutating func add(_ fill: TCAFill) {
      fills += 1
      quantity += fill.quantity
      fees &+= fill.fee
      if let bps = fill.decisionSlippageBps {
        decisionWeighted += bps * Double(fill.quantity)
        decisionQuantity += fill.quantity
      }
      if let bps = fill.arrivalSlippageBps {
        arrivalWeighted += bps * Double(fill.quantity)
        arrivalQuantity += fill.quantity
      }
    }
  }

  package private(set) var venues: [Totals]
  package private(set) var all = Totals()

  package init(venueCount: Int) { venues = Array(repeating: Totals(), count: venueCount) }

  package mutating func add(_ fill: TCAFill) {
    venues[fill.venue].add(fill)
    all.add(fill)
  }
}
