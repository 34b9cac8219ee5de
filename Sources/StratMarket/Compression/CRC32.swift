/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) as gzip uses it, computed eight bytes
/// at a time with the slicing-by-8 tables so that checking costs little next to inflating.
enum CRC32 {
  /// Eight 256-entry tables, table k at `k * 256`.
  static let table: [UInt32] = {
    var table = [UInt32](repeating: 0, count: 8 * 256)
    for n in 0..<256 {
      var c = UInt32(n)
      for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
      table[n] = c
    }
    for n in 0..<256 {
      for k in 1..<8 {
        let previous = table[(k - 1) * 256 + n]
        table[k * 256 + n] = (previous >> 8) ^ table[Int(previous & 0xFF)]
      }
    }
    return table
  }()

  /// Returns the CRC of the bytes so far (`crc`, 0 to start) extended by `count` bytes at `bytes`.
  static func update(_ crc: UInt32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> UInt32 {
    table.withUnsafeBufferPointer { tablePointer in
      let t = tablePointer.baseAddress!
      var c = ~crc
      var p = bytes
      var left = count
      while left >= 8 {
        let low = UInt32(littleEndianLoad(p)) ^ c
        let high = UInt32(littleEndianLoad(p + 4))
        c =
          t[7 * 256 + Int(low & 0xFF)] ^ t[6 * 256 + Int((low >> 8) & 0xFF)]
          ^ t[5 * 256 + Int((low >> 16) & 0xFF)] ^ t[4 * 256 + Int(low >> 24)]
          ^ t[3 * 256 + Int(high & 0xFF)] ^ t[2 * 256 + Int((high >> 8) & 0xFF)]
          ^ t[1 * 256 + Int((high >> 16) & 0xFF)] ^ t[Int(high >> 24)]
        p += 8
        left -= 8
      }
      while left > 0 {
        c = t[Int((c ^ UInt32(p.pointee)) & 0xFF)] ^ (c >> 8)
        p += 1
        left -= 1
      }
      return ~c
    }
  }

  /// Reads four bytes as a little-endian number, whatever the alignment.
  @inline(__always)
  private static func littleEndianLoad(_ p: UnsafePointer<UInt8>) -> UInt32 {
    UInt32(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt32.self))
  }
}
