import StratRuntime
import StratMarket

extension HTMLReport {
  /// The equity curve and the drawdown below its running peak (the peak starts at 0, as in
  /// `BacktestMetrics.maxDrawdown`).
  static func equitySections(_ result: BacktestResult, width: Int) -> String {
    var equity = ChartSeries()
    var drawdown = ChartSeries()
    var peak: Int64 = 0
    for (k, value) in result.equity.enumerated() where k < result.stepTimes.count {
      let t = result.stepTimes[k]
      peak = max(peak, value.raw)
      equity.append(t, value.doubleValue)
      drawdown.append(t, -Double(peak &- value.raw) / 1e8)
    }
    let range = timeRange(result)
    var equityChart = SVGChart(id: "equity-chart", label: "equity after each step", width: width)
    equityChart.lines = [.init(series: equity, cssClass: "equity")]
    equityChart.includeZero = true
    equityChart.unit = "P&L, currency"
    equityChart.timeRange = range
    var drawdownChart = SVGChart(
      id: "drawdown-chart", label: "drawdown below the running peak", width: width, height: 160)
    drawdownChart.lines = [.init(series: drawdown, cssClass: "drawdown")]
    drawdownChart.includeZero = true
    drawdownChart.unit = "currency"
    drawdownChart.timeRange = range
    return "<section id=\"equity\">\n<h2>Equity</h2>\n" + equityChart.render()
      + "\n</section>\n<section id=\"drawdown\">\n<h2>Drawdown</h2>\n" + drawdownChart.render()
      + "\n</section>\n"
  }

  /// One step chart of the position per instrument, rebuilt from the fills.
  static func positionSection(_ result: BacktestResult, width: Int) -> String {
    let range = timeRange(result)
    var series = [ChartSeries](repeating: ChartSeries(), count: result.instruments.count)
    var positions = [Int64](repeating: 0, count: result.instruments.count)
    if let range { for i in series.indices { series[i].append(range.start, 0) } }
    for fill in result.ledger.fills where series.indices.contains(fill.instrument) {
      positions[fill.instrument] &+= fill.quantity.units
      series[fill.instrument].append(fill.time, Double(positions[fill.instrument]))
    }
    var html = "<section id=\"positions\">\n<h2>Positions</h2>\n"
    for (i, binding) in result.instruments.enumerated() {
      if let range { series[i].append(range.end, Double(positions[i])) }
      var chart = SVGChart(
        id: "position-\(i)", label: "position of \(binding.name)", width: width, height: 140)
      chart.lines = [.init(series: series[i], cssClass: "position", isStep: true)]
      chart.includeZero = true
      chart.unit = "units"
      chart.timeRange = range
      html += "<h3>\(HTMLText.escaped(binding.name)) (\(HTMLText.escaped(binding.symbol)))</h3>\n"
      html += chart.render() + "\n"
    }
    return html + "</section>\n"
  }

  /// Per instrument, its reference price (or, without one, the fill prices) with a marker per
  /// fill: green upward triangles for buys, red downward ones for sells.
  static func tradeSection(_ result: BacktestResult, options: HTMLReportOptions) -> String {
    var html = "<section id=\"trades\">\n<h2>Trades</h2>\n<p class=\"legend\">"
    html += "<span class=\"swatch-buy\">▲ buy</span><span class=\"swatch-sell\">▼ sell</span>"
    html += "</p>\n"
    let range = timeRange(result)
    for (i, binding) in result.instruments.enumerated() {
      var chart = SVGChart(id: "price-\(i)", label: "trades of \(binding.name)", width: options.chartWidth)
      var fillPrices = ChartSeries()
      for fill in result.ledger.fills where fill.instrument == i {
        chart.markers.append(.init(time: fill.time, value: fill.price.doubleValue, isBuy: fill.side == .buy))
        fillPrices.append(fill.time, fill.price.doubleValue)
      }
      var caption = "fill prices"
      if let reference = options.prices.first(where: { $0.instrument == i }) {
        var line = ChartSeries()
        for (k, t) in reference.times.enumerated() where k < reference.prices.count {
          if let range, t < range.start || t > range.end { continue }
          line.append(t, reference.prices[k].doubleValue)
        }
        chart.lines = [.init(series: line, cssClass: "price")]
        caption = reference.label
      } else {
        chart.lines = [.init(series: fillPrices, cssClass: "fills")]
      }
      chart.timeRange = range
      chart.unit = "price"
      let buys = chart.markers.filter(\.isBuy).count
      html += "<h3>\(HTMLText.escaped(binding.name)) (\(HTMLText.escaped(binding.symbol))): "
      html += "\(HTMLText.escaped(caption)), \(buys) buys, \(chart.markers.count - buys) sells</h3>\n"
      if chart.markers.count > SVGChart.markerLimit {
        html += "<p class=\"caption\">More than \(SVGChart.markerLimit) fills: each marker stands for "
        html += "the fills of one side in a 6-pixel slice of time, at their mean price.</p>\n"
      }
      html += chart.render() + "\n"
    }
    return html + "</section>\n"
  }

  /// From the first step (or fill) to the last; nil for an empty run.
  static func timeRange(_ result: BacktestResult) -> (start: Int64, end: Int64)? {
    var start = result.stepTimes.first ?? Int64.max
    var end = result.stepTimes.last ?? Int64.min
    if let first = result.ledger.fills.first { start = min(start, first.time) }
    if let last = result.ledger.fills.last { end = max(end, last.time) }
    return start <= end ? (start, end) : nil
  }
}
