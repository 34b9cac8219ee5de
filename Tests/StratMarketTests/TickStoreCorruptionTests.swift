import Foundation
import StratDiagnostics
import StratMarket
import Testing

/// Damage of every kind to a tick file gives a precise `data.tick.*` error before any column is
/// read; no input traps.
@Suite struct TickStoreCorruptionTests {
  static let valid: [UInt8] = {
    let path = try! TickStoreFormatTests.writeOrders(TickStoreFormatTests.events(50))
    return Array(FileManager.default.contents(atPath: path)!)
  }()

  /// Recomputes the header CRC after an edit, so that the check under test is the one reached.
  static func resealed(_ bytes: [UInt8]) -> [UInt8] {
    var out = bytes
    let end = 256 + Int(out[15]) * 32
    out[56..<60] = [0, 0, 0, 0]
    let crc = Self.crc32(Array(out[0..<end]))
    withUnsafeBytes(of: crc.littleEndian) { out.replaceSubrange(56..<60, with: $0) }
    return out
  }

  /// Plain bitwise CRC-32 (IEEE), independent of the implementation under test.
  static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for b in bytes {
      crc ^= UInt32(b)
      for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
  }

  @Test func theHeaderChecksumIsPlainCRC32() {
    #expect(Self.resealed(Self.valid) == Self.valid)
  }

  @Test func everyTruncationIsReportedAsSuch() {
    for length in Swift.stride(from: 0, to: Self.valid.count, by: 1) {
      let id = TickStoreFormatTests.openError(Array(Self.valid.prefix(length)))
      guard id == "data.tick.truncated" else {
        Issue.record("length \(length): \(id ?? "opened")")
        return
      }
    }
  }

  @Test func notATickFile() {
    #expect(TickStoreFormatTests.openError(Array("time,price,size\n1,2,3\n".utf8)) == "data.tick.not-tick-file")
    #expect(TickStoreFormatTests.openError([]) == "data.tick.truncated")
  }

  @Test func aNewerMajorVersionIsRefusedButANewerMinorIsRead() {
    var newer = Self.valid
    newer[8] = 2
    #expect(TickStoreFormatTests.openError(newer) == "data.tick.newer-version")
    var minor = Self.valid
    minor[10] = 9
    #expect(TickStoreFormatTests.openError(Self.resealed(minor)) == nil)
  }

  @Test func everyFlippedHeaderOrDirectoryByteIsCaught() {
    let end = 256 + 8 * 32
    for offset in 0..<end {
      var bytes = Self.valid
      bytes[offset] ^= 0x41
      let id = TickStoreFormatTests.openError(bytes)
      #expect(id != nil && id!.hasPrefix("data.tick."), "offset \(offset): \(id ?? "opened")")
    }
  }

  @Test func aFlippedColumnByteFailsItsChecksumAndIsReadableWithoutChecks() {
    var bytes = Self.valid
    bytes[bytes.count - 3] ^= 1
    #expect(TickStoreFormatTests.openError(bytes) == "data.tick.checksum")
    #expect(TickStoreFormatTests.openError(bytes, verify: false) == nil)
  }

  @Test func directoryEntriesOutOfBoundsOrMisalignedAreBadColumns() {
    let entry = 256 + 3 * 32  // orderID
    for (offset, value) in [(8, UInt64(1 << 40)), (8, 513), (8, 0), (16, 8)] {
      var bytes = Self.valid
      withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange((entry + offset)..<(entry + offset + 8), with: $0) }
      #expect(TickStoreFormatTests.openError(Self.resealed(bytes)) == "data.tick.bad-column", "\(offset) \(value)")
    }
  }

  @Test func extraBytesAndImpossibleHeaderFieldsAreBadHeaders() {
    #expect(TickStoreFormatTests.openError(Self.valid + [0]) == "data.tick.bad-header")
    var kind = Self.valid
    kind[14] = 9
    #expect(TickStoreFormatTests.openError(Self.resealed(kind)) == "data.tick.bad-header")
    var rows = Self.valid
    rows[23] = 0x7F
    #expect(TickStoreFormatTests.openError(Self.resealed(rows)) == "data.tick.bad-header")
  }

  @Test func randomDamageNeverTraps() {
    var rng = SplitMix64(seed: 99)
    for _ in 0..<300 {
      var bytes = Self.valid
      for _ in 0..<(1 + Int(rng.next() % 4)) {
        bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
      }
      if rng.next() % 3 == 0 { bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count)))) }
      for verify in [true, false] {
        let path = TestPaths.temporaryFolder() + "/r.tick"
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        if let file = try? TickFile(path: path, verifyChecksums: verify) {
          var n = 0
          file.forEachOrderEvent { _ in n += 1 }
          #expect(n == file.rowCount)
        }
      }
    }
  }
}
