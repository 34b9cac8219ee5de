import StratDiagnostics

extension TickImport {
  /// Imports the order events of an ITCH 5.0 file: one `orders` file per stock and day, the
  /// symbol taken from the Stock Directory (`R`) message of each locate code (`LOCATE-n` when a
  /// locate has none). Events are read in place, without building messages.
  public static func itch(
    _ reader: ITCHFileReader, session: SessionClock, into store: TickStore, source: String
  ) throws(MarketDataError) -> Report {
    let sink = TickStoreSink(store: store, kind: .orders, source: source)
    var symbols: [UInt16: String] = [:]
    var event = OrderEvent(timeNanos: 0, kind: .add)
    var rows = 0
    while let wire = try reader.nextWire() {
      if wire.type == 0x52 {
        symbols[wire.u16(1)] = ITCHSymbol(raw: wire.u64(11)).text
        continue
      }
      guard wire.orderEvent(session: session, into: &event) else { continue }
      let locate = UInt16(truncatingIfNeeded: event.instrument)
      let symbol = symbols[locate] ?? "LOCATE-\(locate)"
      try sink.writer(symbol: symbol, timeNanos: event.timeNanos).append(event)
      rows += 1
    }
    return Report(files: try sink.finish(), rows: rows, skipped: reader.skippedCount,
      skippedDiagnostics: reader.diagnostics)
  }

  /// The exchange's clock for an ITCH file's session (see `itchSessionMidnight`), in `zone`.
  public static func itchSessionClock(
    path: String, date: String?, zone: String = SessionClock.exchangeZone
  ) throws(MarketDataError) -> SessionClock {
    try SessionClock.exchange(localMidnightNanos: try itchSessionMidnight(path: path, date: date), zoneName: zone)
  }

  /// The local session midnight of an ITCH file: from `date` (YYYY-MM-DD) when given, else from eight
  /// digits in the file name (`20101224` or NASDAQ's `12302019`).
  public static func itchSessionMidnight(path: String, date: String?) throws(MarketDataError) -> Int64 {
    if let date {
      guard let day = LOBSTERFileName.day(fromISO: date) else {
        throw MarketDataError(diagnostics: [badDate(date)])
      }
      return day * CivilCalendar.nanosPerDay
    }
    let name = Array((path.split(separator: "/").last ?? "").utf8)
    var i = 0
    while i + 8 <= name.count {
      let digits = name[i..<(i + 8)]
      if digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
        let text = String(decoding: digits, as: UTF8.self)
        let ymd = text.hasPrefix("19") || text.hasPrefix("20")
        let iso = ymd
          ? "\(text.prefix(4))-\(text.dropFirst(4).prefix(2))-\(text.suffix(2))"
          : "\(text.suffix(4))-\(text.prefix(2))-\(text.dropFirst(2).prefix(2))"
        if let day = LOBSTERFileName.day(fromISO: iso) { return day * CivilCalendar.nanosPerDay }
      }
      i += 1
    }
    throw MarketDataError(diagnostics: [
      Diagnostic(
        id: "data.itch.no-date",
        message: "expected the session date in the file name (e.g. 12302019.NASDAQ_ITCH50); "
          + "found none in `\(path)`",
        at: DataLocation(path: path), notes: ["give it with --date YYYY-MM-DD"])
    ])
  }

  static func badDate(_ text: String) -> Diagnostic {
    Diagnostic(id: "data.source.bad-date", message: "expected a date YYYY-MM-DD; found `\(text)`")
  }
}
