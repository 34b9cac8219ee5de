import StratRuntime
import StratMarket

extension HTMLReport {
  /// The tear-sheet sections: return figures against buy-and-hold, cumulative returns,
  /// underwater curve, monthly returns, distribution, rolling Sharpe and round trips.
  static func returnsSections(_ result: BacktestResult, width: Int) -> String {
    let trips = result.roundTrips
    let r = result.returnMetrics(trips: trips)
    let capital = r.capital.doubleValue
    let pnl = result.equity.map(\.doubleValue)
    var html = returnsTable(r)
    html += cumulativeSection(result, pnl: pnl, capital: capital, width: width)
    html += underwaterSection(result, pnl: pnl, capital: capital, width: width)
    html += monthlySection(result, pnl: pnl, capital: capital)
    html += distributionSections(result, r, pnl: pnl, width: width)
    html += roundTripSection(result, trips)
    return html
  }

  /// The figures of the strategy and of buy-and-hold side by side.
  static func returnsTable(_ r: ReturnMetrics) -> String {
    let s = r.strategy
    let b = r.benchmark
    let rows: [(String, String, String)] = [
      ("Total return", percent(s.totalReturn), percent(b?.totalReturn)),
      ("CAGR", percent(s.cagr), percent(b?.cagr)),
      ("Volatility (annualised)", percent(s.volatility), percent(b?.volatility)),
      ("Sharpe ratio on returns", ratio(s.sharpe), ratio(b?.sharpe)),
      ("Sortino ratio on returns", ratio(s.sortino), ratio(b?.sortino)),
      ("Max drawdown", percent(s.maxDrawdown), percent(b?.maxDrawdown)),
      ("Calmar ratio", ratio(s.calmar), ratio(b?.calmar)),
      ("Exposure (time with a position)", percent(r.exposure), b == nil ? "–" : "100.00%"),
      ("Round trips closed / open lots", "\(r.trips.count) / \(r.trips.openLots)", "–"),
      ("Hit rate", percent(r.trips.hitRate), "–"),
      ("Profit factor", ratio(r.trips.profitFactor), "–"),
      ("Average win", r.trips.averageWin?.description ?? "–", "–"),
      ("Average loss", r.trips.averageLoss?.description ?? "–", "–"),
    ]
    var html = "<section id=\"returns\">\n<h2>Returns on a capital of \(r.capital)</h2>\n"
    html += "<p class=\"caption\">\(HTMLText.escaped(s.note)). Ratios use a risk-free rate of 0; "
    html +=
      "buy and hold splits the capital equally over the instruments at their first price.</p>\n"
    html +=
      "<table id=\"returns-table\">\n<tr><th></th><th>Strategy</th><th>Buy and hold</th></tr>\n"
    for (label, mine, theirs) in rows {
      html +=
        "<tr><th>\(HTMLText.escaped(label))</th><td class=\"num\">\(HTMLText.escaped(mine))</td>"
      html += "<td class=\"num\">\(HTMLText.escaped(theirs))</td></tr>\n"
    }
    return html + "</table>\n</section>\n"
  }

  /// Cumulative return of the strategy and of buy-and-hold, in % of the capital.
  static func cumulativeSection(
    _ result: BacktestResult,
    pnl: [Double],
    capital: Double,
    width: Int
  ) -> String {
    var strategy = ChartSeries()
    var benchmark = ChartSeries()
    let held = BacktestMetrics.buyAndHold(
      stepTimes: result.stepTimes,
      prices: result.referencePrices,
      capital: capital
    )
    for (k, t) in result.stepTimes.enumerated() where k < pnl.count {
      strategy.append(t, pnl[k] / capital * 100)
      if let held { benchmark.append(t, held[k] / capital * 100) }
    }
    var chart = SVGChart(
      id: "benchmark-chart",
      label: "cumulative return against buy and hold",
      width: width
    )
    chart.lines = [
      .init(series: benchmark, cssClass: "benchmark"), .init(series: strategy, cssClass: "equity"),
    ]
    chart.includeZero = true
    chart.unit = "% of capital"
    chart.timeRange = timeRange(result)
    var html = "<section id=\"benchmark\">\n<h2>Cumulative return against buy and hold</h2>\n"
    html += "<p class=\"legend\"><span class=\"swatch-equity\">━ strategy</span>"
    html +=
      held == nil
      ? "<span>(no prices for a benchmark)</span>"
      : "<span class=\"swatch-benchmark\">━ buy and hold</span>"
    return html + "</p>\n" + chart.render() + "\n</section>\n"
  }

  /// The account value's fall below its running peak, in %.
  static func underwaterSection(
    _ result: BacktestResult,
    pnl: [Double],
    capital: Double,
    width: Int
  ) -> String {
    var line = ChartSeries()
    let fractions = BacktestMetrics.drawdownFractions(pnl, capital: capital)
    for (k, t) in result.stepTimes.enumerated() where k < fractions.count {
      line.append(t, -fractions[k] * 100)
    }
    var chart = SVGChart(
      id: "underwater-chart",
      label: "drawdown in percent",
      width: width,
      height: 160
    )
    chart.lines = [.init(series: line, cssClass: "drawdown")]
    chart.includeZero = true
    chart.unit = "% below peak"
    chart.timeRange = timeRange(result)
    return "<section id=\"underwater\">\n<h2>Underwater: % below the running peak</h2>\n"
      + chart.render() + "\n</section>\n"
  }

  /// A fraction as a percentage with two decimals, as in the text summary; `–` for nil.
  static func percent(_ value: Double?) -> String { BacktestResult.percent(value, missing: "–") }

  /// A ratio with two decimals, as in the text summary; `–` for nil.
  static func ratio(_ value: Double?) -> String { BacktestResult.ratio(value, missing: "–") }
}
