import Foundation
import StratDiagnostics

/// The streaming row engine shared by the trade, quote and order CSV readers: reads the header,
/// then hands out one data line at a time from a fixed buffer (`LOBSTERLineScanner`), with
/// field parsers that report path, line, column and byte offset, time-order checking and the
/// stop/skip policy. Memory stays flat whatever the file size; nothing is allocated per row
/// except when the symbol column changes value.
final class TickCSVRows {
  let path: String
  let layout: TickCSVLayout
  let kind: TickCSVKind
  let policy: MalformedInputPolicy
  private let scanner: LOBSTERLineScanner
  private(set) var fields = LOBSTERFields()
  /// The symbol of the current row.
  private(set) var symbol: String
  private var symbolBytes: [UInt8] = []
  private var lastTime = Int64.min
  private var lastTimeLine = 0
  private var pendingTime = Int64.min
  private(set) var rows = 0
  private(set) var skipped = 0
  private(set) var skippedDiagnostics: [Diagnostic] = []
  static let keptDiagnostics = 20

  /// Reads the header of `stream`; `kind` nil means detect it from the header. `symbol` is used
  /// when there is no symbol column (nil: from the file name).
  init(stream: ByteStream, kind: TickCSVKind?, symbol: String?, policy: MalformedInputPolicy)
    throws(MarketDataError)
  {
    path = stream.name
    let lines = LOBSTERLineScanner(stream: stream)
    scanner = lines
    self.policy = policy
    self.symbol = symbol ?? TickCSVFileName.symbol(path: stream.name)
    let line = try lines.nextLine()
    let (layout, found) = try Self.readHeader(line, kind: kind, path: stream.name)
    self.layout = layout
    self.kind = found
  }

  /// Reads the header line: its layout, and the kind (given or detected) with its columns.
  private static func readHeader(_ line: UnsafeBufferPointer<UInt8>?, kind: TickCSVKind?, path: String)
    throws(MarketDataError) -> (TickCSVLayout, TickCSVKind)
  {
    do throws(Diagnostic) {
      guard let line, !line.isEmpty else { throw TickCSVDiagnostics.emptyFile(path: path) }
      let header = headerFields(line)
      let layout = try TickCSVLayout.parse(header, path: path)
      guard let found = kind ?? layout.detectedKind else {
        throw TickCSVDiagnostics.unknownLayout(header: header, path: path)
      }
      for role in TickCSVLayout.required(found) where !layout.has(role) {
        throw TickCSVDiagnostics.missingColumn(role, kind: found, header: header, path: path)
      }
      return (layout, found)
    } catch {
      throw MarketDataError(diagnostics: [error])
    }
  }

  /// Splits the header line into names, without a UTF-8 byte-order mark.
  static func headerFields(_ line: UnsafeBufferPointer<UInt8>) -> [String] {
    var bytes = Array(line)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    return bytes.split(separator: 0x2C, omittingEmptySubsequences: false).map {
      String(decoding: $0, as: UTF8.self)
    }
  }

  /// Decodes the next data row with `decode`; blank lines are passed over. A malformed row
  /// throws under `.stop` and is counted and passed over under `.skip`. Nil at the end.
  func next<T>(_ decode: (TickCSVRows) throws(Diagnostic) -> T) throws(MarketDataError) -> T? {
    while let line = try scanner.nextLine() {
      if line.isEmpty { continue }
      fields.split(line)
      do throws(Diagnostic) {
        guard fields.count == layout.names.count else {
          throw CSVDiagnostics.fieldCount(expected: layout.names.count, found: fields.count, at: at(0))
        }
        try checkQuotes(line)
        try updateSymbol()
        let row = try decode(self)
        lastTime = pendingTime
        lastTimeLine = scanner.line
        rows += 1
        return row
      } catch {
        guard policy == .skip else { throw MarketDataError(diagnostics: [error]) }
        skipped += 1
        if skippedDiagnostics.count < Self.keptDiagnostics { skippedDiagnostics.append(error) }
      }
    }
    // A header and nothing else is an empty input, not an empty success.
    if rows == 0 && skipped == 0 {
      throw MarketDataError(diagnostics: [TickCSVDiagnostics.noRows(path: path, line: scanner.line + 1)])
    }
    return nil
  }

