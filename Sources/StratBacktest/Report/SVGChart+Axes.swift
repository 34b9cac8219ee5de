import StratRuntime
import StratMarket

extension SVGChart {
  /// Grid lines with value labels, the zero line, the value unit, and calendar-aligned times
  /// along the bottom (`TimeTicks`, UTC).
  func axes(
    scale: ChartScale, start: Int64, end: Int64, x: (Int64) -> Double, y: (Double) -> Double
  ) -> String {
    let right = HTMLText.coordinate(Double(width) - self.right)
    let leftText = HTMLText.coordinate(left)
    var svg = "<g class=\"axis\">"
    for tick in scale.ticks {
      let py = HTMLText.coordinate(y(tick))
      let css = tick == 0 ? "zero" : "grid"
      svg += "<line class=\"\(css)\" x1=\"\(leftText)\" y1=\"\(py)\" x2=\"\(right)\" y2=\"\(py)\"/>"
      svg += "<text x=\"\(HTMLText.coordinate(left - 6))\" y=\"\(py)\" text-anchor=\"end\" "
      svg += "dy=\"4\">\(HTMLText.number(tick, decimals: scale.decimals))</text>"
    }
    let baseline = HTMLText.coordinate(Double(height) - bottom)
    let labelY = HTMLText.coordinate(Double(height) - 8)
    var ticks = TimeTicks.aligned(start: start, end: end)
    if ticks.count < 2 {
      ticks = [(start, TimeTicks.clockLabel(start)), (end, TimeTicks.clockLabel(end))]
    }
    for tick in ticks {
      let px = x(tick.time)
      let anchor = px < left + 24 ? "start" : px > Double(width) - self.right - 24 ? "end" : "middle"
      let text = HTMLText.coordinate(px)
      svg += "<line class=\"tick\" x1=\"\(text)\" y1=\"\(baseline)\" x2=\"\(text)\" y2=\"\(labelY)\"/>"
      svg += "<text x=\"\(text)\" y=\"\(HTMLText.coordinate(Double(height) - 2))\" "
      svg += "text-anchor=\"\(anchor)\">\(HTMLText.escaped(tick.label))</text>"
    }
    if let unit {
      svg += "<text class=\"unit\" x=\"\(leftText)\" y=\"12\">\(HTMLText.escaped(unit))</text>"
    }
    svg += "</g>"
    return svg
  }

  /// Buy markers (upward triangles) and sell markers (downward), each side as one path; markers
  /// on the same pixel are drawn once. Above `SVGChart.markerLimit` fills, one marker per side
  /// stands for each 6-pixel time bucket, at the bucket's mean fill price, so that thousands of
  /// fills stay readable; its tooltip gives the counts.
  func markerPaths(x: (Int64) -> Double, y: (Double) -> Double) -> String {
    guard !markers.isEmpty else { return "" }
    let aggregated = markers.count > Self.markerLimit
    var svg = ""
    for isBuy in [true, false] {
      var points: [(px: Double, py: Double)] = []
      var buckets: [Int: (sum: Double, count: Int)] = [:]
      var count = 0
      for marker in markers where marker.isBuy == isBuy {
        count += 1
        if aggregated {
          let key = Int(x(marker.time) / 6)
          buckets[key, default: (0, 0)].sum += marker.value
          buckets[key, default: (0, 0)].count += 1
        } else {
          points.append((x(marker.time).rounded(), y(marker.value).rounded()))
        }
      }
      guard count > 0 else { continue }
      for key in buckets.keys.sorted() {
        let b = buckets[key]!
        points.append(((Double(key) * 6 + 3).rounded(), y(b.sum / Double(b.count)).rounded()))
      }
      let side = isBuy ? "buy" : "sell"
      var title = "\(count) \(side) fills"
      if aggregated { title += " in \(buckets.count) markers (mean price per 6-pixel time bucket)" }
      svg += "<path class=\"\(side)\" d=\"\(triangles(points, up: isBuy))\"><title>\(title)</title></path>"
    }
    return svg
  }

  /// The path of one small triangle per distinct point.
  func triangles(_ points: [(px: Double, py: Double)], up: Bool) -> String {
    var seen: Set<Int64> = []
    var d = ""
    for (px, py) in points {
      guard seen.insert(Int64(px) << 20 | Int64(py)).inserted else { continue }
      let tip = up ? py + 1 : py - 1
      d += "M\(HTMLText.coordinate(px)) \(HTMLText.coordinate(tip))" + (up ? "l-4 8h8z" : "l-4 -8h8z")
    }
    return d
  }
}
