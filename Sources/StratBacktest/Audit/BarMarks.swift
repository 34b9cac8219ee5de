import StratRuntime
import StratMarket

/// The closes a bar run marks positions at, per instrument: the bound series' own columns, held
/// by reference (no copy). `equity.csv`'s cash, market value and gross exposure are computed from
/// them and the fills when the file is written, so the step loop stores nothing for them.
public struct BarMarks: Sendable {
  /// Bar times per instrument (strictly increasing).
  public var times: [[Int64]]
  /// Closes per instrument, row for row.
  public var closes: [[Price]]

  public init(times: [[Int64]], closes: [[Price]]) {
    self.times = times
    self.closes = closes
  }
}

extension BacktestResult {
  /// Calls `row(k, cash, market, gross)` for each step k, replaying the fills into cash and
  /// positions (a fill counts from its trace's step, as the loop booked it) and marking each
  /// position at its instrument's last close at or before the step: what the loop's equity is.
  /// Only steps in `rows` are reported; the replay still starts at step 0.
  func replayExposure(_ marks: BarMarks, rows: Range<Int>, _ row: (Int, Int64, Int64, Int64) -> Void) {
    let n = marks.times.count
    var positions = [Int64](repeating: 0, count: n)
    var cursor = [Int](repeating: -1, count: n)
    var cash: Int64 = 0
    var f = 0
    let fills = ledger.fills
    for k in 0..<rows.upperBound {
      while f < fills.count, f < fillTraces.count, fillTraces[f].step <= k + 1 {
        let fill = fills[f]
        cash = cash &- (fill.price.raw &* fill.quantity.units &+ fill.fee.raw)
        positions[fill.instrument] &+= fill.quantity.units
        f += 1
      }
      var market: Int64 = 0
      var gross: Int64 = 0
      for i in 0..<n {
        // Subscripted in place, not bound to a local: a local copy of the row retained and
        // released it on every step (4 % of the bench process).
        while cursor[i] + 1 < marks.times[i].count, marks.times[i][cursor[i] + 1] <= stepTimes[k] { cursor[i] += 1 }
        guard positions[i] != 0, cursor[i] >= 0 else { continue }
        let value = positions[i] &* marks.closes[i][cursor[i]].raw
        market &+= value
        gross &+= Int64(clamping: value.magnitude)
      }
      if k >= rows.lowerBound { row(k, cash, market, gross) }
    }
  }
}
