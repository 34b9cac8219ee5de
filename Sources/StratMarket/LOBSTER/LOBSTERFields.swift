import StratDiagnostics

/// Comma-separated fields of one LOBSTER line and exact integer parsing of them, with the
/// location of each field for error messages. Bounds live in one reused array: no allocation
/// per line.
struct LOBSTERFields {
  /// Field `i` is `line[starts[i]..<ends[i]]`.
  private(set) var starts: [Int] = []
  private(set) var ends: [Int] = []
  private(set) var count = 0
  private(set) var line = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

  /// Splits `line` at commas.
  mutating func split(_ line: UnsafeBufferPointer<UInt8>) {
    self.line = line
    count = 0
    guard line.count > 0 else { return }
    var fieldStart = 0
    for i in 0..<line.count where line[i] == 0x2C {
      append(fieldStart, i)
      fieldStart = i + 1
    }
    append(fieldStart, line.count)
  }

  private mutating func append(_ start: Int, _ end: Int) {
    if count == starts.count {
      starts.append(start)
      ends.append(end)
    } else {
      starts[count] = start
      ends[count] = end
    }
    count += 1
  }

  /// The 1-based column of field `i`.
  func column(_ i: Int) -> Int { starts[i] + 1 }

  /// Field `i` quoted for a message.
  func quoted(_ i: Int) -> String {
    guard let base = line.baseAddress else { return "an empty field" }
    return ByteText.quoted(base, starts[i], ends[i])
  }

  /// Parses field `i` as an optionally negative decimal integer; nil if it is not one.
  func integer(_ i: Int) -> Int64? {
    var p = starts[i]
    let end = ends[i]
    let negative = p < end && line[p] == 0x2D
    if negative { p += 1 }
    guard p < end else { return nil }
    var value: Int64 = 0
    while p < end {
      let d = Int64(line[p]) &- 0x30
      guard d >= 0, d <= 9 else { return nil }
      let (times, o1) = value.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times.addingReportingOverflow(d)
      guard !o1, !o2 else { return nil }
      value = sum
      p += 1
    }
    return negative ? -value : value
  }

  /// Parses field `i` as seconds after midnight into exact nanoseconds; nil if it is not such a
  /// time or is a day or more. Decimals past the ninth (LOBSTER's float artefacts such as
  /// `43002.632812672004`) are rounded to the nearest nanosecond, ties to even, on the decimal
  /// digits themselves (never through a Double); `rounded` tells whether that happened.
  func nanosOfDay(_ i: Int) -> (nanos: Int64, rounded: Bool)? {
    var p = starts[i]
    let end = ends[i]
    var seconds: Int64 = 0
    var digits = 0
    while p < end, line[p] != 0x2E {
      let d = Int64(line[p]) &- 0x30
      guard d >= 0, d <= 9, digits < 6 else { return nil }
      seconds = seconds * 10 + d
      digits += 1
      p += 1
    }
    guard digits > 0, seconds < 86_400 else { return nil }
    var fraction: Int64 = 0
    var decimals = 0
    var rest = RoundingTail()
    if p < end {
      p += 1
      guard p < end else { return nil }
      while p < end {
        let d = Int64(line[p]) &- 0x30
        guard d >= 0, d <= 9 else { return nil }
        if decimals < 9 {
          fraction = fraction * 10 + d
          decimals += 1
        } else {
          rest.add(digit: d)
        }
        p += 1
      }
    }
    while decimals < 9 {
      fraction *= 10
      decimals += 1
    }
    let nanos = seconds * 1_000_000_000 + fraction + (rest.roundsUp(odd: fraction & 1 == 1) ? 1 : 0)
    guard nanos < CivilCalendar.nanosPerDay else { return nil }
    return (nanos, rest.isInexact)
  }
}

/// The digits past the ninth decimal of a time, reduced to what rounding needs: the first of
/// them and whether any later one is not zero.
struct RoundingTail {
  private var first: Int64 = -1
  private var laterNonZero = false

  /// Takes the next digit.
  mutating func add(digit: Int64) {
    if first < 0 { first = digit } else if digit != 0 { laterNonZero = true }
  }

  /// True when the dropped digits were not all zero.
  var isInexact: Bool { first > 0 || laterNonZero }

  /// Half to even: up above one half, down below, and at exactly one half up only when the kept
  /// last digit is odd.
  func roundsUp(odd: Bool) -> Bool {
    guard first >= 5 else { return false }
    return first > 5 || laterNonZero || odd
  }
}
