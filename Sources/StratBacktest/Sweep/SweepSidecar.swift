import StratRuntime
import StratMarket

/// The JSON written beside a sweep's CSV (`NAME.json` for `NAME.csv`): what the CSV cannot say
/// in its rows without breaking `pandas.read_csv` — how many trials were run (for a
/// multiple-testing correction of the best ratio), the grid, the metric, the best run and every
/// run id in grid order. Keys in a fixed order, so equal sweeps give equal bytes.
public struct SweepSidecar: Sendable {
  public var grid: SweepGrid
  public var metric: SweepMetric
  /// The best run by `metric`, nil when none ran.
  public var best: (index: Int, outcome: SweepOutcome)?
  public var failed: Int
  /// The run id of each run in grid order ("" for a run that did not compile).
  public var runIDs: [String]

  public init(
    grid: SweepGrid, metric: SweepMetric, best: (index: Int, outcome: SweepOutcome)?, failed: Int,
    runIDs: [String]
  ) {
    self.grid = grid
    self.metric = metric
    self.best = best
    self.failed = failed
    self.runIDs = runIDs
  }

  /// The sidecar's path for a CSV at `csvPath`: its `.csv` extension replaced by `.json`.
  public static func path(forCSV csvPath: String) -> String {
    (csvPath.lowercased().hasSuffix(".csv") ? String(csvPath.dropLast(4)) : csvPath) + ".json"
  }

  /// The bytes of the sidecar.
  public func json() -> [UInt8] {
    var out = TextBuffer(capacity: 512 + runIDs.count * 70)
    out.append("{\n  \"trials\": \(grid.count),\n  \"failed\": \(failed),\n  \"metric\": ")
    out.appendJSONString(metric.rawValue)
    out.append(",\n  \"grid\": [")
    for (k, axis) in grid.axes.enumerated() {
      out.append(k == 0 ? "\n    {\"name\": " : ",\n    {\"name\": ")
      out.appendJSONString(axis.name)
      out.append(", \"spec\": ")
      out.appendJSONString(axis.spec)
      out.append(", \"count\": \(axis.count)}")
    }
    out.append(grid.axes.isEmpty ? "],\n  \"best\": " : "\n  ],\n  \"best\": ")
    appendBest(&out)
    out.append(",\n  \"run_ids\": [")
    for (k, id) in runIDs.enumerated() {
      out.append(k == 0 ? "\n    " : ",\n    ")
      out.appendJSONString(id)
    }
    out.append(runIDs.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    return out.bytes
  }

  /// `{"run": k, "params": {…}, "run_id": …, metrics…}` or `null`.
  private func appendBest(_ out: inout TextBuffer) {
    guard let best, let m = best.outcome.metrics else { return out.append("null") }
    out.append("{\"run\": \(best.index), \"params\": {")
    for (k, (name, value)) in zip(grid.names, grid.point(at: best.index)).enumerated() {
      if k > 0 { out.append(", ") }
      out.appendJSONString(name)
      out.append(": \(value.description)")
    }
    out.append("}, \"run_id\": ")
    out.appendJSONString(best.outcome.runID ?? "")
    out.append(", \"pnl\": ")
    out.append(m.pnl)
    out.append(", \"sharpe\": ")
    out.append(m.sharpe, decimals: 6)
    out.append(", \"sortino\": ")
    out.append(best.outcome.sortino, decimals: 6)
    out.append(", \"max_drawdown\": ")
    out.append(m.maxDrawdown)
    out.append(", \"trades\": \(m.trades), \"fees\": ")
    out.append(m.fees)
    out.append("}")
  }
}
