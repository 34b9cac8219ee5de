import Foundation

/// Where the wall time of one `stratc backtest` went, for `--timing`: reading the data, compiling
/// the strategy (and building its native code), the backtest loop, and writing the result files.
/// Only runs asked for it carry one, so that the outputs of other runs stay byte-identical.
public struct RunTiming: Sendable, Equatable {
  /// Reading and parsing the market data, in seconds.
  public var loadSeconds: Double = 0
  /// Compiling the strategy and making its executor (JIT, object), in seconds.
  public var compileSeconds: Double = 0
  /// The backtest loop, metrics included, in seconds.
  public var loopSeconds: Double = 0
  /// Formatting and writing the output files before `summary.json`, in seconds.
  public var writeSeconds: Double = 0

  /// Creates a breakdown.
  public init(load: Double = 0, compile: Double = 0, loop: Double = 0, write: Double = 0) {
    loadSeconds = load
    compileSeconds = compile
    loopSeconds = loop
    writeSeconds = write
  }

  /// The monotonic clock, in seconds.
  public static func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
  }

  /// The seconds `body` takes, with its value.
  public static func measure<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> (T, Double) {
    let start = now()
    let value = try body()
    return (value, now() - start)
  }

  /// The one-line breakdown `--timing` prints on stderr.
  public var text: String {
    let total = loadSeconds + compileSeconds + loopSeconds + writeSeconds
    func part(_ name: String, _ s: Double) -> String {
      String(format: "%@ %.3f s (%.0f %%)", name, s, total > 0 ? 100 * s / total : 0)
    }
    return "timing    " + [
      part("load", loadSeconds), part("compile", compileSeconds), part("loop", loopSeconds),
      part("write", writeSeconds),
    ].joined(separator: "   ") + String(format: "   total %.3f s\n", total)
  }
}
