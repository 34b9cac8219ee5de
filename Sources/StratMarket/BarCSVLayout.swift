import StratDiagnostics

/// The column layout of a bar CSV, read from its header line.
///
/// Recognised column names (ASCII case-insensitive, surrounding spaces ignored):
/// ```
///   time:   Date | Datetime | Time | Timestamp   (date-time text, see `Timestamp`)
///           ts                                    (epoch seconds, integer or fraction)
///   prices: Open, High, Low, Close                (required)
///   Volume                                        (optional)
///   Adj Close | Adj_Close | AdjClose              (ignored)
/// ```
/// Columns may come in any order; any other name is an error.
struct BarCSVLayout {
  /// What a column holds.
  enum Role: UInt8 {
    case time, open, high, low, close, volume, ignored

    /// The name used in messages.
    var label: String {
      switch self {
      case .time: return "time"
      case .open: return "Open"
      case .high: return "High"
      case .low: return "Low"
      case .close: return "Close"
      case .volume: return "Volume"
      case .ignored: return "ignored"
      }
    }
  }

  /// How the time column is written.
  enum TimeFormat {
    case dateTime, epochSeconds
  }

  /// The role of each column, in file order.
  var roles: [Role]
  /// The header names as written, for messages.
  var names: [String]
  /// How the time column is written.
  var timeFormat: TimeFormat
  /// Whether a volume column is present.
  var hasVolume: Bool

  /// Known names and their roles, lower-case.
  static let knownNames: [(String, Role, TimeFormat?)] = [
    ("date", .time, .dateTime), ("datetime", .time, .dateTime), ("time", .time, .dateTime),
    ("timestamp", .time, .dateTime), ("ts", .time, .epochSeconds), ("open", .open, nil),
    ("high", .high, nil), ("low", .low, nil), ("close", .close, nil), ("volume", .volume, nil),
    ("adj close", .ignored, nil), ("adj_close", .ignored, nil), ("adjclose", .ignored, nil),
  ]

  /// The one-line description of the accepted headers, for messages.
  static let expectedHeaders =
    "a header such as `Date,Open,High,Low,Close,Adj Close,Volume` or "
    + "`ts,open,high,low,close,volume`"

  /// Reads the header line `start..<end` (without its line terminator).
  static func parse(
    _ p: UnsafePointer<UInt8>,
    _ start: Int,
    _ end: Int,
    path: String
  ) throws(Diagnostic) -> BarCSVLayout {
    var layout = BarCSVLayout(roles: [], names: [], timeFormat: .dateTime, hasVolume: false)
    var seen: [Role: Int] = [:]
    var fieldStart = start
    var column = 0
    while fieldStart <= end {
      var fieldEnd = fieldStart
      while fieldEnd < end && p[fieldEnd] != 0x2C { fieldEnd += 1 }
      column += 1
      let cell = UnsafeBufferPointer(start: p + fieldStart, count: fieldEnd - fieldStart)
      let name = String(decoding: cell, as: UTF8.self).trimmingSpaces
      let at = DataLocation(
        path: path,
        line: 1,
        column: fieldStart - start + 1,
        byteOffset: fieldStart
      )
      guard let known = knownNames.first(where: { $0.0 == name.asciiLowercased }) else {
        if column == 1 && looksLikeData(name) {
          throw CSVDiagnostics.missingHeader(found: ByteText.quoted(p, start, end), at: at)
        }
        let shown = ByteText.quoted(p, fieldStart, fieldEnd)
        throw CSVDiagnostics.unknownColumn(name: name, shown: shown, column: column, at: at)
      }
      if let previous = seen[known.1], known.1 != .ignored {
        throw CSVDiagnostics.duplicateColumn(
          role: known.1,
          first: layout.names[previous],
          second: name,
          column: column,
          at: at
        )
      }
      seen[known.1] = column - 1
      if let format = known.2 { layout.timeFormat = format }
      layout.roles.append(known.1)
      layout.names.append(name)
      fieldStart = fieldEnd + 1
    }
    for role in [Role.time, .open, .high, .low, .close] where seen[role] == nil {
      throw CSVDiagnostics.missingColumn(
        role: role,
        header: ByteText.quoted(p, start, end),
        path: path
      )
    }
    layout.hasVolume = seen[.volume] != nil
    return layout
  }

  /// True when a header cell looks like a value (a date or a number) rather than a name.
  static func looksLikeData(_ name: String) -> Bool {
    guard let first = name.utf8.first else { return false }
    return (first >= 0x30 && first <= 0x39) || first == 0x2D || first == 0x2B || first == 0x2E
  }

  /// The header name of the first column with `role`.
  func name(of role: Role) -> String {
    roles.firstIndex(of: role).map { names[$0] } ?? role.label
  }
}

extension String {
  /// The string without leading and trailing ASCII spaces and tabs.
  fileprivate var trimmingSpaces: String {
    var s = Substring(self)
    while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
    while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
    return String(s)
  }

  /// The string with ASCII letters lower-cased (other characters untouched).
  fileprivate var asciiLowercased: String {
    String(decoding: utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
  }
}
