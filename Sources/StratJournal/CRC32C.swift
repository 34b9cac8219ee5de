/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), slice-by-8, in plain Swift: the journal
/// checksums every record with it. The module has no dependencies (no C, no SSE4.2 intrinsics),
/// so this table walk is the whole implementation. `CRC32C.checksum("123456789") == 0xE306_9283`.
package enum CRC32C {
  /// The eight 256-entry tables, built once and never freed (8 KiB). A raw pointer, so the hot
  /// path reads it with no array bounds checks and no reference counting.
  nonisolated(unsafe) static let table: UnsafePointer<UInt32> = makeTable()

  /// Returns the CRC-32C of `count` bytes at `bytes`, continuing `crc` (0 to start).
  @inline(__always)
  package static func update(_ crc: UInt32, _ bytes: UnsafeRawPointer, _ count: Int) -> UInt32 {
    update(crc, bytes, count, table: table)
  }

  /// `update` with the table passed in: a hot loop that keeps `table` in hand skips the
  /// lazy-global check (`swift_once`) that each read of `CRC32C.table` costs.
  @inline(__always)
  package static func update(
    _ crc: UInt32,
    _ bytes: UnsafeRawPointer,
    _ count: Int,
    table t: UnsafePointer<UInt32>
  ) -> UInt32 {
    var c = ~crc
    var p = bytes
    var n = count
    while n >= 8 {
      // Unaligned little-endian load: records are 8-aligned, but payload callers need not be.
      let word = UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)) ^ UInt64(c)
      c =
        t[0x700 &+ Int(word & 0xFF)] ^ t[0x600 &+ Int((word >> 8) & 0xFF)]
        ^ t[0x500 &+ Int((word >> 16) & 0xFF)] ^ t[0x400 &+ Int((word >> 24) & 0xFF)]
        ^ t[0x300 &+ Int((word >> 32) & 0xFF)] ^ t[0x200 &+ Int((word >> 40) & 0xFF)]
        ^ t[0x100 &+ Int((word >> 48) & 0xFF)] ^ t[Int(word >> 56)]
      p += 8
      n &-= 8
    }
    while n > 0 {
      c = t[Int((c ^ UInt32(p.load(as: UInt8.self))) & 0xFF)] ^ (c >> 8)
      p += 1
      n &-= 1
    }
    return ~c
  }

  /// Returns the CRC-32C of `bytes`.
  package static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
    guard let base = bytes.baseAddress else { return 0 }
    return update(0, base, bytes.count)
  }

  /// Returns the CRC-32C of `bytes`.
  package static func checksum(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBytes { checksum($0) }
  }

  private static func makeTable() -> UnsafePointer<UInt32> {
    let t = UnsafeMutablePointer<UInt32>.allocate(capacity: 8 * 256)
    for i in 0..<256 {
      var c = UInt32(i)
      for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
      t[i] = c
    }
    // Slice k: the CRC of a byte followed by k zero bytes.
    for k in 1..<8 {
      for i in 0..<256 {
        let previous = t[(k - 1) * 256 + i]
        t[k * 256 + i] = t[Int(previous & 0xFF)] ^ (previous >> 8)
      }
    }
    return UnsafePointer(t)
  }
}