  // MARK: - Fields

  /// The location of field `i` of the current line.
  func at(_ i: Int) -> DataLocation {
    let start = i < fields.count ? fields.starts[i] : 0
    return DataLocation(
      path: path, line: scanner.line, column: start + 1, byteOffset: scanner.lineOffset + start)
  }

  /// Field `i`'s bounds and base pointer.
  @inline(__always)
  private func field(_ i: Int) -> (UnsafePointer<UInt8>, Int, Int) {
    (fields.line.baseAddress ?? UnsafePointer(bitPattern: 1)!, fields.starts[i], fields.ends[i])
  }

  /// Parses the time column and checks that it does not go back in time.
  func time() throws(Diagnostic) -> Int64 {
    let i = layout.column(.time)!
    let (p, start, end) = field(i)
    guard start < end else { throw CSVDiagnostics.emptyField(column: layout.names[i], at: at(i)) }
    let value: Int64
    do throws(TimestampError) {
      switch layout.timeUnit {
      case .dateTime: value = try Timestamp.parseDateTime(p, start, end)
      case .epochSeconds: value = try Timestamp.parseEpochSeconds(p, start, end)
      case .epochInteger(let nanos): value = try Self.epochInteger(p, start, end, nanosPerCount: nanos)
      }
    } catch {
      throw TickCSVDiagnostics.badTime(column: layout.names[i], unit: layout.timeUnit, error: error,
        found: ByteText.quoted(p, start, end), at: at(i))
    }
    if value < lastTime {
      throw TickCSVDiagnostics.timeOrder(time: value, previous: lastTime, line: lastTimeLine, at: at(i))
    }
    pendingTime = value
    return value
  }

  /// Parses an integer count of `nanosPerCount` nanoseconds since the epoch.
  static func epochInteger(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, nanosPerCount: Int64)
    throws(TimestampError) -> Int64
  {
    var i = start
    let negative = p[i] == 0x2D
    if negative { i += 1 }
    guard i < end else { throw .malformed(expected: "an integer epoch time", offset: i - start) }
    var value: Int64 = 0
    while i < end {
      let d = p[i] &- 0x30
      guard d <= 9 else { throw .malformed(expected: "a digit", offset: i - start) }
      let (a, o1) = value.multipliedReportingOverflow(by: 10)
      let (b, o2) = a.addingReportingOverflow(Int64(d))
      guard !o1, !o2 else { throw .outOfRange }
      value = b
      i += 1
    }
    let (nanos, overflow) = value.multipliedReportingOverflow(by: nanosPerCount)
    guard !overflow else { throw .outOfRange }
    return negative ? -nanos : nanos
  }

  /// Parses `role`'s field as an exact count of 1e-8 units; negative values are refused when
  /// `nonNegative`, and zero too when `positive` (a price no market has).
  func fixed(_ role: TickCSVLayout.Role, nonNegative: Bool = true, positive: Bool = false)
    throws(Diagnostic) -> Int64
  {
    let i = layout.column(role)!
    let (p, start, end) = field(i)
    guard start < end else { throw CSVDiagnostics.emptyField(column: layout.names[i], at: at(i)) }
    let value: Int64
    do throws(FixedPointError) { value = try FixedPointText.parse(p, start, end) } catch {
      throw CSVDiagnostics.badNumber(column: layout.names[i], error: error, found: ByteText.quoted(p, start, end), at: at(i))
    }
    if nonNegative && value < 0 {
      throw CSVDiagnostics.negative(column: layout.names[i], found: ByteText.quoted(p, start, end), at: at(i))
    }
    if positive && value == 0 {
      throw CSVDiagnostics.zeroPrice(column: layout.names[i], found: ByteText.quoted(p, start, end), at: at(i))
    }
    return value
  }

