import StratDiagnostics

/// The fixed header and column directory of a tick file, as described byte for byte in
/// Docs/TICKSTORE.md. Encoding and decoding live here and nowhere else.
public struct TickFileHeader: Sendable, Equatable {
  /// The eight bytes every tick file starts with: `STRATTCK`.
  public static let magic: [UInt8] = Array("STRATTCK".utf8)
  /// The major format version this code writes and reads; a file with a higher one is refused.
  public static let currentMajor: UInt16 = 1
  /// The minor format version this code writes; any minor of the same major is readable.
  public static let currentMinor: UInt16 = 0
  /// Bytes in the fixed header.
  public static let size = 256
  /// Bytes in one column directory entry.
  public static let entrySize = 32
  /// Alignment of every column's first byte.
  public static let alignment = 64
  /// The longest symbol, in UTF-8 bytes.
  public static let symbolCapacity = 32
  /// The longest source description, in UTF-8 bytes.
  public static let sourceCapacity = 160

  /// Flag: bars carry a real volume column (otherwise it is all zero).
  public static let flagHasVolume: UInt32 = 1
  /// Flag: times never decrease from one row to the next.
  public static let flagTimeSorted: UInt32 = 2

  /// One entry of the column directory.
  public struct Entry: Sendable, Equatable {
    /// Which column.
    public var column: TickColumn
    /// Offset of its first byte from the start of the file (a multiple of 64).
    public var offset: Int
    /// Its length in bytes: rows × width.
    public var length: Int
    /// CRC-32 (IEEE, as gzip) of its bytes.
    public var checksum: UInt32
  }

  public var major: UInt16 = TickFileHeader.currentMajor
  public var minor: UInt16 = TickFileHeader.currentMinor
  /// What the rows are.
  public var kind: TickRecordKind
  /// Number of rows (every column has this many elements).
  public var rowCount: Int
  /// Total size of the file in bytes, so that truncation is seen before any column is read.
  public var fileSize: Int
  /// Time of the first and last rows (nanoseconds since the epoch); 0 when there are no rows.
  public var firstTime: Int64
  public var lastTime: Int64
  /// The UTC day of the file: days since 1970-01-01.
  public var day: Int64
  /// `flagHasVolume`, `flagTimeSorted`.
  public var flags: UInt32
  /// The instrument's symbol.
  public var symbol: String
  /// Where the rows came from, e.g. `csv-trades AAPL.csv`.
  public var source: String
  /// The column directory, in file order.
  public var entries: [Entry]

  /// Bytes taken by the header and the directory.
  public var directoryEnd: Int { Self.size + entries.count * Self.entrySize }

  /// Returns `value` rounded up to the column alignment.
  static func aligned(_ value: Int) -> Int {
    (value + alignment - 1) / alignment * alignment
  }

  // MARK: - Encoding

  /// Returns the header and directory bytes, checksum included.
  func encoded() -> [UInt8] {
    var out = [UInt8](repeating: 0, count: directoryEnd)
    out.replaceSubrange(0..<8, with: Self.magic)
    Self.store(major, at: 8, in: &out)
    Self.store(minor, at: 10, in: &out)
    Self.store(UInt16(Self.size), at: 12, in: &out)
    out[14] = kind.rawValue
    out[15] = UInt8(entries.count)
    Self.store(UInt64(rowCount), at: 16, in: &out)
    Self.store(UInt64(fileSize), at: 24, in: &out)
    Self.store(firstTime, at: 32, in: &out)
    Self.store(lastTime, at: 40, in: &out)
    Self.store(Int32(truncatingIfNeeded: day), at: 48, in: &out)
    Self.store(flags, at: 52, in: &out)
    let symbolBytes = Array(symbol.utf8.prefix(Self.symbolCapacity))
    let sourceBytes = Array(source.utf8.prefix(Self.sourceCapacity))
    out[60] = UInt8(symbolBytes.count)
    out[61] = UInt8(sourceBytes.count)
    out.replaceSubrange(64..<(64 + symbolBytes.count), with: symbolBytes)
    out.replaceSubrange(96..<(96 + sourceBytes.count), with: sourceBytes)
    for (i, entry) in entries.enumerated() {
      let at = Self.size + i * Self.entrySize
      out[at] = entry.column.rawValue
      out[at + 1] = UInt8(entry.column.width)
      Self.store(entry.checksum, at: at + 4, in: &out)
      Self.store(UInt64(entry.offset), at: at + 8, in: &out)
      Self.store(UInt64(entry.length), at: at + 16, in: &out)
    }
    let crc = out.withUnsafeBufferPointer { CRC32.update(0, $0.baseAddress!, $0.count) }
    Self.store(crc, at: 56, in: &out)
    return out
  }

  /// Writes `value` little-endian at `offset`.
  static func store<T: FixedWidthInteger>(_ value: T, at offset: Int, in out: inout [UInt8]) {
    var v = value.littleEndian
    withUnsafeBytes(of: &v) { raw in
      for i in 0..<raw.count { out[offset + i] = raw[i] }
    }
  }

  /// Reads a little-endian `T` at `offset` of `p` (callers check bounds).
  static func load<T: FixedWidthInteger>(_: T.Type, _ p: UnsafeRawPointer, _ offset: Int) -> T {
    T(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: T.self))
  }
}
