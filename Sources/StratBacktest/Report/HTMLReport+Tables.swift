import StratRuntime
import StratABI
import StratMarket

extension HTMLReport {
  /// The data read, the instrument bindings and the parameter values.
  static func runSection(_ result: BacktestResult, options: HTMLReportOptions) -> String {
    var rows: [(String, String)] = []
    for source in options.dataSources { rows.append(("data", source)) }
    for (i, binding) in result.instruments.enumerated() {
      rows.append(("instrument \(i)", "\(binding.name) → \(binding.symbol)"))
    }
    for param in result.params { rows.append(("param \(param.name)", paramText(param))) }
    rows.append(("fill model", result.fill.rawValue))
    rows.append(("fee model", result.feeText))
    if let venue = result.venue { rows.append(("venue", venue.summary)) }
    if let book = result.bookSource { rows.append(("book", book)) }
    rows.append(("backend", result.backend))
    var html = "<section id=\"run\">\n<h2>Run</h2>\n<table id=\"run-table\">\n"
    for (label, value) in rows {
      html += "<tr><th>\(HTMLText.escaped(label))</th><td>\(HTMLText.escaped(value))</td></tr>\n"
    }
    return html + "</table>\n</section>\n"
  }

  /// Every field of `BacktestMetrics`, plus the Sortino ratio and the run's other counts.
  static func metricsSection(_ result: BacktestResult) -> String {
    let m = result.metrics
    var rows: [(String, String)] = [
      ("P&L (final equity)", m.pnl.description),
      ("Sharpe ratio (annualised)", sixDecimals(m.sharpe)),
      ("Sortino ratio (annualised)", sixDecimals(result.sortino)),
      ("Max drawdown", m.maxDrawdown.description),
      ("Trades (fills)", String(m.trades)),
      ("Turnover", m.turnover.description),
      ("Fees", m.fees.description),
      ("Events", String(m.events)),
      ("Steps", String(m.steps)),
      ("Rejected orders", String(m.rejected)),
    ]
    for code in RiskDenial.Code.allCases {
      if let n = result.rejectedCounts[code] { rows.append(("  rejected: \(code.rawValue)", String(n))) }
    }
    rows.append(("Unfilled at end", String(m.unfilled)))
    rows.append(("Cancelled limit orders", String(result.cancelled)))
    rows.append(("First step", m.firstTime.map(Timestamp.iso8601) ?? "–"))
    rows.append(("Last step", m.lastTime.map(Timestamp.iso8601) ?? "–"))
    for (i, binding) in result.instruments.enumerated() where i < result.ledger.positions.count {
      rows.append(("Final position \(binding.name)", String(result.ledger.positions[i])))
    }
    var html = "<section id=\"metrics\">\n<h2>Metrics</h2>\n<table id=\"metrics-table\">\n"
    for (label, value) in rows {
      html += "<tr><th>\(HTMLText.escaped(label))</th>"
      html += "<td class=\"num\">\(HTMLText.escaped(value))</td></tr>\n"
    }
    return html + "</table>\n</section>\n"
  }

  /// A ratio as six decimals, like summary.json.
  static func sixDecimals(_ value: Double) -> String { HTMLText.number(value, decimals: 6) }

  /// A parameter value: integers and booleans exactly, floats in Swift's shortest form.
  static func paramText(_ param: ParameterInfo) -> String {
    switch param.kind {
    case .bool: return param.value != 0 ? "true" : "false"
    case .int where abs(param.value) < 9e18: return String(Int64(param.value))
    default: return "\(param.value)"
    }
  }
}
