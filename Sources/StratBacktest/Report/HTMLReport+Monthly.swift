import StratRuntime
import StratMarket

extension HTMLReport {
  /// Month names, the heatmap's columns.
  static let monthNames = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]
  /// The most recent years the heatmap shows.
  static let heatmapYears = 40

  /// Monthly returns as a year × month grid coloured red (loss) to green (gain), on daily or
  /// finer data (median step spacing at most 26 hours), with the year's compounded return.
  static func monthlySection(_ result: BacktestResult, pnl: [Double], capital: Double) -> String {
    var html = "<section id=\"monthly-returns\">\n<h2>Monthly returns (UTC months, %)</h2>\n"
    guard !result.stepTimes.isEmpty,
      BacktestMetrics.medianSpacingSeconds(result.stepTimes) <= 26 * 3_600
    else {
      return html + "<p class=\"caption\">Needs daily or finer steps.</p>\n</section>\n"
    }
    let months = BacktestMetrics.monthlyReturns(times: result.stepTimes, pnl: pnl, capital: capital)
    let scale = max(0.0001, months.map { abs($0.value) }.max() ?? 0)
    let years = Array(Set(months.map(\.year))).sorted().suffix(heatmapYears)
    html += "<table id=\"monthly-returns-table\" class=\"heatmap\">\n<tr><th>Year</th>"
    for name in monthNames { html += "<th>\(name)</th>" }
    html += "<th>Year</th></tr>\n"
    for year in years {
      html += "<tr><th>\(year)</th>"
      var compounded = 1.0
      for month in Int64(1)...12 {
        guard let cell = months.first(where: { $0.year == year && $0.month == month }) else {
          html += "<td></td>"
          continue
        }
        compounded *= 1 + cell.value
        html += heatCell(cell.value, scale: scale)
      }
      html += heatCell(compounded - 1, scale: scale) + "</tr>\n"
    }
    html += "</table>\n" + heatLegend(scale)
    return html + "</section>\n"
  }

  /// One cell: its return in % on a background from red (−scale) through white to green.
  static func heatCell(_ value: Double, scale: Double) -> String {
    "<td class=\"num\" style=\"background:\(heatColour(value / scale))\">"
      + HTMLText.number(value * 100, decimals: 1) + "</td>"
  }

  /// The colour of a value in −1…1 (clamped): white at 0.
  static func heatColour(_ x: Double) -> String {
    let t = min(1, abs(x.isFinite ? x : 0))
    let fade = { (full: Double) in Int((255 - (255 - full) * t).rounded()) }
    return x < 0
      ? "rgb(255,\(fade(120)),\(fade(120)))" : "rgb(\(fade(110)),\(fade(200)),\(fade(120)))"
  }

  /// The colour scale: five swatches from −scale to +scale.
  static func heatLegend(_ scale: Double) -> String {
    var html = "<p id=\"heatmap-legend\" class=\"legend\">colour scale: "
    for step in [-1.0, -0.5, 0, 0.5, 1] {
      html += "<span class=\"swatch\" style=\"background:\(heatColour(step))\">"
      html += HTMLText.number(step * scale * 100, decimals: 1) + "%</span>"
    }
    return html + "</p>\n"
  }
}
