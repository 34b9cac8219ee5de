import StratDiagnostics

/// The row loop of the bar CSV reader: one pass over the bytes of a whole file, fields parsed in
/// place, no per-row allocation besides appending to the output columns.
///
/// Lines end in LF or CRLF; the last line may lack one; blank lines are allowed only at the end.
struct BarCSVParser {
  let p: UnsafePointer<UInt8>
  let count: Int
  let path: String
  let layout: BarCSVLayout

  /// One row's parsed fields.
  struct Row {
    var time: Int64 = 0
    var open: Int64 = 0
    var high: Int64 = 0
    var low: Int64 = 0
    var close: Int64 = 0
    var volume: Double = .nan
  }

  /// Parses every row from `start` (the byte after the header's line end) into `out`; returns
  /// the number of rows.
  func parseRows(from start: Int, into out: BarColumns) throws(Diagnostic) -> Int {
    let columns = layout.roles.count
    var pos = start
    var line = 2
    var previousTime = Int64.min
    var rows = 0
    while pos < count {
      let lineStart = pos
      if p[pos] == 0x0A || p[pos] == 0x0D {
        if restIsBlank(from: pos) { break }
        throw CSVDiagnostics.fieldCount(
          expected: columns,
          found: 0,
          at: location(line, lineStart, pos)
        )
      }
      var row = Row()
      var column = 0
      var failedColumn = -1
      var failedStart = 0
      while true {
        let fieldStart = pos
        if column < columns && failedColumn < 0 {
          if !parseField(layout.roles[column], &pos, into: &row) || !isDelimiter(pos) {
            failedColumn = column
            failedStart = fieldStart
          }
        }
        while !isDelimiter(pos) { pos += 1 }
        column += 1
        if pos < count && p[pos] == 0x2C { pos += 1 } else { break }
      }
      let lineEnd = pos
      if lineEnd - lineStart > BarCSVReader.lineLimit {
        throw CSVDiagnostics.lineTooLong(line: line, path: path, offset: lineStart)
      }
      try endLine(&pos, line: line, lineStart: lineStart)
      if column != columns {
        throw CSVDiagnostics.fieldCount(
          expected: columns,
          found: column,
          at: location(line, lineStart, lineStart)
        )
      }
      if failedColumn >= 0 {
        throw fieldDiagnostic(failedColumn, failedStart, line: line, lineStart: lineStart)
      }
      try check(row, line: line, lineStart: lineStart, lineEnd: lineEnd)
      if row.time <= previousTime {
        let timeColumn = layout.roles.firstIndex(of: .time)!
        let at = location(line, lineStart, field(timeColumn, lineStart, lineEnd).0)
        throw CSVDiagnostics.timeOrder(
          time: row.time,
          previous: previousTime,
          line: line - 1,
          at: at
        )
      }
      previousTime = row.time
      precondition(rows < out.capacity, "row count exceeds the line count")
      (out.times + rows).initialize(to: row.time)
      (out.open + rows).initialize(to: Price(raw: row.open))
      (out.high + rows).initialize(to: Price(raw: row.high))
      (out.low + rows).initialize(to: Price(raw: row.low))
      (out.close + rows).initialize(to: Price(raw: row.close))
      (out.volume + rows).initialize(to: row.volume)
      rows += 1
      line += 1
    }
    if rows == 0 { throw CSVDiagnostics.noRows(path: path, line: line) }
    return rows
  }

  /// True at the end of the bytes or at ',', LF or CR.
  @inline(__always)
  func isDelimiter(_ i: Int) -> Bool {
    guard i < count else { return true }
    let b = p[i]
    return b <= 0x2C && (b == 0x2C || b == 0x0A || b == 0x0D)
  }

  /// Steps over the line terminator at `pos` (LF, CRLF, or the end of the bytes).
  @inline(__always)
  func endLine(_ pos: inout Int, line: Int, lineStart: Int) throws(Diagnostic) {
    guard pos < count else { return }
    if p[pos] == 0x0D {
      guard pos + 1 == count || p[pos + 1] == 0x0A else {
        throw CSVDiagnostics.strayCarriageReturn(at: location(line, lineStart, pos))
      }
      pos += 2
    } else {
      pos += 1
    }
  }

  /// Parses the field at `pos` into `row`, leaving `pos` after the value; returns false when the
  /// value is malformed (the error path parses it again to say why, so the hot path carries no
  /// error values). The caller checks that a delimiter follows.
  @inline(__always)
  func parseField(_ role: BarCSVLayout.Role, _ pos: inout Int, into row: inout Row) -> Bool {
    let start = pos
    do throws(TimestampError) {
      if role == .time {
        row.time =
          layout.timeFormat == .dateTime
          ? try Timestamp.scanDateTime(p, start, count, stop: &pos)
          : try Timestamp.scanEpochSeconds(p, start, count, stop: &pos)
        return true
      }
    } catch {
      return false
    }
    do throws(FixedPointError) {
      switch role {
      case .open, .high, .low, .close:
        let price = try FixedPointText.scan(p, start, count, stop: &pos)
        switch role {
        case .open: row.open = price
        case .high: row.high = price
        case .low: row.low = price
        default: row.close = price
        }
      case .volume: row.volume = try DecimalDouble.scan(p, start, count, stop: &pos)
      case .ignored: while !isDelimiter(pos) { pos += 1 }
      case .time: break
      }
    } catch {
      return false
    }
    return true
  }

