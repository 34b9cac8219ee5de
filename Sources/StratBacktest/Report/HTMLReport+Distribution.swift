import StratRuntime
import StratMarket

extension HTMLReport {
  /// The returns the histogram and the rolling Sharpe ratio are drawn from: the metrics' own
  /// sample when it is annualised (window 63 samples, about a quarter of trading days);
  /// otherwise, for intraday steps, the last equity of each minute (window 60, not
  /// annualised); else every step (window 20, not annualised).
  struct ReturnSample {
    var times: [Int64]
    var returns: [Double]
    var label: String
    var window: Int
    var periodsPerYear: Double
  }

  static func returnSample(_ result: BacktestResult, _ r: ReturnMetrics) -> ReturnSample? {
    let capital = r.capital.doubleValue
    var times = result.stepTimes
    var pnl = result.equity.map(\.doubleValue)
    if r.strategy.isAnnualised, let periods = r.strategy.periodsPerYear {
      let sample = BacktestMetrics.returnSample(times: times, pnl: pnl)
      guard let returns = BacktestMetrics.returns(sample.pnl, capital: capital) else { return nil }
      return ReturnSample(
        times: sample.times,
        returns: returns,
        label: "returns (\(sample.basis))",
        window: 63,
        periodsPerYear: periods
      )
    }
    var label = "returns per step, not annualised"
    var window = 20
    if r.strategy.basis != "per step" {
      let minutes = BacktestMetrics.lastPerMinute(times, result.equity)
      (times, pnl) = (minutes.0, minutes.1.map(\.doubleValue))
      (label, window) = ("returns per minute (last equity of each minute), not annualised", 60)
    }
    guard let returns = BacktestMetrics.returns(pnl, capital: capital) else { return nil }
    return ReturnSample(
      times: times,
      returns: returns,
      label: label,
      window: window,
      periodsPerYear: 1
    )
  }

  /// The returns histogram and the rolling Sharpe ratio.
  static func distributionSections(
    _ result: BacktestResult,
    _ r: ReturnMetrics,
    pnl: [Double],
    width: Int
  ) -> String {
    var html = "<section id=\"return-distribution\">\n<h2>Distribution of returns</h2>\n"
    guard let sample = returnSample(result, r), sample.returns.count >= 2 else {
      return html + "<p class=\"caption\">Too few returns.</p>\n</section>\n"
        + "<section id=\"rolling-sharpe\">\n<h2>Rolling Sharpe ratio</h2>\n"
        + "<p class=\"caption\">Too few returns.</p>\n</section>\n"
    }
    html += "<p class=\"caption\">\(sample.returns.count) \(HTMLText.escaped(sample.label)); "
    html += "x: return in %, y: number of samples.</p>\n"
    html += histogram(sample.returns, width: width) + "\n</section>\n"
    html += "<section id=\"rolling-sharpe\">\n<h2>Rolling Sharpe ratio</h2>\n"
    html +=
      "<p class=\"caption\">Over the trailing \(sample.window) \(HTMLText.escaped(sample.label))"
    html += sample.periodsPerYear > 1 ? ", annualised.</p>\n" : ".</p>\n"
    var line = ChartSeries()
    let rolling = BacktestMetrics.rollingSharpe(
      sample.returns,
      window: sample.window,
      periodsPerYear: sample.periodsPerYear
    )
    for (k, value) in rolling.enumerated() { if let value { line.append(sample.times[k], value) } }
    guard line.count > 0 else {
      return html + "<p class=\"caption\">Fewer returns than the window.</p>\n</section>\n"
    }
    var chart = SVGChart(
      id: "rolling-sharpe-chart",
      label: "rolling Sharpe ratio",
      width: width,
      height: 180
    )
    chart.lines = [.init(series: line, cssClass: "rolling")]
    chart.includeZero = true
    chart.unit = "Sharpe ratio"
    chart.timeRange = timeRange(result)
    return html + chart.render() + "\n</section>\n"
  }

  /// 40 equal bins from the lowest to the highest return, one bar per bin, with a zero line.
  static func histogram(_ returns: [Double], width: Int, bins: Int = 40) -> String {
    let low = returns.min() ?? 0
    let high = max(returns.max() ?? 0, low + 1e-12)
    var counts = [Int](repeating: 0, count: bins)
    for r in returns { counts[min(bins - 1, Int((r - low) / (high - low) * Double(bins)))] += 1 }
    let height = 200.0
    let (left, bottom, top) = (76.0, 26.0, 22.0)
    let plot = Double(width) - left - 12
    let scale = ChartScale(low: 0, high: Double(counts.max() ?? 1), includeZero: true)
    let y = { (v: Double) in scale.pixel(v, top: top, bottom: height - bottom) }
    var svg = "<svg id=\"returns-histogram\" class=\"chart\" width=\"\(width)\" height=\"200\" "
    svg +=
      "viewBox=\"0 0 \(width) 200\" role=\"img\" aria-label=\"histogram of returns\"><g class=\"axis\">"
    for tick in scale.ticks {
      let py = HTMLText.coordinate(y(tick))
      svg +=
        "<line class=\"grid\" x1=\"\(HTMLText.coordinate(left))\" y1=\"\(py)\" x2=\"\(HTMLText.coordinate(left + plot))\" y2=\"\(py)\"/>"
      svg +=
        "<text x=\"\(HTMLText.coordinate(left - 6))\" y=\"\(py)\" dy=\"4\" text-anchor=\"end\">\(HTMLText.number(tick, decimals: scale.decimals))</text>"
    }
    svg += "<text class=\"unit\" x=\"\(HTMLText.coordinate(left))\" y=\"12\">samples</text>"
    let x = { (r: Double) in left + (r - low) / (high - low) * plot }
    let edges = ChartScale(low: low * 100, high: high * 100, count: 6)
    for tick in edges.ticks where tick >= low * 100 && tick <= high * 100 {
      let px = HTMLText.coordinate(x(tick / 100))
      svg +=
        "<line class=\(tick == 0 ? "\"zero\"" : "\"tick\"") x1=\"\(px)\" y1=\"\(HTMLText.coordinate(top))\" x2=\"\(px)\" y2=\"\(HTMLText.coordinate(height - 8))\"/>"
      svg +=
        "<text x=\"\(px)\" y=\"198\" text-anchor=\"middle\">\(HTMLText.number(tick, decimals: edges.decimals))%</text>"
    }
    svg += "</g>"
    let barWidth = plot / Double(bins)
    for (k, count) in counts.enumerated() where count > 0 {
      let top = y(Double(count))
      svg += "<rect class=\"bar\" x=\"\(HTMLText.coordinate(left + Double(k) * barWidth + 0.5))\" "
      svg +=
        "y=\"\(HTMLText.coordinate(top))\" width=\"\(HTMLText.coordinate(max(1, barWidth - 1)))\" "
      svg +=
        "height=\"\(HTMLText.coordinate(height - bottom - top))\"><title>\(count)</title></rect>"
    }
    return svg + "</svg>"
  }
}
