import StratRuntime
import StratMarket

/// How to run a backtest again, written into `summary.json` as `"recipe"` so that `stratc
/// explain` can re-run it in the interpreter: the strategy file, the `--data` specs and the
/// other options that change results, as given (paths relative to where the backtest ran).
/// No folder and no file stamps: outputs are a function of the run id, and the run id, not a
/// stamp, tells explain whether an input changed.
public struct BacktestRecipe: Sendable, Equatable {
  public var strategy: String
  public var data: [String]
  /// Options as `--name=value` words (not the output, report, backend or display flags).
  public var options: [String]

  public init(strategy: String, data: [String], options: [String]) {
    self.strategy = strategy
    self.data = data
    self.options = options
  }

  /// Appends the recipe as a one-line JSON object.
  func appendJSON(to out: inout TextBuffer) {
    out.append("{\"strategy\": ")
    out.appendJSONString(strategy)
    out.append(", \"data\": ")
    Self.appendArray(data, to: &out)
    out.append(", \"options\": ")
    Self.appendArray(options, to: &out)
    out.append("}")
  }

  static func appendArray(_ words: [String], to out: inout TextBuffer) {
    out.append("[")
    for (k, word) in words.enumerated() {
      if k > 0 { out.append(", ") }
      out.appendJSONString(word)
    }
    out.append("]")
  }
}
