import StratDiagnostics
import StratMarket

/// Bars one instrument lacks at times the others have, over the span all of them cover: the
/// as-of clock carries the instrument's last bar over each such time, so its windows see a
/// repeated value. Reported before the run, with counts, so that a gap is never silent.
public enum MissingBars {
  /// One warning per instrument with gaps; none for a single series.
  public static func warnings(_ series: [BarSeries], used indices: [Int]) -> [Diagnostic] {
    let used = Array(Set(indices)).sorted().map { series[$0] }
    guard used.count > 1, let start = used.compactMap(\.times.first).max(),
      let end = used.compactMap(\.times.last).min(), start <= end
    else { return [] }
    var all = Set<Int64>()
    for s in used { all.formUnion(s.times.lazy.filter { $0 >= start && $0 <= end }) }
    return used.compactMap { s in
      let own = Set(s.times)
      let missing = all.filter { !own.contains($0) }
      guard let first = missing.min() else { return nil }
      let file = s.path.isEmpty ? "" : " (\(s.path))"
      return Diagnostic(
        id: "data.missing-bars", severity: .warning,
        message: "`\(s.symbol)`\(file) has no bar at \(missing.count) of the \(all.count) times the other instruments have from \(Timestamp.iso8601(start)) to \(Timestamp.iso8601(end)); the first is \(Timestamp.iso8601(first))",
        notes: ["the backtest carries its last bar over each of them (as-of): its windows and lags see the same bar again"])
    }
  }
}
