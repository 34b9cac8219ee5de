// What Fuzz/ParamFuzz drives, and the param corpus replay test replays: one code path for both.

import StratRuntime
import StratABI

/// Runs each line of one input through `--param` parsing as `stratc backtest` and `sweep` do:
/// `NAME=VALUE` (split, then the value as a sweep value), `NAME=LO:HI:STEP|A,B,C` (an axis: its
/// first and last values), then the grid of the axes that parsed (its first and last points)
/// checked against a fixed set of declared parameters.
/// Returns the ids of the errors thrown; a trap is a bug.
enum ParamFuzzTarget {
  /// Smaller than a sweep's limit, so that checking every value of a grid stays fast.
  static let gridLimit = 10_000

  static let declared = [
    SweepParameter(
      name: "lookback",
      kind: .int,
      low: SweepDecimal("5"),
      high: SweepDecimal("250"),
      step: SweepDecimal("5")
    ),
    SweepParameter(
      name: "entry",
      kind: .float,
      low: SweepDecimal("0.5"),
      high: SweepDecimal("4.0"),
      step: SweepDecimal("0.25")
    ),
    SweepParameter(name: "exit", kind: .float),
    SweepParameter(name: "unit", kind: .int, low: SweepDecimal("-1000"), high: nil),
    SweepParameter(name: "hedge", kind: .bool),
  ]

  static func run(_ input: UnsafeRawBufferPointer) -> [String] {
    var ids: [String] = []
    var axes: [SweepAxis] = []
    for line in input.split(separator: 0x0A) {
      let text = String(decoding: line, as: UTF8.self)
      if let pair = ParameterAssignment(text) { _ = SweepValue(pair.value)?.description }
      do {
        let axis = try SweepAxis.parse(text)
        _ = (axis.value(at: 0).description, axis.value(at: axis.count - 1).description)
        axes.append(axis)
      } catch { ids.append(error.id) }
    }
    do {
      let grid = try SweepGrid(axes: axes, limit: gridLimit)
      if grid.count > 0 { _ = (grid.point(at: 0), grid.point(at: grid.count - 1)) }
      try SweepParameter.validate(grid, against: declared)
    } catch { ids.append(error.id) }
    return ids
  }
}
