/// A linear map from data values to pixels, with round tick values for the axis.
struct ChartScale: Sendable {
  /// The data interval shown, padded to the ticks.
  let low: Double
  let high: Double
  /// The tick values, low to high.
  let ticks: [Double]
  /// Decimal places of the tick labels.
  let decimals: Int

  /// A scale covering `low...high` (and 0 when `includeZero`) with about `count` round ticks
  /// (steps of 1, 2 or 5 × 10ⁿ).
  init(low: Double, high: Double, includeZero: Bool = false, count: Int = 5) {
    var a = includeZero ? min(low, 0) : low
    var b = includeZero ? max(high, 0) : high
    if !a.isFinite || !b.isFinite { (a, b) = (0, 1) }
    if a == b { (a, b) = a == 0 ? (-1, 1) : (a - abs(a) * 0.05, b + abs(b) * 0.05) }
    let step = Self.roundStep((b - a) / Double(max(1, count)))
    let first = (a / step).rounded(.down) * step
    let last = (b / step).rounded(.up) * step
    var ticks: [Double] = []
    var k = 0.0
    while first + k * step <= last + step * 1e-9, ticks.count < 50 {
      ticks.append(first + k * step)
      k += 1
    }
    self.low = first
    self.high = max(last, first + step)
    self.ticks = ticks
    var places = 0
    var unit = 1.0
    while unit > step * 1.000001, places < 8 {
      unit /= 10
      places += 1
    }
    decimals = places
  }

  /// 1, 2 or 5 × 10ⁿ at or above `raw`.
  static func roundStep(_ raw: Double) -> Double {
    guard raw > 0, raw.isFinite else { return 1 }
    var power = 1.0
    while power * 10 <= raw { power *= 10 }
    while power > raw { power /= 10 }
    for m in [1.0, 2.0, 5.0, 10.0] where m * power >= raw * 0.999999 { return m * power }
    return 10 * power
  }

  /// The pixel of `value` in a band from `top` (high values) to `bottom` (low values).
  func pixel(_ value: Double, top: Double, bottom: Double) -> Double {
    bottom - (value - low) / (high - low) * (bottom - top)
  }
}
