import Foundation
import StratMarket

/// A byte stream over bytes in memory that hands them out `chunk` bytes at a time, so that
/// tests can put line and field boundaries at every possible place in the reader's buffer.
final class MemoryByteStream: ByteStream {
  let name: String
  private let bytes: [UInt8]
  private let chunk: Int
  private var position = 0

  init(_ bytes: [UInt8], name: String = "memory.csv", chunk: Int = 1 << 16) {
    self.bytes = bytes
    self.name = name
    self.chunk = chunk
  }

  convenience init(_ text: String, name: String = "memory.csv", chunk: Int = 1 << 16) {
    self.init(Array(text.utf8), name: name, chunk: chunk)
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(MarketDataError) -> Int {
    let n = min(buffer.count, chunk, bytes.count - position)
    guard n > 0 else { return 0 }
    bytes.withUnsafeBytes { source in
      buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[position..<(position + n)]))
    }
    position += n
    return n
  }
}

/// Paths of the LOBSTER GOOG sample.
enum LOBSTERSample {
  static let folder = TestPaths.packageRoot + "/../shared/data/lobster-goog-2012-06-21"
  static let prefix = folder + "/GOOG_2012-06-21_34200000_57600000_"
  static func messages(_ levels: Int) -> String {
    let plain = prefix + "message_\(levels).csv"
    return FileManager.default.fileExists(atPath: plain) ? plain : plain + ".gz"
  }
  static func orderbook(_ levels: Int) -> String {
    let plain = prefix + "orderbook_\(levels).csv"
    return FileManager.default.fileExists(atPath: plain) ? plain : plain + ".gz"
  }
  /// 2012-06-21T00:00:00Z in nanoseconds.
  static let midnight: Int64 = 1_340_236_800_000_000_000
}
