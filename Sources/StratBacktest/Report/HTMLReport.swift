import StratRuntime
import StratMarket

/// Renders a backtest result as one self-contained HTML page: inline CSS, charts as inline SVG
/// drawn here, no script, no external reference, so it opens offline and archives as one file.
///
/// The page is built only from the result's series (equity per step, fills, positions derived
/// from fills) plus optional reference prices, so the same renderer serves bar and order-book
/// backtests. Its bytes depend only on the inputs: no clock, no locale, no hash order.
/// Sections have stable ids: `summary`, `fill-note`, `run`, `metrics` (table `metrics-table`),
/// `equity` (`equity-chart`), `drawdown` (`drawdown-chart`), `positions` (`position-I`),
/// `trades` (`price-I`), where I is the instrument index; the tear sheet adds `returns`
/// (`returns-table`), `benchmark` (`benchmark-chart`), `underwater` (`underwater-chart`),
/// `monthly-returns` (`monthly-returns-table`, `heatmap-legend`), `return-distribution`
/// (`returns-histogram`), `rolling-sharpe` (`rolling-sharpe-chart`) and `round-trips`
/// (`round-trips-table`).
public enum HTMLReport {
  /// The page for `result`; with no options, the fill note is the result's fill mode's.
  public static func render(_ result: BacktestResult, options: HTMLReportOptions? = nil)
    -> String
  {
    let options = options ?? HTMLReportOptions(fillNote: result.fill.note)
    let name = HTMLText.escaped(result.strategy)
    var page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
    page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
    page += "<title>Backtest: \(name)</title>\n<style>\(css)</style>\n</head>\n<body>\n"
    page += header(result)
    if let note = options.fillNote {
      page += "<p id=\"fill-note\" class=\"note\">Note: \(HTMLText.escaped(note)).</p>\n"
    }
    page += runSection(result, options: options)
    page += metricsSection(result)
    page += returnsSections(result, width: options.chartWidth)
    page += equitySections(result, width: options.chartWidth)
    page += positionSection(result, width: options.chartWidth)
    page += tradeSection(result, options: options)
    page += "<footer>Written by stratc"
    if let generated = options.generated { page += " · \(HTMLText.escaped(generated))" }
    page += ".</footer>\n</body>\n</html>\n"
    return page
  }

  /// The heading: strategy name and one line on how it ran.
  static func header(_ result: BacktestResult) -> String {
    var line = "backend \(result.backend) · fill \(result.fill.rawValue) · fees \(result.feeText)"
    if let first = result.metrics.firstTime, let last = result.metrics.lastTime {
      line += " · \(Timestamp.iso8601(first)) → \(Timestamp.iso8601(last))"
    }
    return "<header id=\"summary\">\n<h1>Backtest: <span class=\"name\">"
      + HTMLText.escaped(result.strategy) + "</span></h1>\n<p>" + HTMLText.escaped(line)
      + "</p>\n" + runIDLine(result) + "</header>\n"
  }

  /// The run id under the heading, when the run has one (`<p id="run-id">`).
  static func runIDLine(_ result: BacktestResult) -> String {
    guard let id = result.runID else { return "" }
    return "<p id=\"run-id\">run id <code>\(id)</code></p>\n"
  }

  /// The page's style sheet: system fonts only, nothing fetched.
  static let css = """
    body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2430;\
    margin:24px auto;max-width:1000px;padding:0 16px}\
    h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;\
    border-bottom:1px solid #d5dae1}h3{font-size:14px;margin:14px 0 4px}\
    header p{color:#5a6472;margin:0}.name{font-family:ui-monospace,monospace}\
    .note{background:#fff7e0;border-left:4px solid #e0a800;padding:8px 12px}\
    table{border-collapse:collapse}td,th{padding:3px 12px 3px 0;text-align:left;\
    vertical-align:top}td.num{text-align:right;font-variant-numeric:tabular-nums}\
    th{color:#5a6472;font-weight:500}.chart{display:block;max-width:100%;height:auto}\
    .chart text{font-size:11px;fill:#5a6472}.grid{stroke:#e7eaee}.zero{stroke:#9aa3ad}\
    .tick{stroke:#9aa3ad}path{fill:none;stroke-width:1.2}.equity{stroke:#1f6feb}\
    .drawdown{stroke:#c62828}.position{stroke:#6a3fb5}.price{stroke:#5a6472;stroke-width:1}\
    .fills{stroke:#9aa3ad;stroke-dasharray:3 2}.buy{fill:#1a9a4b;stroke:none}\
    .sell{fill:#d03030;stroke:none}.legend span{margin-right:14px}\
    .swatch-buy{color:#1a9a4b}.swatch-sell{color:#d03030}\
    footer{margin-top:32px;color:#8a94a0;font-size:12px}\
    .benchmark{stroke:#8a94a0;stroke-dasharray:4 3}.rolling{stroke:#0a7d6e}.bar{fill:#1f6feb}\
    .caption{color:#5a6472;margin:0 0 6px}.chart text.unit{font-style:italic;fill:#1d2430}\
    .heatmap td,.heatmap th{padding:3px 6px;min-width:34px}.heatmap td{text-align:right}\
    .swatch{padding:2px 8px;margin-right:4px}.swatch-equity{color:#1f6feb}\
    .swatch-benchmark{color:#8a94a0}#round-trips-table td{white-space:nowrap}
    """
}
