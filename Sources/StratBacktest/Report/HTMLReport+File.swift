import Foundation
import StratRuntime
import StratDiagnostics
import StratMarket

extension HTMLReport {
  /// Writes the report of a bar backtest to `path`: each instrument's closes as its reference
  /// price, the fill mode's caveat as the note.
  public static func writeBarReport(
    _ result: BacktestResult,
    bars: [BarSeries],
    seriesForInstrument: [Int],
    dataSources: [String],
    to path: String
  ) throws(BacktestError) {
    var prices: [ReportPriceSeries] = []
    for (instrument, s) in seriesForInstrument.enumerated() where bars.indices.contains(s) {
      prices.append(ReportPriceSeries(instrument: instrument, closesOf: bars[s]))
    }
    let options = HTMLReportOptions(
      dataSources: dataSources, prices: prices, fillNote: result.fill.note)
    try write(render(result, options: options), to: path)
  }

  /// Writes `html` to `path`, replacing the file and creating its folder.
  public static func write(_ html: String, to path: String) throws(BacktestError) {
    do {
      let url = URL(fileURLWithPath: path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(html.utf8).write(to: url)
    } catch {
      throw BacktestError(
        id: "backtest.io", message: "cannot write the report `\(path)`: \(SystemErrorText.describe(error))")
    }
  }
}
