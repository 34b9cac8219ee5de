/// Points of a line chart in time order, and their deterministic reduction to what a chart
/// `buckets` pixels wide can show.
struct ChartSeries: Sendable, Equatable {
  /// Times, ns since the epoch, non-decreasing.
  var times: [Int64] = []
  /// Values at those times.
  var values: [Double] = []

  /// Appends a point.
  mutating func append(_ time: Int64, _ value: Double) {
    times.append(time)
    values.append(value)
  }

  /// The number of points.
  var count: Int { times.count }

  /// The smallest and largest value, nil when empty.
  var valueRange: (low: Double, high: Double)? {
    guard var low = values.first else { return nil }
    var high = low
    for v in values {
      low = min(low, v)
      high = max(high, v)
    }
    return (low, high)
  }

  /// Keeps, for each of `buckets` equal slices of `start...end`, the first, lowest, highest
  /// and last point in time order: at most 4 × `buckets` points whatever the length, and every
  /// extreme a pixel column would show (a min/max envelope, so spikes are never smoothed away).
  /// Series already that short are returned unchanged. Pure arithmetic: same input, same output.
  func downsampled(buckets: Int, start: Int64, end: Int64) -> ChartSeries {
    guard count > 4 * buckets, buckets > 0 else { return self }
    var out = ChartSeries()
    out.times.reserveCapacity(4 * buckets)
    out.values.reserveCapacity(4 * buckets)
    let span = Double(max(1, end &- start))
    var k = 0
    while k < count {
      let bucket = Self.bucket(times[k], start: start, span: span, buckets: buckets)
      var last = k
      var lowest = k
      var highest = k
      while last + 1 < count,
        Self.bucket(times[last + 1], start: start, span: span, buckets: buckets) == bucket
      {
        last += 1
        if values[last] < values[lowest] { lowest = last }
        if values[last] > values[highest] { highest = last }
      }
      var previous = -1
      for index in [k, min(lowest, highest), max(lowest, highest), last] where index != previous {
        out.append(times[index], values[index])
        previous = index
      }
      k = last + 1
    }
    return out
  }

  /// The bucket of a time.
  private static func bucket(_ time: Int64, start: Int64, span: Double, buckets: Int) -> Int {
    let position = Double(time &- start) / span * Double(buckets)
    return min(buckets - 1, max(0, Int(position)))
  }
}
