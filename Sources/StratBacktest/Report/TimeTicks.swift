import StratRuntime
import StratMarket

/// Time-axis ticks on calendar boundaries: years, months, days or clock times, whichever gives
/// at most `maxCount` ticks for the span, so labels read as dates a person would pick.
enum TimeTicks {
  /// The ticks inside `start...end` with their labels (`2021`, `2021-03`, `07-14`, `14:30`).
  static func aligned(start: Int64, end: Int64, maxCount: Int = 8) -> [(time: Int64, label: String)]
  {
    let day: Int64 = 86_400 * Timestamp.nanosPerSecond
    let span = end &- start
    guard span > 0 else { return [(start, clockLabel(start))] }
    if span >= 3 * 365 * day { return years(start, end, maxCount) }
    if span >= 60 * day { return months(start, end, maxCount) }
    if span >= 2 * day {
      let step =
        [1, 2, 7, 14, 28].map { Int64($0) * day }.first { span / $0 < maxCount } ?? 28 * day
      return multiples(of: step, start, end).map {
        ($0, String(Timestamp.iso8601($0).dropFirst(5).prefix(5)))
      }
    }
    let minute: Int64 = 60 * Timestamp.nanosPerSecond
    let steps = [1, 5, 10, 15, 30, 60, 120, 180, 360, 720].map { Int64($0) * minute }
    let step = steps.first { span / $0 < maxCount } ?? 720 * minute
    return multiples(of: step, start, end).map { ($0, clockLabel($0)) }
  }

  /// Every multiple of `step` (from the epoch, so UTC midnight and whole hours) in the span.
  static func multiples(of step: Int64, _ start: Int64, _ end: Int64) -> [Int64] {
    var t = (start / step + (start % step > 0 ? 1 : 0)) * step
    var out: [Int64] = []
    while t <= end {
      out.append(t)
      t += step
    }
    return out
  }

  /// January 1sts, every 1, 2, 5, 10, … years.
  static func years(_ start: Int64, _ end: Int64, _ maxCount: Int) -> [(time: Int64, label: String)]
  {
    let first = Timestamp.civilDate(start).year
    let last = Timestamp.civilDate(end).year
    let step =
      [1, 2, 5, 10, 20, 50, 100, 1_000].first { (last - first) / Int64($0) < maxCount } ?? 1_000
    var out: [(Int64, String)] = []
    for year in stride(from: first, through: last, by: Int(step)) {
      let t = Timestamp.nanos(year: Int(year), month: 1, day: 1)
      if t >= start, t <= end { out.append((t, String(year))) }
    }
    return out
  }

  /// First days of months, every 1, 2, 3, 6 or 12 months, aligned to January.
  static func months(_ start: Int64, _ end: Int64, _ maxCount: Int) -> [(
    time: Int64, label: String
  )] {
    let a = Timestamp.civilDate(start)
    let b = Timestamp.civilDate(end)
    let count = (b.year - a.year) * 12 + b.month - a.month
    let step = [1, 2, 3, 6, 12].first { count / Int64($0) < maxCount } ?? 12
    var out: [(Int64, String)] = []
    var index = a.year * 12 + a.month - 1
    while index <= b.year * 12 + b.month - 1 {
      let (year, month) = (index / 12, index % 12 + 1)
      let t = Timestamp.nanos(year: Int(year), month: Int(month), day: 1)
      if month % Int64(step) == 1 % Int64(step) || step == 1, t >= start, t <= end {
        out.append((t, String(Timestamp.iso8601(t).prefix(7))))
      }
      index += 1
    }
    return out
  }

  /// `14:30` (UTC).
  static func clockLabel(_ t: Int64) -> String {
    String(Timestamp.iso8601(t).dropFirst(11).prefix(5))
  }
}
