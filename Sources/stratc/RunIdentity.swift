import StratABI
import StratRuntime
import StratBacktest
import StratIR
import StratMarket

/// The ingredients of run ids that a command shares among its runs (the inputs' digests, the
/// realism settings, the compiler version), completed per run with its module.
struct RunIdentity: Sendable {
  var inputs: [RunIngredients.Input]
  var settings: [String]
  var compilerVersion = StratcVersion.text

  /// The ingredients of a run of `module` (as it executes: optimised, parameters and symbols
  /// bound).
  func ingredients(for module: IRModule) -> RunIngredients {
    RunIngredients(
      code: SHA256.hex(Array(IRPrinter.print(module).utf8)),
      params: module.params.map { "\($0.name)=\($0.value)" }, inputs: inputs, settings: settings,
      compilerVersion: compilerVersion)
  }

  /// The settings of a backtest on bars: how orders fill and what they cost.
  static func barSettings(fill: FillMode, fees: FeeModel, capital: Money) -> [String] {
    ["fill=\(fill.rawValue)", "fees=\(fees)"] + shared(capital)
  }

  /// The settings of a backtest on order-book events: the venue's models (latencies, queue,
  /// trade-through, fees, seed), what a malformed message does, and the session date.
  static func bookSettings(
    venue: VenueConfig, policy: MalformedInputPolicy, date: String?, capital: Money
  ) -> [String] {
    ["venue=\(venue.summary)", "on-error=\(policy.rawValue)"] + (date.map { ["date=\($0)"] } ?? []) + shared(capital)
  }

  /// Settings of every kind of run: the starting capital (`--capital`, resolved, so that the
  /// default and `--capital 100000.00` give one id).
  private static func shared(_ capital: Money) -> [String] {
    ["capital=\(capital)"]
  }
}
