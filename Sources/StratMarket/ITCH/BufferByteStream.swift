/// A ByteStream over memory the caller keeps alive (benchmarks, in-memory replays, fuzzing).
public final class BufferByteStream: ByteStream {
  /// "memory".
  public let name: String
  private let buffer: UnsafeRawBufferPointer
  private var position = 0

  /// Reads `buffer`, which must outlive the stream.
  public init(_ buffer: UnsafeRawBufferPointer, name: String = "memory") {
    self.buffer = buffer
    self.name = name
  }

  /// Copies the next bytes.
  public func read(into target: UnsafeMutableRawBufferPointer) throws(MarketDataError) -> Int {
    let n = min(target.count, buffer.count - position)
    if n > 0 { target.baseAddress!.copyMemory(from: buffer.baseAddress! + position, byteCount: n) }
    position += n
    return n
  }
}
