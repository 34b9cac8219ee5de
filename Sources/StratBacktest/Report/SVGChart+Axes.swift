import StratMarket

extension SVGChart {
  /// Grid lines with value labels, the zero line, and dates along the bottom.
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
    let showsClock = end &- start < 2 * 86_400 * Timestamp.nanosPerSecond
    let count = 6
    for k in 0...count {
      let t = start &+ Int64(Double(end &- start) * Double(k) / Double(count))
      let px = HTMLText.coordinate(x(t))
      let anchor = k == 0 ? "start" : k == count ? "end" : "middle"
      svg += "<line class=\"tick\" x1=\"\(px)\" y1=\"\(baseline)\" x2=\"\(px)\" y2=\"\(labelY)\"/>"
      svg += "<text x=\"\(px)\" y=\"\(HTMLText.coordinate(Double(height) - 2))\" "
      svg += "text-anchor=\"\(anchor)\">\(Self.timeLabel(t, showsClock: showsClock))</text>"
    }
    svg += "</g>"
    return svg
  }

  /// `2021-03-04`, or `14:30:05` for charts shorter than two days.
  static func timeLabel(_ time: Int64, showsClock: Bool) -> String {
    let text = Timestamp.iso8601(time)
    let utf8 = Array(text.utf8)
    guard utf8.count >= 19 else { return HTMLText.escaped(text) }
    let slice = showsClock ? utf8[11..<19] : utf8[0..<10]
    return String(decoding: slice, as: UTF8.self)
  }

  /// Buy markers (upward triangles) and sell markers (downward), each side as one path; markers
  /// on the same pixel are drawn once.
  func markerPaths(x: (Int64) -> Double, y: (Double) -> Double) -> String {
    guard !markers.isEmpty else { return "" }
    var svg = ""
    for isBuy in [true, false] {
      var seen: Set<Int64> = []
      var d = ""
      var count = 0
      for marker in markers where marker.isBuy == isBuy {
        count += 1
        let px = x(marker.time).rounded()
        let py = y(marker.value).rounded()
        guard seen.insert(Int64(px) << 20 | Int64(py)).inserted else { continue }
        let tip = isBuy ? py + 1 : py - 1
        let base = isBuy ? "l-4 8h8z" : "l-4 -8h8z"
        d += "M\(HTMLText.coordinate(px)) \(HTMLText.coordinate(tip))\(base)"
      }
      guard count > 0 else { continue }
      let side = isBuy ? "buy" : "sell"
      svg += "<path class=\"\(side)\" d=\"\(d)\"><title>\(count) \(side) fills</title></path>"
    }
    return svg
  }
}
