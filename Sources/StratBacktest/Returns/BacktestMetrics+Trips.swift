import StratRuntime
import StratMarket

extension BacktestMetrics {
  /// Hit rate, profit factor and average win and loss of the closed trips (by net P&L).
  public static func tripStatistics(_ trips: RoundTrips) -> TripStatistics {
    var wins: [Int64] = []
    var losses: [Int64] = []
    for trip in trips.closed {
      if trip.pnl.raw > 0 { wins.append(trip.pnl.raw) }
      if trip.pnl.raw < 0 { losses.append(trip.pnl.raw) }
    }
    let won = wins.reduce(0.0) { $0 + Double($1) }
    let lost = losses.reduce(0.0) { $0 + Double($1) }
    let count = trips.closed.count
    return TripStatistics(
      count: count,
      openLots: trips.openLots,
      hitRate: count > 0 ? Double(wins.count) / Double(count) : nil,
      profitFactor: lost < 0 ? won / -lost : nil,
      averageWin: mean(wins),
      averageLoss: mean(losses)
    )
  }

  /// The exact mean of amounts, rounded half away from zero to 1e-8 (128-bit sum, no
  /// overflow); nil for none.
  static func mean(_ raws: [Int64]) -> Money? {
    guard !raws.isEmpty else { return nil }
    var high: Int64 = 0
    var low: UInt64 = 0
    for raw in raws {
      let (sum, carry) = low.addingReportingOverflow(UInt64(bitPattern: raw))
      low = sum
      high = high &+ (raw < 0 ? -1 : 0) &+ (carry ? 1 : 0)
    }
    let n = Int64(raws.count)
    let (quotient, remainder) = n.dividingFullWidth((high: high, low: low))
    let roundsAway = 2 * remainder.magnitude >= n.magnitude
    guard roundsAway else { return Money(raw: quotient) }
    return Money(raw: quotient &+ (remainder < 0 ? -1 : 1))
  }

  /// The fraction of [first step, last step] with a nonzero position in some instrument: the
  /// position after step k's fills (every fill at or before its time) holds until step k + 1.
  /// 0 when the steps span no time.
  public static func exposure(stepTimes: [Int64], fills: [Fill], instrumentCount: Int) -> Double {
    guard let first = stepTimes.first, let last = stepTimes.last, last > first else { return 0 }
    var positions = [Int64](repeating: 0, count: instrumentCount)
    var open = 0
    var next = 0
    var held: Int64 = 0
    for k in 0..<(stepTimes.count - 1) {
      while next < fills.count, fills[next].time <= stepTimes[k] {
        let fill = fills[next]
        let before = positions[fill.instrument]
        positions[fill.instrument] = before &+ fill.quantity.units
        open += (positions[fill.instrument] != 0 ? 1 : 0) - (before != 0 ? 1 : 0)
        next += 1
      }
      if open > 0 { held &+= stepTimes[k + 1] &- stepTimes[k] }
    }
    return Double(held) / Double(last &- first)
  }
}
