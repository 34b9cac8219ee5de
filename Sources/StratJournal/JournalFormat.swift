/// The bytes on disk, in one place (Docs/JOURNAL.md draws them). All integers little-endian.
///
///     segment file NNNNNNNN.journal (preallocated to `segmentSize`, zero past the last record)
///     +--------------------------- 64-byte segment header ----------------------------+
///     | 0 magic "SJOURNAL" | 8 version u16 = 1 | 10 header size u16 = 64 | 12 number u32 |
///     | 16 first sequence u64 | 24 created ns since 1970 i64 | 32 segment size u64      |
///     | 40..60 zero | 60 CRC-32C of bytes 0..<60 u32                                    |
///     +--------------------------------------------------------------------------------+
///     | record | record | ... | zeros                        (records at 8-aligned offsets)
///
///     record = 24-byte header + payload + zero padding to a multiple of 8
///     | 0 magic 0xA7 u8 | 1 type u8 (not 0) | 2 flags u16 | 4 payload length u32 |
///     | 8 sequence u64 (1, 2, 3, ... across segments) | 16 CRC-32C u32 | 20 zero u32 |
///     CRC-32C covers header bytes 0..<16, then the payload.
package enum JournalFormat {
  package static let segmentMagic: [UInt8] = Array("SJOURNAL".utf8)
  package static let version: UInt16 = 1
  package static let segmentHeaderSize = 64
  package static let recordMagic: UInt8 = 0xA7
  package static let recordHeaderSize = 24
  /// A segment is a whole number of pages, 4 KiB to 1 GiB (offsets fit a UInt32).
  package static let minimumSegmentSize = 4096
  package static let maximumSegmentSize = 1 << 30
  package static let fileSuffix = ".journal"
  /// A segment made ahead of time, off the hot thread; it gets its header and name at the roll.
  package static let spareSuffix = ".journal.spare"
  /// A segment the writer is making itself (no spare was ready) until its header is written.
  package static let newSuffix = ".new"

  /// Returns the bytes a record with `payloadCount` bytes of payload takes, padding included.
  @inline(__always)
  package static func recordSize(payload payloadCount: Int) -> Int {
    (recordHeaderSize + payloadCount + 7) & ~7
  }

  /// Returns the largest payload a segment of `segmentSize` bytes holds.
  package static func maximumPayload(segmentSize: Int) -> Int {
    segmentSize - segmentHeaderSize - recordHeaderSize
  }

  /// Returns the file name of segment `number`: eight decimal digits and `.journal`.
  package static func fileName(_ number: UInt32) -> String {
    let digits = String(number)
    return String(repeating: "0", count: max(0, 8 - digits.count)) + digits + fileSuffix
  }

  /// Returns the segment number a file name encodes, or nil if it is not a segment's name.
  package static func number(fromFileName name: String) -> UInt32? {
    guard name.hasSuffix(fileSuffix) else { return nil }
    let stem = name.dropLast(fileSuffix.count)
    guard stem.count == 8, stem.allSatisfy({ $0 >= "0" && $0 <= "9" }) else { return nil }
    return UInt32(stem)
  }

  @inline(__always)
  package static func load<T: FixedWidthInteger>(_: T.Type, _ base: UnsafeRawPointer, _ at: Int)
    -> T
  {
    T(littleEndian: base.loadUnaligned(fromByteOffset: at, as: T.self))
  }

  @inline(__always)
  package static func store<T: FixedWidthInteger>(
    _ value: T,
    _ base: UnsafeMutableRawPointer,
    _ at: Int
  ) {
    base.storeBytes(of: value.littleEndian, toByteOffset: at, as: T.self)
  }

  /// Returns whether `count` bytes at `base` are all zero.
  package static func isZero(_ base: UnsafeRawPointer, _ count: Int) -> Bool {
    var i = 0
    while i + 8 <= count {
      if base.loadUnaligned(fromByteOffset: i, as: UInt64.self) != 0 { return false }
      i += 8
    }
    while i < count {
      if base.load(fromByteOffset: i, as: UInt8.self) != 0 { return false }
      i += 1
    }
    return true
  }
}
