import StratRuntime
import StratMarket

/// One inline SVG time chart: lines (already in time order), optional buy/sell markers, a value
/// axis with round ticks and a time axis with dates. Lines are downsampled to the plot's pixel
/// width (see `ChartSeries.downsampled`), markers are merged when they fall on the same pixel,
/// so the SVG's size depends on its width, not on the length of the run.
struct SVGChart {
  /// A line to draw, with its CSS class (`equity`, `drawdown`, `position`, `price`, `fills`).
  struct Line {
    var series: ChartSeries
    var cssClass: String
    /// Draw as a step function (positions change at fills and hold between them).
    var isStep = false
  }

  /// A trade marker: time, price and side.
  struct Marker {
    var time: Int64
    var value: Double
    var isBuy: Bool
  }

  /// The element id (`equity-chart`, `price-0`, …).
  var id: String
  /// The caption under the section heading (escaped when rendered).
  var label: String
  var width = 960
  var height = 240
  var lines: [Line] = []
  var markers: [Marker] = []
  /// The value axis's unit, written above it (`%`, `currency`, `units`).
  var unit: String?
  /// Force 0 into the value axis (equity, drawdown, positions).
  var includeZero = false
  /// The time axis; defaults to the lines' own span.
  var timeRange: (start: Int64, end: Int64)?

  /// Above this many fills, markers are aggregated per time bucket (`markerPaths`).
  static let markerLimit = 400

  let left = 76.0
  let right = 12.0
  let top = 22.0
  let bottom = 26.0

  /// The SVG element.
  func render() -> String {
    let (start, end) = timeRange ?? spanOfLines()
    let plotWidth = Double(width) - left - right
    let sampled = lines.map { line in
      Line(
        series: line.series.downsampled(buckets: Int(plotWidth), start: start, end: end),
        cssClass: line.cssClass, isStep: line.isStep)
    }
    let scale = valueScale(sampled)
    let x = { (t: Int64) -> Double in
      self.left + Double(t &- start) / Double(max(1, end &- start)) * plotWidth
    }
    let y = { (v: Double) -> Double in
      scale.pixel(v, top: self.top, bottom: Double(self.height) - self.bottom)
    }
    var svg = "<svg id=\"\(id)\" class=\"chart\" "
    svg += "width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" "
    svg += "role=\"img\" aria-label=\"\(HTMLText.escaped(label))\">"
    svg += axes(scale: scale, start: start, end: end, x: x, y: y)
    for line in sampled where line.series.count > 0 {
      svg += "<path class=\"\(line.cssClass)\" d=\"\(path(line, x: x, y: y))\"/>"
    }
    svg += markerPaths(x: x, y: y)
    svg += "</svg>"
    return svg
  }

  /// The earliest and latest time of any line or marker.
  func spanOfLines() -> (Int64, Int64) {
    var start = Int64.max
    var end = Int64.min
    for line in lines {
      if let first = line.series.times.first { start = min(start, first) }
      if let last = line.series.times.last { end = max(end, last) }
    }
    for marker in markers {
      start = min(start, marker.time)
      end = max(end, marker.time)
    }
    return start <= end ? (start, end) : (0, 1)
  }

  /// The value scale over every line and marker.
  func valueScale(_ sampled: [Line]) -> ChartScale {
    var low = Double.infinity
    var high = -Double.infinity
    for line in sampled {
      if let range = line.series.valueRange {
        low = min(low, range.low)
        high = max(high, range.high)
      }
    }
    for marker in markers {
      low = min(low, marker.value)
      high = max(high, marker.value)
    }
    if low > high { (low, high) = (0, 0) }
    return ChartScale(low: low, high: high, includeZero: includeZero)
  }

  /// The path data of a line: `M x y L x y …`, with a horizontal then vertical move per point
  /// for step lines.
  func path(_ line: Line, x: (Int64) -> Double, y: (Double) -> Double) -> String {
    var d = ""
    d.reserveCapacity(line.series.count * 24)
    var previousY: String?
    for k in 0..<line.series.count {
      let px = HTMLText.coordinate(x(line.series.times[k]))
      let py = HTMLText.coordinate(y(line.series.values[k]))
      if let previousY, line.isStep { d += "L\(px) \(previousY)" }
      d += (k == 0 ? "M" : "L") + "\(px) \(py)"
      previousY = py
    }
    return d
  }
}
