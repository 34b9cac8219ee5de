import Foundation
import StratDiagnostics

/// How messages are delimited in an ITCH file.
public enum ITCHFraming: String, Sendable {
  /// NASDAQ's file layout: a 2-byte big-endian length, then the message.
  case lengthPrefixed
  /// Every length prefix is 0x0000 and the length comes from the type byte (files written by
  /// the RITCH package, such as `ex20101224.TEST_ITCH_50`).
  case zeroLengthPrefix
}

/// Reads ITCH 5.0 messages from a stream (plain or gzip: use `init(path:)`) with a fixed 1 MB
/// buffer, so memory does not grow with the file.
///
/// The framing is detected from the first message. Malformed input follows the
/// `MalformedInputPolicy`: `.stop` throws at the first problem; `.skip` counts it, keeps the first
/// `keptDiagnostics` diagnostics and goes on: a bad message is skipped by its length prefix when
/// that lands on a valid prefix-and-type pair, else the reader moves byte by byte to the next one.
/// A truncated final message ends the reading under either policy.
public final class ITCHFileReader {
  /// Diagnostics kept under `.skip`.
  public static let keptDiagnostics = 10
  /// The most bytes scanned for the next message start after a malformed one (1 MiB).
  public static let resynchronizationLimit = 1 << 20

  /// The stream name used in error locations.
  public let name: String
  /// What to do with malformed messages.
  public let policy: MalformedInputPolicy
  /// The framing detected from the first message.
  public private(set) var framing = ITCHFraming.lengthPrefixed
  /// Messages returned so far.
  public private(set) var messageCount = 0
  /// Malformed messages skipped so far (under `.skip`).
  public private(set) var skippedCount = 0
  /// The first `keptDiagnostics` problems met under `.skip`.
  public private(set) var diagnostics: [Diagnostic] = []

  private let stream: ByteStream
  /// Buffer size: at least the largest framed message (2 + 65535 bytes).
  private let capacity: Int
  private let buffer: UnsafeMutableRawPointer
  private var start = 0
  private var end = 0
  private var bufferOffset = 0
  private var streamEnded = false
  private var finished = false

  /// Reads from `stream`, detecting the framing from its first bytes.
  public convenience init(stream: ByteStream, policy: MalformedInputPolicy = .stop)
    throws(MarketDataError)
  {
    try self.init(stream: stream, policy: policy, bufferCapacity: 1 << 20)
  }

  /// Reads with a buffer of `bufferCapacity` bytes (raised to 2 + 65535 + 3 if smaller);
  /// the fuzzer uses a small one.
  init(stream: ByteStream, policy: MalformedInputPolicy, bufferCapacity: Int)
    throws(MarketDataError)
  {
    capacity = max(bufferCapacity, 2 + 65_535 + 3)
    buffer = .allocate(byteCount: capacity, alignment: 16)
    self.stream = stream
    self.policy = policy
    name = stream.name
    try fill(3)
    if end == 0 { throw MarketDataError(diagnostics: [ITCHDiagnostics.empty(path: name)]) }
    if end >= 3 && load16(0) == 0 && ITCHMessageType.length(of: byte(2)) != nil {
      framing = .zeroLengthPrefix
    }
  }

  /// Opens `path`, decompressing gzip files as they are read.
  public convenience init(path: String, policy: MalformedInputPolicy = .stop)
    throws(MarketDataError)
  {
    try self.init(stream: ByteStreams.open(path: path), policy: policy)
  }

  deinit { buffer.deallocate() }

  /// The stream offset of the next unread byte.
  public var offset: Int { bufferOffset + start }

  /// Decodes the next message; nil at the end of the data.
  public func next() throws(MarketDataError) -> ITCHMessage? {
    guard let wire = try nextWire() else { return nil }
    return ITCHMessage(wire: wire)
  }

  /// The next message as bytes in place, valid until the next call; nil at the end. The type is
  /// known and the length matches it, so `ITCHWire` loads are safe.
  public func nextWire() throws(MarketDataError) -> ITCHWire? {
    while !finished {
      if end - start < 2 { try fill(2) }
      let available = end - start
      if available == 0 { return nil }
      if available < 2 {
        try truncated(expected: 2, what: "a length prefix")
        return nil
      }
      let prefix = Int(load16(start))
      if framing == .zeroLengthPrefix && prefix == 0 {
        if let wire = try zeroPrefixed() { return wire }
      } else if let wire = try lengthPrefixed(prefix) {
        return wire
      }
    }
    return nil
  }

  /// Calls `body` with every remaining message in place; returns how many there were.
  ///
  /// The fast path: while the buffer holds a whole longest message, well-formed messages are
  /// taken with local state only (no per-message calls or property writes); anything else
  /// (refill, errors, the end) goes through `nextWire`.
  @discardableResult
  public func forEachWire(_ body: (ITCHWire) -> Void) throws(MarketDataError) -> Int {
    let before = messageCount
    let zeroPrefix = framing == .zeroLengthPrefix
    let base = buffer
    while true {
      var position = start
      let limit = end - 2 - ITCHMessageType.maximumLength
      var count = 0
      ITCHMessageType.lengths.withUnsafeBufferPointer { lengths in
        while position <= limit {
          let prefix = Int(
            UInt16(bigEndian: base.loadUnaligned(fromByteOffset: position, as: UInt16.self))
          )
          let length = Int(lengths[Int(base.load(fromByteOffset: position + 2, as: UInt8.self))])
          guard length != 0 && (prefix == length || (zeroPrefix && prefix == 0)) else { break }
          let wire = ITCHWire(base + position + 2)
          // A value no market has leaves the fast path, to be reported by `take`.
          guard !wire.mayHoldImpossibleValue || wire.valueProblem() == nil else { break }
          body(wire)
          position += 2 + length
          count += 1
        }
      }
      start = position
      messageCount += count
      guard let wire = try nextWire() else { break }
      body(wire)
    }
    return messageCount - before
  }

