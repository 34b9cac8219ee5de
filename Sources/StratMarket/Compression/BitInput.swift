import Foundation
import StratDiagnostics

/// Reads a `ByteStream` least-significant bit first, as DEFLATE packs its data, through a 64 KB
/// buffer. `refill` guarantees at least 56 valid bits; past the end of the stream it appends zero
/// bits and counts them (`phantomBits`) so that the decoder never branches on the end in its
/// loop, and `checkNotOverrun` turns a read of those bits into a `data.gzip.truncated` error.
///
/// Invariant of the fast refill (after libdeflate): bits of `bits` at or above `count` are either
/// zero or exactly the low bits of the byte at `position`, so OR-ing that byte in again is safe.
struct BitInput {
  let source: ByteStream
  let buffer: UnsafeMutablePointer<UInt8>
  static let capacity = 1 << 16
  var position = 0
  var end = 0
  var bits: UInt64 = 0
  var count = 0
  var phantomBits = 0
  var bytesFromSource = 0
  var sourceEnded = false

  init(source: ByteStream) {
    self.source = source
    buffer = .allocate(capacity: Self.capacity)
  }

  /// Frees the buffer; the owner calls it once.
  func deallocate() { buffer.deallocate() }

  /// The offset in the stream of the first byte not wholly consumed.
  var offset: Int {
    max(0, bytesFromSource - (end - position) - (max(0, count - phantomBits) + 7) / 8)
  }

  /// The stream name for error locations.
  var path: String { source.name }

  /// Makes at least 56 bits available.
  @inline(__always)
  mutating func refill() throws(MarketDataError) {
    if end - position >= 8 {
      let word = UInt64(
        littleEndian: UnsafeRawPointer(buffer + position).loadUnaligned(as: UInt64.self)
      )
      bits |= word << UInt64(count)
      position += (63 - count) >> 3
      count |= 56
    } else {
      try refillSlowly()
    }
  }

  /// Refills near the end of the buffer or of the stream.
  mutating func refillSlowly() throws(MarketDataError) {
    if end - position < 8 && !sourceEnded { try readMore() }
    if end - position >= 8 {
      try refill()
      return
    }
    while count <= 56 {
      if position < end {
        bits |= UInt64(buffer[position]) << UInt64(count)
        position += 1
      } else {
        try checkNotOverrun(inside: "compressed data")
        bits &= count == 0 ? 0 : (1 << UInt64(count)) - 1
        phantomBits += 8
      }
      count += 8
    }
  }

  /// Throws `data.gzip.truncated` if the decoder has used bits from past the end.
  @inline(__always)
  func checkNotOverrun(inside: String) throws(MarketDataError) {
    if count < phantomBits {
      throw MarketDataError(diagnostics: [
        GzipDiagnostics.truncated(path: path, offset: bytesFromSource, inside: inside)
      ])
    }
  }

  /// Drops `n` bits (n ≤ count).
  @inline(__always)
  mutating func consume(_ n: Int) {
    bits >>= UInt64(n)
    count -= n
  }

  /// Takes the next `n` bits (n ≤ 32) as a number.
  @inline(__always)
  mutating func take(_ n: Int) throws(MarketDataError) -> Int {
    if count < n { try refill() }
    let value = Int(bits & ((1 << UInt64(n)) - 1))
    consume(n)
    return value
  }

  /// Drops the bits up to the next byte boundary.
  mutating func alignToByte() { consume(count & 7) }

  /// Returns the next whole byte after aligning, nil at the end of the stream.
  mutating func nextByte() throws(MarketDataError) -> UInt8? {
    try checkNotOverrun(inside: "compressed data")
    alignToByte()
    if count - phantomBits >= 8 {
      let byte = UInt8(truncatingIfNeeded: bits)
      consume(8)
      return byte
    }
    bits = 0
    count = 0
    phantomBits = 0
    if position == end { try readMore() }
    guard position < end else { return nil }
    position += 1
    return buffer[position - 1]
  }

  /// Copies up to `limit` bytes straight from the stream (after aligning); returns how many.
  mutating func copyBytes(to target: UnsafeMutablePointer<UInt8>, limit: Int)
    throws(MarketDataError) -> Int
  {
    if count - phantomBits >= 8 || position == end {
      guard let byte = try nextByte() else { return 0 }
      target.pointee = byte
      return 1
    }
    bits = 0
    count = 0
    phantomBits = 0
    let n = min(limit, end - position)
    target.update(from: buffer + position, count: n)
    position += n
    return n
  }

  /// Moves unread bytes to the front and reads more from the source.
  mutating func readMore() throws(MarketDataError) {
    if position > 0 {
      memmove(buffer, buffer + position, end - position)
      end -= position
      position = 0
    }
    while !sourceEnded && end < 8 {
      let room = UnsafeMutableRawBufferPointer(start: buffer + end, count: Self.capacity - end)
      let got = try source.read(into: room)
      if got == 0 { sourceEnded = true }
      end += got
      bytesFromSource += got
    }
  }
}
