import StratRuntime
import StratABI
import StratMarket

extension Backtester {
  /// Returns, for each instrument of `interface`, the index in `series` of the series whose
  /// symbol it is bound to: the interface's default symbol, or `overrides[instrument name]`.
  /// Symbols match exactly; a missing one is an error listing the symbols that were loaded.
  public static func seriesIndices(
    for interface: StrategyInterface,
    in series: [BarSeries],
    overrides: [String: String] = [:]
  ) throws(BacktestError) -> [Int] {
    var indices: [Int] = []
    for instrument in interface.instruments {
      let symbol = overrides[instrument.name] ?? instrument.symbol
      guard let index = series.firstIndex(where: { $0.symbol == symbol }) else {
        let loaded = series.map(\.symbol)
        throw BacktestError(
          id: "backtest.unknown-symbol",
          message: "expected data for symbol `\(symbol)` (instrument `\(instrument.name)`); "
            + "found none among the loaded series",
          notes: [
            loaded.isEmpty
              ? "no series were loaded" : "loaded symbols: \(loaded.joined(separator: ", "))",
            "load it as \(symbol)=PATH, or bind the instrument to a loaded symbol",
          ]
        )
      }
      indices.append(index)
    }
    return indices
  }
}
