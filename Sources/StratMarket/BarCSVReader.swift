import StratDiagnostics

/// Reads bar CSV files (Yahoo-style `Date,Open,High,Low,Close,Adj Close,Volume` or
/// `ts,open,high,low,close,volume`) into a `BarSeries`, by hand-written byte scanning over the
/// whole file read at once.
///
/// Accepted: columns in any order, matched by name case-insensitively (see `BarCSVLayout`);
/// a UTF-8 byte-order mark; LF or CRLF line ends; a trailing newline or none. Rejected, each with
/// path, line and column: a missing or unknown header, a wrong field count, an empty or
/// non-numeric field (`null` included), more than 8 decimals in a price, a negative price or
/// volume, High < Low or Open/Close outside Low…High, a time that does not strictly increase, and
/// a file with no rows, a line longer than `lineLimit`. Nothing is guessed or filled in, and no
/// input bytes can crash the reader.
public enum BarCSVReader {
  /// The longest line accepted, in bytes (1 MiB): a bar row is under 200 bytes, so a longer line
  /// is not a bar CSV (binary data, `/dev/zero`) and is reported rather than scanned on.
  public static let lineLimit = 1 << 20

  /// Reads the file at `path` as the bars of `symbol`.
  public static func read(path: String, symbol: String) throws(Diagnostic) -> BarSeries {
    let check: FileBytes.StartCheck = { p, count throws(Diagnostic) in try checkStart(p, count, path: path) }
    return try FileBytes.withBytes(path: path, symbol: symbol, check: check) { base, count throws(Diagnostic) in
      guard let base, count > 0 else { throw CSVDiagnostics.emptyFile(path: path) }
      return try parse(base, count, path: path, symbol: symbol)
    }
  }

  /// Accepts the start of a streamed input once its header line is a bar header; throws when
  /// the header is not one or is longer than `lineLimit`, so that `/dev/zero` or
  /// `/dev/urandom` stop within a MiB instead of being read to the stream limit.
  static func checkStart(_ p: UnsafePointer<UInt8>, _ count: Int, path: String) throws(Diagnostic) -> Bool {
    let start = count >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0
    var end = start
    while end < count && p[end] != 0x0A { end += 1 }
    if end - start > lineLimit { throw CSVDiagnostics.lineTooLong(line: 1, path: path, offset: start) }
    guard end < count else { return false }
    if end > start && p[end - 1] == 0x0D { end -= 1 }
    if end == start {
      // An empty first line: blank lines to the end are an empty file, anything else has no header.
      var i = start
      while i < count && (p[i] == 0x0A || p[i] == 0x0D) { i += 1 }
      guard i < count else { return false }
      throw CSVDiagnostics.missingHeader(
        found: "an empty first line", at: DataLocation(path: path, line: 1, column: 1, byteOffset: start))
    }
    _ = try BarCSVLayout.parse(p, start, end, path: path)
    return true
  }

  /// Parses the bytes of a whole CSV file; `path` is used in diagnostics only.
  public static func parse(_ bytes: [UInt8], path: String, symbol: String) throws(Diagnostic)
    -> BarSeries
  {
    let result: Result<BarSeries, Diagnostic> = bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else {
        return .failure(CSVDiagnostics.emptyFile(path: path))
      }
      do throws(Diagnostic) {
        return .success(try parse(base, buffer.count, path: path, symbol: symbol))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  /// Parses `count` bytes at `p`.
  static func parse(
    _ p: UnsafePointer<UInt8>,
    _ count: Int,
    path: String,
    symbol: String
  ) throws(Diagnostic) -> BarSeries {
    var start = 0
    if count >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { start = 3 }
    var headerEnd = start
    while headerEnd < count && p[headerEnd] != 0x0A {
      if headerEnd - start == lineLimit { throw CSVDiagnostics.lineTooLong(line: 1, path: path, offset: start) }
      headerEnd += 1
    }
    let next = min(headerEnd + 1, count)
    if headerEnd > start && p[headerEnd - 1] == 0x0D { headerEnd -= 1 }
    if headerEnd == start {
      var i = start
      while i < count && (p[i] == 0x0A || p[i] == 0x0D) { i += 1 }
      if i == count { throw CSVDiagnostics.emptyFile(path: path) }
      throw CSVDiagnostics.missingHeader(
        found: "an empty first line",
        at: DataLocation(path: path, line: 1, column: 1, byteOffset: start)
      )
    }
    let layout = try BarCSVLayout.parse(p, start, headerEnd, path: path)
    let parser = BarCSVParser(p: p, count: count, path: path, layout: layout)
    var failure: Diagnostic?
    var series = BarColumns.build(capacity: lineFeeds(p, from: next, to: count) + 1) { out in
      do throws(Diagnostic) {
        return try parser.parseRows(from: next, into: out)
      } catch {
        failure = error
        return 0
      }
    }
    if let failure { throw failure }
    series.symbol = symbol
    series.path = path
    series.hasVolume = layout.hasVolume
    return series
  }

  /// Counts the line feeds in `start..<end`: one more than that bounds the number of rows.
  /// Eight bytes at a time: a byte of `x ^ 0x0A…` is zero exactly where `x` has a line feed, and
  /// `~(((t & 0x7F…) + 0x7F…) | t | 0x7F…)` has the top bit set exactly in zero bytes of `t`.
  static func lineFeeds(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
    let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let feeds: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
    let raw = UnsafeRawPointer(p)
    var count = 0
    var i = start
    while i + 8 <= end {
      let t = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ feeds
      count += (~(((t & low7) &+ low7) | t | low7)).nonzeroBitCount
      i += 8
    }
    while i < end {
      if p[i] == 0x0A { count += 1 }
      i += 1
    }
    return count
  }
}
