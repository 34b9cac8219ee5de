import StratDiagnostics

/// The catalogue of bar-CSV and data-source diagnostics: every message says what was expected and
/// what was found. Ids are stable (`data.csv.*`, `data.io.*`, `data.source.*`).
enum CSVDiagnostics {
  // MARK: - File and header

  /// The file has no bytes (or only a byte-order mark and blank lines).
  static func emptyFile(path: String) -> Diagnostic {
    Diagnostic(
      id: "data.csv.empty",
      message: "the file is empty; expected \(BarCSVLayout.expectedHeaders) "
        + "and at least one row",
      at: DataLocation(path: path, line: 1, column: 1, byteOffset: 0)
    )
  }

  /// The first line is data, not column names.
  static func missingHeader(found: String, at: DataLocation) -> Diagnostic {
    Diagnostic(
      id: "data.csv.missing-header",
      message:
        "expected \(BarCSVLayout.expectedHeaders) on the first line; found the data row \(found)",
      at: at,
      notes: ["add a header line naming the columns; columns are matched by name"]
    )
  }

  /// A header name that is not a known column.
  static func unknownColumn(name: String, shown: String, column: Int, at: DataLocation)
    -> Diagnostic
  {
    let known = BarCSVLayout.knownNames.map(\.0)
    var notes = [
      "known columns: Date/Datetime/Time/Timestamp or ts, Open, High, Low, Close, "
        + "Volume (optional), Adj Close (ignored)"
    ]
    if let best = Suggestions.closest(to: name.lowercased(), among: known, limit: 1).first {
      notes.insert("did you mean `\(best)`?", at: 0)
    }
    let found = name.isEmpty ? "a column with no name" : "the column \(shown)"
    return Diagnostic(
      id: "data.csv.unknown-column",
      message: "expected a known column name in header column \(column); found \(found)",
      at: at,
      notes: notes
    )
  }

  /// Two header names for the same field.
  static func duplicateColumn(
    role: BarCSVLayout.Role,
    first: String,
    second: String,
    column: Int,
    at: DataLocation
  ) -> Diagnostic {
    Diagnostic(
      id: "data.csv.duplicate-column",
      message: "expected one \(role.label) column; found `\(first)` and again `\(second)` "
        + "in column \(column)",
      at: at
    )
  }

  /// A required column is absent.
  static func missingColumn(role: BarCSVLayout.Role, header: String, path: String) -> Diagnostic {
    let what =
      role == .time
      ? "a time column (Date, Datetime, Time, Timestamp or ts)" : "a \(role.label) column"
    return Diagnostic(
      id: "data.csv.missing-column",
      message: "expected \(what) in the header; found \(header)",
      at: DataLocation(path: path, line: 1, column: 1, byteOffset: 0)
    )
  }

  /// A header and no data rows.
  static func noRows(path: String, line: Int) -> Diagnostic {
    Diagnostic(
      id: "data.csv.no-rows",
      message: "expected at least one bar after the header; found none",
      at: DataLocation(path: path, line: line, column: 1)
    )
  }

  // MARK: - Rows

  /// A row with too few or too many fields.
  static func fieldCount(expected: Int, found: Int, at: DataLocation) -> Diagnostic {
    let what = found == 0 ? "an empty line" : "\(found) field\(found == 1 ? "" : "s")"
    return Diagnostic(
      id: "data.csv.field-count",
      message: "expected \(expected) fields, as in the header; found \(what)",
      at: at
    )
  }

  /// An empty field.
  static func emptyField(column: String, at: DataLocation) -> Diagnostic {
    Diagnostic(
      id: "data.csv.empty-field",
      message: "expected a value in the `\(column)` field; found an empty field",
      at: at,
      notes: [
        "rows with missing values must be removed or filled before the run; "
          + "nothing is filled in silently"
      ]
    )
  }

  /// A price or volume field that is not a number.
  static func badNumber(
    column: String,
    error: FixedPointError,
    found: String,
    at: DataLocation
  ) -> Diagnostic {
    let expected: String
    switch error {
    case .tooManyDecimals: expected = "a price with at most 8 decimals (kept exactly in 1e-8 units)"
    case .outOfRange, .overflow: expected = "a number below 92233720368.54775808"
    case .empty, .invalidCharacter: expected = "a decimal number such as 181.875"
    }
    return Diagnostic(
      id: "data.csv.bad-number",
      message: "expected \(expected) in `\(column)`; found \(found)",
      at: at
    )
  }

