import Foundation
import StratRuntime
import StratBacktest

/// What `stratc explain` reads from a backtest folder's `summary.json`: how to re-run it, and the
/// run id it must re-run to.
struct ExplainRecord {
  let recipe: BacktestRecipe
  let identity: ExplainIdentity

  /// The parsed `dir/summary.json`, nil when missing or not a JSON object.
  static func summary(_ dir: String) -> [String: Any]? {
    guard let data = FileManager.default.contents(atPath: dir + "/summary.json") else { return nil }
    return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
  }
}

/// A run's id and the SHA-256 of each input file, as `summary.json` writes them (`run_id`,
/// `inputs`).
struct ExplainIdentity {
  let runID: String
  let inputs: [String: String]

  init?(_ summary: [String: Any]) {
    guard let id = summary["run_id"] as? String, let inputs = summary["inputs"] as? [String: String] else { return nil }
    runID = id
    self.inputs = inputs
  }

  /// Refuses unless `now` (the re-run's) has this run id; names the input that changed when
  /// one did, else gives the two ids.
  func check(_ now: ExplainIdentity) throws(ExplainFailure) {
    guard now.runID != runID else { return }
    let changes = Set(inputs.keys).union(now.inputs.keys).sorted().compactMap { name in
      Self.change(name, then: inputs[name], now: now.inputs[name])
    }
    let advice = "refusing to explain a different run; run the backtest again, then explain its fills"
    guard let first = changes.first else {
      throw ExplainFailure(
        id: "explain.run-changed",
        message: "the re-run's run id \(now.runID) is not the backtest's \(runID): the strategy, a parameter, a setting or stratc changed since it ran",
        notes: [advice])
    }
    throw ExplainFailure(id: "explain.run-changed", message: first, notes: Array(changes.dropFirst()) + [advice])
  }

  /// What happened to input `name` between the backtest (`then`) and the re-run (`now`), nil
  /// when its bytes are the same.
  static func change(_ name: String, then: String?, now: String?) -> String? {
    switch (then, now) {
    case let (then?, now?) where then != now:
      "`\(name)` changed since the backtest ran (sha256 \(then.prefix(12))… now \(now.prefix(12))…)"
    case (_?, nil): "`\(name)` was read by the backtest and is not read by the re-run"
    case (nil, _?): "`\(name)` is read by the re-run and was not read by the backtest"
    default: nil
    }
  }
}
