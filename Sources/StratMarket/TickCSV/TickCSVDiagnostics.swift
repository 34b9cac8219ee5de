import StratDiagnostics

/// The catalogue of trade/quote/order CSV diagnostics that the bar catalogue (`CSVDiagnostics`,
/// whose row-level messages are reused) does not have. Ids are `data.csv.*`.
enum TickCSVDiagnostics {
  static let expectedHeaders =
    "a header such as `time,price,size[,side][,symbol]` (trades) or "
    + "`time,bid,bid_size,ask,ask_size[,symbol]` (quotes)"

  /// The file has no bytes.
  static func emptyFile(path: String) -> Diagnostic {
    Diagnostic(
      id: "data.csv.empty", message: "the file is empty; expected \(expectedHeaders) and rows",
      at: DataLocation(path: path, line: 1, column: 1, byteOffset: 0))
  }

  /// A quoted field that is never closed.
  static func openQuote(at: DataLocation) -> Diagnostic {
    Diagnostic(
      id: "data.csv.open-quote", message: "expected a closing `\"` on the same line; found the end of the line",
      at: at, notes: ["the file may have been cut inside a quoted field"])
  }

  /// A header and no data rows.
  static func noRows(path: String, line: Int) -> Diagnostic {
    Diagnostic(
      id: "data.csv.no-rows", message: "expected at least one row after the header; found none",
      at: DataLocation(path: path, line: line, column: 1))
  }

  /// No known layout in the header.
  static func unknownLayout(header: [String], path: String) -> Diagnostic {
    Diagnostic(
      id: "data.csv.unknown-layout",
      message: "expected \(expectedHeaders); found the header `\(header.joined(separator: ","))`",
      at: DataLocation(path: path, line: 1, column: 1, byteOffset: 0),
      notes: ["columns are matched by name, case-insensitively; give --format to say which layout"])
  }

  /// A required column is absent.
  static func missingColumn(_ role: TickCSVLayout.Role, kind: TickCSVKind, header: [String], path: String)
    -> Diagnostic
  {
    Diagnostic(
      id: "data.csv.missing-column",
      message: "expected a `\(role.name)` column for \(kind.rawValue); found the header "
        + "`\(header.joined(separator: ","))`",
      at: DataLocation(path: path, line: 1, column: 1, byteOffset: 0))
  }

  /// Two header names for one role.
  static func duplicateColumn(_ role: String, first: String, second: String, column: Int, path: String)
    -> Diagnostic
  {
    Diagnostic(
      id: "data.csv.duplicate-column",
      message: "expected one `\(role)` column; found `\(first)` and again `\(second)` in column \(column)",
      at: DataLocation(path: path, line: 1, column: 1))
  }

  /// A time that cannot be read.
  static func badTime(column: String, unit: TickCSVLayout.TimeUnit, error: TimestampError, found: String,
    at: DataLocation) -> Diagnostic
  {
    let shape: String
    switch unit {
    case .dateTime: shape = "a time such as 2022-11-01 23:49:39.146 or 2022-11-01T23:49:39Z"
    case .epochSeconds: shape = "epoch seconds such as 1667346579.146"
    case .epochInteger(let nanos):
      shape = "an integer count of \(nanos == 1 ? "nanoseconds" : nanos == 1000 ? "microseconds" : "milliseconds") since 1970"
    }
    return Diagnostic(
      id: "data.csv.bad-time", message: "expected \(shape) in `\(column)`; found \(found)", at: at,
      notes: [error.description])
  }

  /// A time before the previous row's.
  static func timeOrder(time: Int64, previous: Int64, line: Int, at: DataLocation) -> Diagnostic {
    Diagnostic(
      id: "data.csv.time-order",
      message: "expected a time at or after \(Timestamp.iso8601(previous)) (line \(line)); "
        + "found \(Timestamp.iso8601(time))",
      at: at, notes: ["rows must be in non-decreasing time order"])
  }

  /// A side that is not buy or sell.
  static func badSide(column: String, found: String, at: DataLocation) -> Diagnostic {
    Diagnostic(
      id: "data.csv.bad-side",
      message: "expected buy, sell, b, s, bid, ask, 1 or -1 in `\(column)`; found \(found)", at: at)
  }

  /// An integer field out of shape or range.
  static func badInteger(column: String, range: String, found: String, at: DataLocation) -> Diagnostic {
    Diagnostic(
      id: "data.csv.bad-integer",
      message: "expected a whole number in \(range) in `\(column)`; found \(found)", at: at)
  }

  /// An order kind name that is not an `OrderEvent.Kind`.
  static func badKind(column: String, found: String, at: DataLocation) -> Diagnostic {
    Diagnostic(
      id: "data.csv.bad-kind",
      message: "expected an order event kind (add, cancel, delete, execute, hidden-trade, replace, "
        + "trading-state, cross-trade) in `\(column)`; found \(found)", at: at)
  }
}
