import StratDiagnostics

/// What a LOBSTER file name says: `TICKER_YYYY-MM-DD_StartMs_EndMs_(message|orderbook)_LEVEL.csv`
/// (optionally `.gz`). The session date is in the name only, so readers take it from here.
public struct LOBSTERFileName: Sendable, Equatable {
  /// The ticker, e.g. `GOOG`.
  public var symbol: String
  /// Days since 1970-01-01 of the session date.
  public var day: Int64
  /// True for a message file, false for an orderbook file.
  public var isMessageFile: Bool
  /// The number of book levels the file was requested with.
  public var levels: Int

  /// The session's midnight on the exchange's local clock (the date × one day, as if local were
  /// UTC). LOBSTER times count from it; `sessionClock` turns them into UTC instants.
  public var sessionMidnightNanos: Int64 { day * CivilCalendar.nanosPerDay }

  /// Parses the last path component of `path`; nil when it is not a LOBSTER name.
  public init?(path: String) {
    let base = path.split(separator: "/").last.map(String.init) ?? path
    var parts = base.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
    guard parts.count >= 6 else { return nil }
    var last = parts.removeLast()
    for suffix in [".gz", ".csv"] where last.hasSuffix(suffix) { last.removeLast(suffix.count) }
    let kind = parts.removeLast()
    guard let levels = Int(last), levels > 0, kind == "message" || kind == "orderbook",
      let day = Self.day(fromISO: parts[parts.count - 3])
    else { return nil }
    symbol = parts[0..<(parts.count - 3)].joined(separator: "_")
    self.day = day
    self.isMessageFile = kind == "message"
    self.levels = levels
  }

  /// Days since 1970-01-01 of `YYYY-MM-DD`; nil when the text is not a valid date whose
  /// midnight fits in Int64 nanoseconds.
  public static func day(fromISO text: String) -> Int64? {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return nil }
    func number(_ range: Range<Int>) -> Int64? {
      var value: Int64 = 0
      for b in bytes[range] {
        guard b >= 0x30, b <= 0x39 else { return nil }
        value = value * 10 + Int64(b - 0x30)
      }
      return value
    }
    guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10),
      (1...12).contains(m),
      d >= 1, d <= CivilCalendar.daysInMonth(m, year: y)
    else { return nil }
    let days = CivilCalendar.days(year: y, month: m, day: d)
    // Times are Int64 nanoseconds: 1677-09-22 to 2262-04-11.
    guard abs(days) < Int64.max / CivilCalendar.nanosPerDay - 1 else { return nil }
    return days
  }

  /// The exchange's clock for the session of `path` (see `sessionMidnight`), in `zone`.
  public static func sessionClock(
    path: String, date: String?, zone: String = SessionClock.exchangeZone
  ) throws(MarketDataError) -> SessionClock {
    try SessionClock.exchange(localMidnightNanos: try sessionMidnight(path: path, date: date), zoneName: zone)
  }

  /// The local session midnight for `path`: from `date` (YYYY-MM-DD) when given, else from the name.
  public static func sessionMidnight(path: String, date: String?) throws(MarketDataError) -> Int64 {
    if let date {
      guard let day = day(fromISO: date) else {
        throw MarketDataError(diagnostics: [LOBSTERDiagnostics.badDate(found: date)])
      }
      return day * CivilCalendar.nanosPerDay
    }
    guard let name = LOBSTERFileName(path: path) else {
      throw MarketDataError(diagnostics: [LOBSTERDiagnostics.noDate(path: path)])
    }
    return name.sessionMidnightNanos
  }
}