  /// A time field that cannot be read.
  static func badTime(
    column: String,
    format: BarCSVLayout.TimeFormat,
    error: TimestampError,
    found: String,
    at: DataLocation
  ) -> Diagnostic {
    let shape =
      format == .epochSeconds
      ? "epoch seconds such as 1704153600"
      : "a time such as 2020-07-27 or 2020-07-27 04:00:00+00:00"
    var notes = [error.description]
    if format == .epochSeconds && error == .outOfRange {
      notes.append("`ts` holds seconds; milliseconds or microseconds must be converted first")
    }
    return Diagnostic(
      id: "data.csv.bad-time",
      message: "expected \(shape) in `\(column)`; found \(found)",
      at: at,
      notes: notes
    )
  }

  /// A negative price or volume.
  static func negative(column: String, found: String, at: DataLocation) -> Diagnostic {
    Diagnostic(
      id: "data.csv.negative-value",
      message: "expected a value of zero or more in `\(column)`; found \(found)",
      at: at
    )
  }

  /// A price of zero: no market trades or quotes at 0.
  static func zeroPrice(column: String, found: String, at: DataLocation) -> Diagnostic {
    Diagnostic(
      id: "data.csv.zero-price",
      message: "expected a price above 0 in `\(column)`; found \(found)",
      at: at,
      notes: ["a missing price must be removed or filled before the run; nothing is filled in silently"]
    )
  }

  /// High below low, or open/close outside low…high.
  static func inconsistentBar(what: String, at: DataLocation) -> Diagnostic {
    Diagnostic(
      id: "data.csv.inconsistent-bar",
      message: "expected Low ≤ Open, Close ≤ High; found \(what)",
      at: at
    )
  }

  /// A time not after the previous row's.
  static func timeOrder(time: Int64, previous: Int64, line: Int, at: DataLocation) -> Diagnostic {
    let now = Timestamp.iso8601(time)
    let before = Timestamp.iso8601(previous)
    let found =
      time == previous
      ? "\(now) again (a duplicate of line \(line))"
      : "\(now), which is before \(before) on line \(line)"
    return Diagnostic(
      id: "data.csv.time-order",
      message: "expected a time after \(before) (line \(line)); found \(found)",
      at: at,
      notes: ["rows must be in strictly increasing time order"]
    )
  }

  /// A line longer than `BarCSVReader.lineLimit`.
  static func lineTooLong(line: Int, path: String, offset: Int) -> Diagnostic {
    Diagnostic(
      id: "data.csv.line-too-long",
      message: "expected a line of at most \(BarCSVReader.lineLimit >> 20) MiB; found a longer one",
      at: DataLocation(path: path, line: line, column: 1, byteOffset: offset),
      notes: ["a bar row is a few dozen bytes: this is probably not a CSV file"]
    )
  }

  /// A carriage return not followed by a line feed.
  static func strayCarriageReturn(at: DataLocation) -> Diagnostic {
    Diagnostic(
      id: "data.csv.line-ending",
      message: "expected a line feed after a carriage return (CRLF) or a ','; "
        + "found a lone carriage return",
      at: at
    )
  }

  // MARK: - Files and sources

  /// A path that does not exist.
  static func missingFile(path: String, symbol: String?) -> Diagnostic {
    let what = symbol.map { " for symbol `\($0)`" } ?? ""
    return Diagnostic(
      id: "data.io.missing-file",
      message:
        "expected a CSV file or a folder of SYMBOL.csv files\(what); found no file at `\(path)`",
      at: DataLocation(path: path)
    )
  }

  /// A path that cannot be read.
  static func unreadable(path: String, reason: String) -> Diagnostic {
    Diagnostic(
      id: "data.io.unreadable",
      message: "cannot read `\(path)`: \(reason)",
      at: DataLocation(path: path)
    )
  }

  /// A folder given where a file is needed.
  static func folderNotFile(path: String, symbol: String) -> Diagnostic {
    Diagnostic(
      id: "data.io.not-a-file",
      message: "expected a CSV file for symbol `\(symbol)`; found the folder `\(path)`",
      at: DataLocation(path: path)
    )
  }

  /// A folder with no CSV files.
  static func emptyFolder(path: String) -> Diagnostic {
    Diagnostic(
      id: "data.source.empty-folder",
      message: "expected SYMBOL.csv files in the folder `\(path)`; found none",
      at: DataLocation(path: path)
    )
  }

  /// A malformed `SYMBOL=PATH` spec.
  static func badSpec(_ spec: String) -> Diagnostic {
    Diagnostic(
      id: "data.source.bad-spec",
      message: "expected SYMBOL=PATH or a folder; found `\(spec)`",
      notes: ["example: KO=data/KO.csv, or data/ for every data/SYMBOL.csv"]
    )
  }

  /// The same symbol from two places.
  static func duplicateSymbol(_ symbol: String, first: String, second: String) -> Diagnostic {
    Diagnostic(
      id: "data.source.duplicate-symbol",
      message: "expected each symbol once; found `\(symbol)` from `\(first)` and again from "
        + "`\(second)`",
      at: DataLocation(path: second)
    )
  }
}
