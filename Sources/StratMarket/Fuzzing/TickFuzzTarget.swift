// What Fuzz/TickFuzz drives, and the tick corpus replay test replays: one code path for both.

import Foundation
import StratDiagnostics

/// Runs one input through the tick-store reader: the header and directory decoder on the bytes
/// as they are, then on a copy whose size field and checksums are made right (so arbitrary input
/// reaches the column checks, not only the CRC), and for each copy that validates: the mapped
/// `TickFile`, its order events, its book snapshots and its CSV export (to /dev/null).
/// Returns the ids of the diagnostics thrown; a trap is a bug.
enum TickFuzzTarget {
  static func run(_ input: UnsafeRawBufferPointer) -> [String] {
    var ids: [String] = []
    for bytes in [Array(input), repaired(input)] {
      do {
        try decode(bytes)
        ids += open(bytes)
      } catch { ids.append(error.id) }
    }
    return ids
  }

  /// Decodes the header of `bytes` from a 64-byte aligned copy, as a mapping would be.
  static func decode(_ bytes: [UInt8]) throws(Diagnostic) {
    let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 64)
    defer { copy.deallocate() }
    copy.copyBytes(from: bytes)
    _ = try TickFileHeader.decode(
      UnsafeRawPointer(copy.baseAddress!),
      size: bytes.count,
      path: "fuzz.tick"
    )
  }

  /// Writes `bytes` to a scratch file and reads it as `stratc data export` does.
  static func open(_ bytes: [UInt8]) -> [String] {
    let path = NSTemporaryDirectory() + "stratc-fuzz-\(getpid()).tick"
    defer { unlink(path) }
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return [] }
    do {
      let file = try TickFile(path: path)
      var events = 0
      file.forEachOrderEvent { _ in events += 1 }
      _ = file.bookSnapshots()
      let null = Foundation.open("/dev/null", O_WRONLY)
      defer { close(null) }
      try TickExport.csv(file, to: null, name: "/dev/null")
    } catch { return error.diagnostics.map(\.id) }
    return []
  }

  /// `input` padded to a whole header and directory, with its file size field, each in-bounds
  /// column's CRC-32 and the header's CRC-32 set to what the decoder computes.
  static func repaired(_ input: UnsafeRawBufferPointer) -> [UInt8] {
    var bytes = Array(input)
    let columns = bytes.count > 15 ? Int(bytes[15]) : 0
    let end = TickFileHeader.size + columns * TickFileHeader.entrySize
    if bytes.count < end { bytes += [UInt8](repeating: 0, count: end - bytes.count) }
    store(UInt64(bytes.count), at: 24, in: &bytes)
    for i in 0..<columns {
      let at = TickFileHeader.size + i * TickFileHeader.entrySize
      let offset = load(UInt64.self, bytes, at + 8)
      let length = load(UInt64.self, bytes, at + 16)
      guard offset <= UInt64(bytes.count), length <= UInt64(bytes.count) - offset else { continue }
      store(crc(bytes, Int(offset), Int(length)), at: at + 4, in: &bytes)
    }
    store(UInt32(0), at: 56, in: &bytes)
    store(crc(bytes, 0, end), at: 56, in: &bytes)
    return bytes
  }

  static func crc(_ bytes: [UInt8], _ start: Int, _ count: Int) -> UInt32 {
    bytes.withUnsafeBufferPointer { CRC32.update(0, $0.baseAddress! + start, count) }
  }

  static func load<T: FixedWidthInteger>(_: T.Type, _ bytes: [UInt8], _ at: Int) -> T {
    bytes.withUnsafeBytes { TickFileHeader.load(T.self, $0.baseAddress!, at) }
  }

  static func store<T: FixedWidthInteger>(_ value: T, at: Int, in bytes: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { for (k, b) in $0.enumerated() { bytes[at + k] = b } }
  }
}
