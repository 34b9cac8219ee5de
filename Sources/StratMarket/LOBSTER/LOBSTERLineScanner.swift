import StratDiagnostics

/// Splits a `ByteStream` into lines without copying them: a fixed buffer is refilled as lines are
/// consumed, so memory stays flat whatever the file size. Used by both LOBSTER readers.
///
/// A line handed out by `nextLine()` stays valid until the next call. Lines longer than the
/// buffer are hostile or not LOBSTER at all and are reported, not grown into.
final class LOBSTERLineScanner {
  /// Longest line accepted; a LOBSTER row with 50 levels is about 2 KB.
  static let capacity = 1 << 16

  let name: String
  private let stream: ByteStream
  private let buffer: UnsafeMutablePointer<UInt8>
  /// Bytes `start..<end` of the buffer are read and not yet handed out.
  private var start = 0
  private var end = 0
  private var atEnd = false
  /// Byte offset in the stream of `buffer[0]`.
  private var bufferOffset = 0
  /// 1-based number of the line last handed out, and its byte offset in the stream.
  private(set) var line = 0
  private(set) var lineOffset = 0

  init(stream: ByteStream) {
    self.stream = stream
    self.name = stream.name
    buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.capacity)
  }

  deinit { buffer.deallocate() }

  /// Returns the next line without its `\n` (and without a `\r` before it), or nil at the end.
  func nextLine() throws(MarketDataError) -> UnsafeBufferPointer<UInt8>? {
    var scanFrom = start
    while true {
      if let newline = find(from: scanFrom) {
        return handOut(upTo: newline, skip: 1)
      }
      if atEnd {
        if start == end { return nil }
        return handOut(upTo: end, skip: 0)
      }
      scanFrom = end - start
      try refill()
      scanFrom = start + scanFrom
    }
  }

  private func find(from index: Int) -> Int? {
    var i = index
    while i < end {
      if buffer[i] == 0x0A { return i }
      i += 1
    }
    return nil
  }

  private func handOut(upTo stop: Int, skip: Int) -> UnsafeBufferPointer<UInt8> {
    line += 1
    lineOffset = bufferOffset + start
    var last = stop
    if last > start, buffer[last - 1] == 0x0D { last -= 1 }
    let out = UnsafeBufferPointer(start: buffer + start, count: last - start)
    start = stop + skip
    return out
  }

  /// Moves the unread tail to the front and reads more bytes after it.
  private func refill() throws(MarketDataError) {
    let pending = end - start
    if pending == Self.capacity {
      throw MarketDataError(diagnostics: [
        LOBSTERDiagnostics.lineTooLong(
          limit: Self.capacity,
          at: DataLocation(path: name, line: line + 1, byteOffset: bufferOffset + start)
        )
      ])
    }
    if start > 0 {
      buffer.update(from: buffer + start, count: pending)
      bufferOffset += start
      start = 0
      end = pending
    }
    let got = try stream.read(
      into: UnsafeMutableRawBufferPointer(start: buffer + end, count: Self.capacity - end)
    )
    if got == 0 { atEnd = true }
    end += got
  }
}
