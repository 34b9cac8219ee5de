import StratDiagnostics

extension TickFileHeader {
  /// Reads and validates the header and directory of a file of `size` bytes mapped at `p`:
  /// magic, version, header checksum, the row count, and every column's kind, width, alignment
  /// and bounds, all before any column byte is touched. Never traps on any input.
  static func decode(_ p: UnsafeRawPointer, size: Int, path: String) throws(Diagnostic)
    -> TickFileHeader
  {
    let bytes = p.assumingMemoryBound(to: UInt8.self)
    if size < 8 && (0..<size).allSatisfy({ bytes[$0] == magic[$0] }) {
      throw TickDiagnostics.truncated(path: path, need: Self.size, have: size)
    }
    guard size >= 8, (0..<8).allSatisfy({ bytes[$0] == magic[$0] }) else {
      throw TickDiagnostics.notTickFile(path: path, found: ByteText.quoted(bytes, 0, min(size, 8)))
    }
    guard size >= 16 else { throw TickDiagnostics.truncated(path: path, need: Self.size, have: size) }
    let major = load(UInt16.self, p, 8)
    guard major <= currentMajor, major > 0 else {
      throw TickDiagnostics.newerVersion(path: path, major: major, minor: load(UInt16.self, p, 10))
    }
    guard size >= Self.size else { throw TickDiagnostics.truncated(path: path, need: Self.size, have: size) }
    guard load(UInt16.self, p, 12) == UInt16(Self.size) else {
      throw TickDiagnostics.badHeader(path: path, offset: 12, "a header size of \(Self.size)",
        found: "\(load(UInt16.self, p, 12))")
    }
    let columnCount = Int(bytes[15])
    let directoryEnd = Self.size + columnCount * entrySize
    guard size >= directoryEnd else {
      throw TickDiagnostics.truncated(path: path, need: directoryEnd, have: size)
    }
    try verifyHeaderChecksum(p, directoryEnd, path: path)
    var header = try decodeFields(p, path: path)
    header.major = major
    header.minor = load(UInt16.self, p, 10)
    guard header.fileSize <= size else {
      throw TickDiagnostics.truncated(path: path, need: header.fileSize, have: size)
    }
    guard header.fileSize == size else {
      throw TickDiagnostics.badHeader(path: path, offset: 24, "a file of \(header.fileSize) bytes",
        found: "\(size) bytes (extra bytes after the last column)")
    }
    header.entries = try decodeEntries(p, header: header, count: columnCount, path: path)
    return header
  }

  /// Checks the CRC-32 of the header and directory (with the checksum field taken as zero).
  static func verifyHeaderChecksum(_ p: UnsafeRawPointer, _ end: Int, path: String) throws(Diagnostic) {
    let stored = load(UInt32.self, p, 56)
    let bytes = p.assumingMemoryBound(to: UInt8.self)
    var zero: UInt32 = 0
    var crc = CRC32.update(0, bytes, 56)
    crc = withUnsafeBytes(of: &zero) { CRC32.update(crc, $0.baseAddress!.assumingMemoryBound(to: UInt8.self), 4) }
    crc = CRC32.update(crc, bytes + 60, end - 60)
    guard crc == stored else {
      throw TickDiagnostics.checksum(path: path, what: "the header", offset: 56, stored: stored, computed: crc)
    }
  }

  /// Decodes the scalar header fields; the directory is read by `decodeEntries`.
  static func decodeFields(_ p: UnsafeRawPointer, path: String) throws(Diagnostic) -> TickFileHeader {
    let bytes = p.assumingMemoryBound(to: UInt8.self)
    guard let kind = TickRecordKind(rawValue: bytes[14]) else {
      throw TickDiagnostics.badHeader(path: path, offset: 14, "a record kind 1…5 (bars, trades, quotes, orders, book)",
        found: "\(bytes[14])")
    }
    let rows = load(UInt64.self, p, 16)
    let fileSize = load(UInt64.self, p, 24)
    guard rows <= UInt64(Int.max / 64), fileSize <= UInt64(Int.max) else {
      throw TickDiagnostics.badHeader(path: path, offset: 16, "a row count and file size that fit in memory",
        found: "\(rows) rows, \(fileSize) bytes")
    }
    let day = Int64(load(Int32.self, p, 48))
    guard abs(day) < Int64.max / CivilCalendar.nanosPerDay - 1 else {
      throw TickDiagnostics.badHeader(path: path, offset: 48, "a day between 1677-09-22 and 2262-04-11 "
        + "(days since 1970-01-01 whose times fit in 64-bit nanoseconds)", found: "day \(day)")
    }
    let symbolCount = Int(bytes[60])
    let sourceCount = Int(bytes[61])
    guard symbolCount <= symbolCapacity, sourceCount <= sourceCapacity else {
      throw TickDiagnostics.badHeader(path: path, offset: 60, "a symbol of at most 32 bytes and a source of at most 160",
        found: "\(symbolCount) and \(sourceCount)")
    }
    let symbol = String(decoding: UnsafeBufferPointer(start: bytes + 64, count: symbolCount), as: UTF8.self)
    if let problem = MarketSymbol.check(symbol, from: "the header", at: DataLocation(path: path, byteOffset: 64)) {
      throw problem
    }
    return TickFileHeader(
      kind: kind, rowCount: Int(rows), fileSize: Int(fileSize),
      firstTime: load(Int64.self, p, 32), lastTime: load(Int64.self, p, 40),
      day: day, flags: load(UInt32.self, p, 52),
      symbol: symbol,
      source: String(decoding: UnsafeBufferPointer(start: bytes + 96, count: sourceCount), as: UTF8.self),
      entries: [])
  }

  /// Decodes and checks the directory: the kind's columns in order, each aligned, of length
  /// rows × width, inside the file and not overlapping the header or the previous column.
  static func decodeEntries(_ p: UnsafeRawPointer, header: TickFileHeader, count: Int, path: String)
    throws(Diagnostic) -> [Entry]
  {
    let expected = header.kind.columns
    guard count == expected.count else {
      throw TickDiagnostics.badHeader(path: path, offset: 15,
        "\(expected.count) columns for \(header.kind)", found: "\(count)")
    }
    var entries: [Entry] = []
    var previousEnd = Self.size + count * entrySize
    for (i, column) in expected.enumerated() {
      let at = Self.size + i * entrySize
      let bytes = p.assumingMemoryBound(to: UInt8.self)
      let offset = load(UInt64.self, p, at + 8)
      let length = load(UInt64.self, p, at + 16)
      let why: String?
      if bytes[at] != column.rawValue || Int(bytes[at + 1]) != column.width {
        why = "column `\(column)` of width \(column.width); found id \(bytes[at]) of width \(bytes[at + 1])"
      } else if length != UInt64(header.rowCount * column.width) {
        why = "\(header.rowCount * column.width) bytes (\(header.rowCount) rows); found \(length)"
      } else if offset % UInt64(alignment) != 0 || offset < UInt64(previousEnd)
        || offset > UInt64(header.fileSize) || length > UInt64(header.fileSize) - offset
      {
        why = "an offset aligned to 64 between \(previousEnd) and the end of the file (\(header.fileSize)); "
          + "found \(offset) + \(length) bytes"
      } else {
        why = nil
      }
      if let why { throw TickDiagnostics.badColumn(path: path, column: "\(column)", entryOffset: at, why) }
      entries.append(Entry(column: column, offset: Int(offset), length: Int(length),
        checksum: load(UInt32.self, p, at + 4)))
      previousEnd = Int(offset + length)
    }
    return entries
  }
}