  /// Checks a parsed row: no negative prices or volume, Low ≤ Open, Close ≤ High.
  @inline(__always)
  func check(_ row: Row, line: Int, lineStart: Int, lineEnd: Int) throws(Diagnostic) {
    if row.open <= 0 || row.high <= 0 || row.low <= 0 || row.close <= 0 || row.volume < 0 {
      throw negativeDiagnostic(row, line: line, lineStart: lineStart, lineEnd: lineEnd)
    }
    if row.high < row.low || row.open < row.low || row.open > row.high || row.close < row.low
      || row.close > row.high
    {
      let what = describeRange(row)
      let column = layout.roles.firstIndex(of: .open)!
      let at = location(line, lineStart, field(column, lineStart, lineEnd).0)
      throw CSVDiagnostics.inconsistentBar(what: what, at: at)
    }
  }

  // MARK: - Error paths (never on the hot path)

  /// The diagnostic for a field that failed to parse: parses it again to learn why.
  func fieldDiagnostic(_ column: Int, _ start: Int, line: Int, lineStart: Int) -> Diagnostic {
    var end = start
    while end < count && p[end] != 0x2C && p[end] != 0x0A && p[end] != 0x0D { end += 1 }
    let at = location(line, lineStart, start)
    let name = layout.names[column]
    if start == end { return CSVDiagnostics.emptyField(column: name, at: at) }
    let found = ByteText.quoted(p, start, end)
    do throws(TimestampError) {
      if layout.roles[column] == .time {
        _ =
          layout.timeFormat == .dateTime
          ? try Timestamp.parseDateTime(p, start, end)
          : try Timestamp.parseEpochSeconds(p, start, end)
      }
    } catch {
      return CSVDiagnostics.badTime(
        column: name,
        format: layout.timeFormat,
        error: error,
        found: found,
        at: at
      )
    }
    do throws(FixedPointError) {
      if layout.roles[column] == .volume {
        _ = try DecimalDouble.parse(p, start, end)
      } else {
        _ = try FixedPointText.parse(p, start, end)
      }
      return CSVDiagnostics.badNumber(column: name, error: .empty, found: found, at: at)
    } catch {
      return CSVDiagnostics.badNumber(column: name, error: error, found: found, at: at)
    }
  }

  /// The diagnostic for the first negative value or zero price in column order.
  func negativeDiagnostic(_ row: Row, line: Int, lineStart: Int, lineEnd: Int) -> Diagnostic {
    for (column, role) in layout.roles.enumerated() {
      let value: Double
      switch role {
      case .open: value = Double(row.open)
      case .high: value = Double(row.high)
      case .low: value = Double(row.low)
      case .close: value = Double(row.close)
      case .volume: value = row.volume < 0 ? -1 : 1
      case .time, .ignored: value = 1
      }
      if value <= 0 {
        let (start, end) = field(column, lineStart, lineEnd)
        let make = value < 0 ? CSVDiagnostics.negative : CSVDiagnostics.zeroPrice
        return make(layout.names[column], ByteText.quoted(p, start, end), location(line, lineStart, start))
      }
    }
    return CSVDiagnostics.negative(
      column: "?",
      found: "?",
      at: location(line, lineStart, lineStart)
    )
  }

  /// Words for an inconsistent bar, e.g. "High 10.00 below Low 11.00".
  func describeRange(_ row: Row) -> String {
    let (o, h, l, c) = (
      Price(raw: row.open), Price(raw: row.high), Price(raw: row.low), Price(raw: row.close)
    )
    if row.high < row.low { return "High \(h) below Low \(l)" }
    if row.open < row.low || row.open > row.high { return "Open \(o) outside Low \(l) … High \(h)" }
    return "Close \(c) outside Low \(l) … High \(h)"
  }

  /// The byte range of field `column` of the line `lineStart..<lineEnd`.
  func field(_ column: Int, _ lineStart: Int, _ lineEnd: Int) -> (Int, Int) {
    var start = lineStart
    var index = 0
    while index < column {
      while start < lineEnd && p[start] != 0x2C { start += 1 }
      start = min(start + 1, lineEnd)
      index += 1
    }
    var end = start
    while end < lineEnd && p[end] != 0x2C { end += 1 }
    return (start, end)
  }

  /// The location of byte `offset` on a line that starts at `lineStart`.
  func location(_ line: Int, _ lineStart: Int, _ offset: Int) -> DataLocation {
    DataLocation(path: path, line: line, column: offset - lineStart + 1, byteOffset: offset)
  }

  /// True when only CR and LF bytes remain from `start`.
  func restIsBlank(from start: Int) -> Bool {
    var i = start
    while i < count {
      if p[i] != 0x0A && p[i] != 0x0D { return false }
      i += 1
    }
    return true
  }
}