  /// Parses `role`'s field as a whole number (digits, optional leading `-`) within `range`.
  func integer(_ role: TickCSVLayout.Role, in range: ClosedRange<Int64>) throws(Diagnostic) -> Int64 {
    let value = Int64(bitPattern: try unsigned(role, signed: true))
    guard range.contains(value) else {
      let i = layout.column(role)!
      let (p, start, end) = field(i)
      throw TickCSVDiagnostics.badInteger(
        column: layout.names[i], range: "\(range.lowerBound)…\(range.upperBound)",
        found: ByteText.quoted(p, start, end), at: at(i))
    }
    return value
  }

  /// Parses `role`'s field as an unsigned 64-bit integer (or, when `signed`, a signed one
  /// returned as its bit pattern).
  func unsigned(_ role: TickCSVLayout.Role, signed: Bool = false) throws(Diagnostic) -> UInt64 {
    let i = layout.column(role)!
    let (p, start, end) = field(i)
    var k = start
    let negative = signed && k < end && p[k] == 0x2D
    if negative { k += 1 }
    var value: UInt64 = 0
    var ok = k < end
    while ok && k < end {
      let d = p[k] &- 0x30
      let (a, o1) = value.multipliedReportingOverflow(by: 10)
      let (b, o2) = a.addingReportingOverflow(UInt64(d))
      ok = d <= 9 && !o1 && !o2 && (!signed || b <= UInt64(Int64.max))
      value = b
      k += 1
    }
    guard ok else {
      let range = signed ? "\(Int64.min + 1)…\(Int64.max)" : "0…\(UInt64.max)"
      throw TickCSVDiagnostics.badInteger(
        column: layout.names[i], range: range, found: ByteText.quoted(p, start, end), at: at(i))
    }
    return negative ? UInt64(bitPattern: -Int64(value)) : value
  }

  /// Parses the side column: buy/b/bid/1 or sell/s/ask/-1 (any case); empty means unknown.
  func side(required: Bool) throws(Diagnostic) -> Side? {
    guard let i = layout.column(.side) else { return nil }
    let (p, start, end) = field(i)
    if start == end && !required { return nil }
    var word: UInt64 = 0
    if end - start <= 4 {
      for k in start..<end { word = word << 8 | UInt64(p[k] | (p[k] >= 0x41 && p[k] <= 0x5A ? 0x20 : 0)) }
    }
    switch word {
    case 0x62, 0x627579, 0x626964, 0x31, 0x2B31: return .buy  // b buy bid 1 +1
    case 0x73, 0x73656C6C, 0x61736B, 0x2D31: return .sell  // s sell ask -1
    default:
      throw TickCSVDiagnostics.badSide(column: layout.names[i], found: ByteText.quoted(p, start, end), at: at(i))
    }
  }

  /// Refuses a row with an odd number of `"`: a quoted field that never closes (a file cut
  /// inside it), which an ignored column would otherwise pass over silently. No field this reader
  /// uses can hold a quote, so quoted text with a comma inside is already a field-count error.
  private func checkQuotes(_ line: UnsafeBufferPointer<UInt8>) throws(Diagnostic) {
    guard let base = line.baseAddress, memchr(base, 0x22, line.count) != nil else { return }
    var quotes = 0
    var last = 0
    for i in 0..<line.count where line[i] == 0x22 {
      quotes += 1
      last = i
    }
    guard quotes % 2 == 1 else { return }
    throw TickCSVDiagnostics.openQuote(
      at: DataLocation(path: path, line: scanner.line, column: last + 1, byteOffset: scanner.lineOffset + last))
  }

  /// Takes the symbol from the symbol column when there is one; allocates only on change.
  private func updateSymbol() throws(Diagnostic) {
    guard let i = layout.column(.symbol) else { return }
    let (p, start, end) = field(i)
    guard start < end else { throw CSVDiagnostics.emptyField(column: layout.names[i], at: at(i)) }
    let bytes = UnsafeBufferPointer(start: p + start, count: end - start)
    if symbolBytes.elementsEqual(bytes) { return }
    let text = String(decoding: bytes, as: UTF8.self)
    if let problem = MarketSymbol.check(text, from: "`\(layout.names[i])`", at: at(i)) { throw problem }
    symbolBytes = Array(bytes)
    symbol = text
  }
}
