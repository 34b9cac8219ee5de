import StratRuntime
import StratMarket

extension BacktestResult {
  /// A one-screen human summary of the run.
  public func summaryText() -> String {
    let m = metrics
    var lines: [String] = []
    lines.append(
      "strategy  \(strategy)   backend \(backend)   fill \(fill.rawValue)   fees \(feeText)"
    )
    if let runID { lines.append("run id    \(runID)") }
    let first = m.firstTime.map(Timestamp.iso8601) ?? "-"
    let last = m.lastTime.map(Timestamp.iso8601) ?? "-"
    lines.append("period    \(first) → \(last)   \(m.steps) steps, \(m.events) \(venue == nil ? "bars" : "book events")")
    if let venue { lines.append("venue     \(venue.summary)") }
    if let bookSource { lines.append("book      \(bookSource)") }
    lines.append(
      "pnl       \(m.pnl)   sharpe \(sharpeText)   max drawdown \(m.maxDrawdown)"
    )
    lines += returnsLines(returnMetrics())
    lines.append("trades    \(m.trades)   turnover \(m.turnover)   fees \(m.fees)")
    lines.append(
      "orders    rejected \(m.rejected)   unfilled \(m.unfilled)   cancelled \(cancelled)"
    )
    if !rejectedCounts.isEmpty {
      let reasons = RiskDenial.Code.allCases.compactMap { code in
        rejectedCounts[code].map { "\(code.rawValue) \($0)" }
      }
      lines.append("rejected  " + reasons.joined(separator: ", "))
    }
    if orderLog.omitted > 0 {
      lines.append("orders.csv keeps the first \(orderLog.bound) order events; \(orderLog.omitted) more were left out")
    }
    let held = instruments.indices.map { i -> String in
      let units = ledger.positions[i]
      return "\(instruments[i].name) (\(instruments[i].symbol)) \(units > 0 ? "+" : "")\(units)"
    }
    lines.append("positions " + (held.isEmpty ? "-" : held.joined(separator: "   ")))
    if m.trades == 0 { lines.append("warning   no trades were made") }
    lines.append("note      \(fill.note)")
    return lines.joined(separator: "\n") + "\n"
  }

  /// The bar fee model, or the venue's maker and taker fees.
  var feeText: String {
    venue.map { "maker \($0.fees.maker), taker \($0.fees.taker)" } ?? "\(fees)"
  }

  /// The Sharpe ratio with six decimals, as in `summary.json`.
  private var sharpeText: String {
    var out = TextBuffer()
    out.append(metrics.sharpe, decimals: 6)
    return out.text
  }
}