  // MARK: - Framing

  /// A message after a 0x0000 prefix: the length comes from the type.
  private func zeroPrefixed() throws(MarketDataError) -> ITCHWire? {
    if end - start < 3 { try fill(3) }
    guard end - start >= 3 else {
      try truncated(expected: 3, what: "a zero length prefix and a type byte")
      return nil
    }
    let type = byte(start + 2)
    guard let length = ITCHMessageType.length(of: type) else {
      try report(ITCHDiagnostics.unknownType(type, path: name, offset: offset + 2, skipped: false))
      try resynchronize()
      return nil
    }
    return try take(length, type: type)
  }

  /// A message after a non-zero prefix: the prefix must be the type's length.
  private func lengthPrefixed(_ length: Int) throws(MarketDataError) -> ITCHWire? {
    if end - start < 2 + length { try fill(2 + length) }
    guard end - start >= 2 + max(length, 1) else {
      try truncated(expected: 2 + max(length, 1), what: "a length prefix and message")
      return nil
    }
    let type = byte(start + 2)
    guard let expected = ITCHMessageType.length(of: type) else {
      try report(
        ITCHDiagnostics.unknownType(type, path: name, offset: offset + 2, skipped: length > 0)
      )
      if length > 0 { try skip(length) } else { try resynchronize() }
      return nil
    }
    guard expected == length else {
      try report(
        ITCHDiagnostics.lengthMismatch(
          type: type,
          expected: expected,
          found: length,
          path: name,
          offset: offset
        )
      )
      if framing == .zeroLengthPrefix || length == 0 {
        try resynchronize()
      } else {
        try skip(length)
      }
      return nil
    }
    return try take(length, type: type)
  }

  /// Returns the message of `length` bytes after the prefix at `start`, and moves past it.
  private func take(_ length: Int, type: UInt8) throws(MarketDataError) -> ITCHWire? {
    if end - start < 2 + length { try fill(2 + length) }
    guard end - start >= 2 + length else {
      try truncated(
        expected: 2 + length,
        what: "a \(ITCHMessageType.shown(type)) message and its prefix"
      )
      return nil
    }
    let wire = ITCHWire(buffer + start + 2)
    let at = offset
    start += 2 + length
    if let problem = wire.valueProblem() {
      try report(
        ITCHDiagnostics.badValue(type: type, problem.field, found: problem.found, path: name,
          offset: at + 2 + problem.offset))
      return nil
    }
    messageCount += 1
    return wire
  }

  /// Skips a bad message by its length prefix if that lands on a message start (or the end of
  /// the data); otherwise the prefix is as suspect as the message, so resynchronises.
  private func skip(_ length: Int) throws(MarketDataError) {
    let target = 2 + length
    if end - start < target + 3 { try fill(target + 3) }
    if end - start == target || (end - start >= target + 3 && isMessageStart(start + target)) {
      start += target
    } else {
      try resynchronize()
    }
  }

  /// True if the bytes at `at` look like a prefix and a known type that agree.
  private func isMessageStart(_ at: Int) -> Bool {
    guard let length = ITCHMessageType.length(of: byte(at + 2)) else { return false }
    let prefix = Int(load16(at))
    return prefix == length || (prefix == 0 && framing == .zeroLengthPrefix)
  }

  /// Moves byte by byte to the next place that looks like a message start (a prefix that is
  /// 0 in zero-prefix files or the type's length, followed by a known type).
  private func resynchronize() throws(MarketDataError) {
    start += 1
    let from = offset
    while true {
      // Messages are at most 52 bytes: a megabyte with no message start is not ITCH data (or
      // is an endless device such as /dev/zero), and is not scanned on, whatever the policy.
      if offset - from > Self.resynchronizationLimit {
        finished = true
        throw MarketDataError(diagnostics: [
          ITCHDiagnostics.lostSync(path: name, offset: from, limit: Self.resynchronizationLimit)
        ])
      }
      if end - start < 3 { try fill(3) }
      if end - start < 3 {
        start = end
        finished = true
        return
      }
      if isMessageStart(start) { return }
      start += 1
    }
  }

  /// Reports the truncated end of the data and stops reading.
  private func truncated(expected: Int, what: String) throws(MarketDataError) {
    let found = end - start
    let at = offset
    start = end
    finished = true
    try report(
      ITCHDiagnostics.truncated(
        expected: expected,
        found: found,
        path: name,
        offset: at,
        what: what
      )
    )
  }

  /// Throws under `.stop`; counts and keeps the diagnostic under `.skip`.
  private func report(_ diagnostic: Diagnostic) throws(MarketDataError) {
    if policy == .stop {
      finished = true
      throw MarketDataError(diagnostics: [diagnostic])
    }
    skippedCount += 1
    if diagnostics.count < Self.keptDiagnostics { diagnostics.append(diagnostic) }
  }

  // MARK: - Buffer

  /// Makes at least `count` unread bytes available unless the stream ends first.
  private func fill(_ count: Int) throws(MarketDataError) {
    if start > 0 {
      memmove(buffer, buffer + start, end - start)
      end -= start
      bufferOffset += start
      start = 0
    }
    while end < count && !streamEnded {
      let room = UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end)
      let got = try stream.read(into: room)
      if got == 0 { streamEnded = true }
      end += got
    }
  }

  private func byte(_ at: Int) -> UInt8 { buffer.load(fromByteOffset: at, as: UInt8.self) }

  private func load16(_ at: Int) -> UInt16 {
    UInt16(bigEndian: buffer.loadUnaligned(fromByteOffset: at, as: UInt16.self))
  }
}
