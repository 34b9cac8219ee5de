import StratDiagnostics

/// The catalogue of LOBSTER reader diagnostics. Ids are stable (`data.lobster.*`); every message
/// says what was expected and what was found.
enum LOBSTERDiagnostics {
  /// The names of the message file's columns, for messages.
  static let messageColumns = ["time", "type", "order id", "size", "price", "direction"]

  /// A line longer than the reader's buffer.
  static func lineTooLong(limit: Int, at: DataLocation) -> Diagnostic {
    Diagnostic(
      id: "data.lobster.line-too-long",
      message: "expected a LOBSTER line shorter than \(limit) bytes; found a longer one",
      at: at,
      notes: ["is this a LOBSTER message or orderbook CSV file?"]
    )
  }

  /// A message line without exactly six fields.
  static func fieldCount(expected: Int, found: Int, at: DataLocation) -> Diagnostic {
    let what = found == 0 ? "an empty line" : "\(found) field\(found == 1 ? "" : "s")"
    return Diagnostic(
      id: "data.lobster.field-count",
      message: "expected \(expected) comma-separated fields; found \(what)",
      at: at,
      notes: expected == 6
        ? ["a LOBSTER message line is: time,type,order id,size,price,direction"] : []
    )
  }

  /// A time field that is not seconds after midnight.
  static func badTime(found: String, at: DataLocation) -> Diagnostic {
    Diagnostic(
      id: "data.lobster.bad-time",
      message: "expected seconds after midnight such as 34200.015105074 (less than 86400); "
        + "found \(found)",
      at: at
    )
  }

  /// A price of 0 or below where LOBSTER writes a real price, or a halt row's price other than
  /// -1, 0 or 1.
  static func badPrice(found: String, isHalt: Bool, at: DataLocation) -> Diagnostic {
    Diagnostic(
      id: "data.lobster.bad-price",
      message: isHalt
        ? "expected -1 (halt), 0 (quoting) or 1 (resume) as the price of a trading-halt row; "
          + "found \(found)"
        : "expected a price above 0 (dollars x10000); found \(found)",
      at: at,
      notes: isHalt
        ? [] : ["only trading-halt rows (type 7) and empty orderbook levels carry other prices"]
    )
  }

  /// An integer field that is not an integer in range.
  static func badNumber(column: String, found: String, at: DataLocation) -> Diagnostic {
    Diagnostic(
      id: "data.lobster.bad-number",
      message: "expected an integer in `\(column)`; found \(found)",
      at: at
    )
  }

  /// The largest size accepted: far above any real order (ITCH sizes are 32-bit), low enough
  /// that sums over a day of orders cannot overflow.
  static let maximumSize: Int64 = 1 << 40

  /// A size that is negative or absurdly large.
  static func badSize(found: Int64, at: DataLocation) -> Diagnostic {
    Diagnostic(
      id: "data.lobster.bad-size",
      message: "expected a size from 0 to \(maximumSize) shares; found \(found)",
      at: at
    )
  }

  /// An event type outside 1…7.
  static func badType(found: Int64, at: DataLocation) -> Diagnostic {
    Diagnostic(
      id: "data.lobster.bad-type",
      message: "expected an event type from 1 to 7; found \(found)",
      at: at,
      notes: [
        "1 add, 2 partial cancel, 3 delete, 4 visible execution, 5 hidden execution, "
          + "6 cross trade, 7 trading halt"
      ]
    )
  }

  /// A direction other than 1 or -1.
  static func badDirection(found: Int64, at: DataLocation) -> Diagnostic {
    Diagnostic(
      id: "data.lobster.bad-direction",
      message: "expected direction 1 (buy) or -1 (sell); found \(found)",
      at: at
    )
  }

  /// A timestamp earlier than the one before it.
  static func timeBackwards(previous: Int64, found: Int64, at: DataLocation) -> Diagnostic {
    Diagnostic(
      id: "data.lobster.time-backwards",
      message: "expected a time at or after \(seconds(previous)) s (the line before); found "
        + "\(seconds(found)) s",
      at: at
    )
  }

  /// No session date in the file name and none given.
  static func noDate(path: String) -> Diagnostic {
    Diagnostic(
      id: "data.lobster.no-date",
      message: "expected a LOBSTER file name such as GOOG_2012-06-21_34200000_57600000_"
        + "message_10.csv that gives the session date; found `\(path)`",
      at: DataLocation(path: path),
      notes: ["give the date explicitly (--date YYYY-MM-DD)"]
    )
  }

  /// A date argument that is not YYYY-MM-DD.
  static func badDate(found: String) -> Diagnostic {
    Diagnostic(
      id: "data.lobster.bad-date",
      message: "expected a date as YYYY-MM-DD; found `\(found)`"
    )
  }

  /// An empty-level dummy price with a size: LOBSTER writes 0 there.
  static func dummyWithSize(found: Int64, at: DataLocation) -> Diagnostic {
    Diagnostic(
      id: "data.lobster.bad-size",
      message: "expected size 0 beside the dummy price of an empty level; found \(found)",
      at: at
    )
  }

  /// An orderbook row whose column count is not four per level.
  static func bookColumns(expected: Int?, found: Int, at: DataLocation) -> Diagnostic {
    let want =
      expected.map { "\($0) columns (4 per level), as on the first row" }
      ?? "a multiple of 4 columns (ask price, ask size, bid price, bid size per level)"
    return Diagnostic(
      id: "data.lobster.book-columns",
      message: "expected \(want); found \(found)",
      at: at
    )
  }

  private static func seconds(_ nanos: Int64) -> String {
    let day = CivilCalendar.nanosPerDay
    let ofDay = ((nanos % day) + day) % day
    let fraction = String(ofDay % 1_000_000_000)
    return "\(ofDay / 1_000_000_000)." + String(repeating: "0", count: 9 - fraction.count)
      + fraction
  }
}
