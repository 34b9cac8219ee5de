import Testing

@testable import StratJournal

@Suite struct CRC32CTests {
  /// The check value of the CRC-32C catalogue and RFC 3720's (iSCSI) test vectors.
  @Test func matchesPublishedCheckValues() {
    #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
    #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
    #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
    #expect(CRC32C.checksum([UInt8]()) == 0)
  }

  /// Slice-by-8 agrees with the bit-at-a-time definition at every length and alignment, and
  /// continuing a CRC over two pieces equals one CRC over both.
  @Test func sliceByEightAgreesWithBitwiseDefinition() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    let bytes: [UInt8] = (0..<300).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(truncatingIfNeeded: state >> 33)
    }
    for start in 0..<9 {
      for count in stride(from: 0, to: 280, by: 7) {
        let piece = Array(bytes[start..<start + count])
        #expect(CRC32C.checksum(piece) == bitwise(piece), "start \(start) count \(count)")
        let split = count / 3
        let joined = piece.withUnsafeBytes { raw in
          CRC32C.update(
            CRC32C.update(0, raw.baseAddress!, split),
            raw.baseAddress! + split,
            count - split
          )
        }
        #expect(joined == CRC32C.checksum(piece))
      }
    }
  }

  private func bitwise(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
    }
    return ~crc
  }
}
