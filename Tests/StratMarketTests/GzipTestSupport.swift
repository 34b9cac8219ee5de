import Foundation
import StratDiagnostics

@testable import StratMarket

/// A ByteStream over bytes in memory that hands out at most `step` bytes per read, so tests
/// exercise every buffer boundary of the decoders.
final class SteppedByteStream: ByteStream {
  let name: String
  let bytes: [UInt8]
  let step: Int
  private var position = 0

  init(_ bytes: [UInt8], name: String = "memory", step: Int = Int.max) {
    self.bytes = bytes
    self.name = name
    self.step = step
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(MarketDataError) -> Int {
    let n = min(buffer.count, bytes.count - position, step)
    for i in 0..<n { buffer[i] = bytes[position + i] }
    position += n
    return n
  }
}

/// Helpers shared by the gzip tests.
enum GzipTesting {
  /// Reads a stream to its end with a `chunk`-byte buffer.
  static func readAll(_ stream: ByteStream, chunk: Int = 65_536) throws(MarketDataError) -> [UInt8]
  {
    var result: [UInt8] = []
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 8)
    defer { buffer.deallocate() }
    while true {
      let n = try stream.read(into: buffer)
      if n == 0 { return result }
      result.append(contentsOf: buffer[0..<n])
    }
  }

  /// Decompresses `bytes` with GzipByteStream.
  static func inflate(_ bytes: [UInt8], step: Int = Int.max) throws(MarketDataError) -> [UInt8] {
    try readAll(GzipByteStream(source: SteppedByteStream(bytes, step: step)))
  }

  /// Runs a tool (`gzip`) with `arguments` and returns its standard output: the independent
  /// reference the tests compare against.
  static func run(_ tool: String, _ arguments: [String], input: [UInt8]? = nil) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let output = Pipe()
    process.standardOutput = output
    var inputFile: String?
    if let input {
      let path = NSTemporaryDirectory() + "gzip-input-\(UUID().uuidString)"
      FileManager.default.createFile(atPath: path, contents: Data(input))
      process.standardInput = FileHandle(forReadingAtPath: path)
      inputFile = path
    }
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    if let inputFile { try? FileManager.default.removeItem(atPath: inputFile) }
    return [UInt8](data)
  }

  /// A gzip member around raw DEFLATE bits, with the given trailer.
  static func member(deflate: [UInt8], crc: UInt32, size: UInt32) -> [UInt8] {
    var bytes: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3] + deflate
    for value in [crc, size] {
      for shift in stride(from: 0, to: 32, by: 8) {
        bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
      }
    }
    return bytes
  }
}

/// Writes DEFLATE bits least-significant first, to build hostile streams by hand.
struct DeflateBitWriter {
  var bytes: [UInt8] = []
  private var bitCount = 0

  /// Appends the low `count` bits of `value`, least significant first (header fields).
  mutating func write(_ value: Int, bits count: Int) {
    for i in 0..<count {
      if bitCount % 8 == 0 { bytes.append(0) }
      if (value >> i) & 1 != 0 { bytes[bytes.count - 1] |= UInt8(1 << (bitCount % 8)) }
      bitCount += 1
    }
  }

  /// Appends a Huffman code, most significant bit first.
  mutating func writeCode(_ code: Int, bits count: Int) {
    for i in stride(from: count - 1, through: 0, by: -1) { write((code >> i) & 1, bits: 1) }
  }
}
