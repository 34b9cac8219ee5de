/// Finds whole FIX messages in a stream of received bytes, as QuickFIX's parser does, so that a
/// counterparty sees the reactions it expects (FIX session spec, "garbled messages"):
///
///   … junk … 8=FIX.4.4␁9=LEN␁ <LEN bytes of body> … ␁10=NNN␁
///            └ start          └ body start       └ the first "␁10=" at or after body end − 1
///
/// A BodyLength that is too short still ends at the message's real checksum; one that is too
/// long swallows the next message. Either way the candidate then fails `FIXMessageView`'s exact
/// BodyLength check and is dropped as garbled, which is what the acceptance scripts expect. The
/// caps bound what is buffered: a declared length over `maxBodyLength`, or no checksum within
/// `maxMessageLength` bytes, is garbage to skip, never a reason to keep reading.
public struct FIXFramer: Sendable {
  public var maxBodyLength: Int
  public var maxMessageLength: Int

  public init(maxBodyLength: Int = 65_536, maxMessageLength: Int = 70_000) {
    self.maxBodyLength = maxBodyLength
    self.maxMessageLength = max(maxMessageLength, maxBodyLength + 64)
  }

  /// What the start of `buffer` holds.
  public enum Frame: Equatable, Sendable {
    /// A candidate message in `0..<count`: its fields are still to be checked.
    case message(count: Int)
    /// More bytes are needed before anything can be said.
    case incomplete
    /// `count` leading bytes are not (the start of) a message; drop them and look again.
    case skip(count: Int, reason: FIXGarble)
  }

  public func next(in buffer: UnsafeRawBufferPointer) -> Frame {
    guard let start = find(FIXFramer.beginMarker, in: buffer, from: 0) else {
      // Keep a trailing '8' that may begin the next message.
      let keep = buffer.last == UInt8(ascii: "8") ? 1 : 0
      return buffer.count > keep ? .skip(count: buffer.count - keep, reason: .noBeginString) : .incomplete
    }
    if start > 0 { return .skip(count: start, reason: .noBeginString) }
    guard let beginEnd = find(FIXFramer.soh, in: buffer, from: 2, limit: 32) else {
      return buffer.count < 32 ? .incomplete : .skip(count: 2, reason: .noBodyLength)
    }
    return bodyLength(in: buffer, from: beginEnd + 1)
  }

  private func bodyLength(in buffer: UnsafeRawBufferPointer, from at: Int) -> Frame {
    if buffer.count < at + 2 { return .incomplete }
    guard buffer[at] == UInt8(ascii: "9"), buffer[at + 1] == UInt8(ascii: "=") else {
      return .skip(count: 2, reason: .noBodyLength)
    }
    var length = 0
    var index = at + 2
    while index < buffer.count, buffer[index] != FIXFramer.soh[0] {
      let digit = Int(buffer[index]) - 0x30
      guard (0...9).contains(digit), index - at < 10 else { return .skip(count: 2, reason: .badBodyLength) }
      length = length * 10 + digit
      index += 1
    }
    if index == buffer.count { return .incomplete }
    guard index > at + 2 else { return .skip(count: 2, reason: .badBodyLength) }
    guard length <= maxBodyLength else { return .skip(count: 2, reason: .bodyTooLong) }
    return checksum(in: buffer, bodyEnd: index + 1 + length)
  }

  private func checksum(in buffer: UnsafeRawBufferPointer, bodyEnd: Int) -> Frame {
    if buffer.count < bodyEnd { return .incomplete }
    let limit = maxMessageLength
    guard let marker = find(FIXFramer.checksumMarker, in: buffer, from: bodyEnd - 1, limit: limit) else {
      return buffer.count < limit ? .incomplete : .skip(count: 2, reason: .noChecksum)
    }
    guard let end = find(FIXFramer.soh, in: buffer, from: marker + 4, limit: limit) else {
      return buffer.count < limit ? .incomplete : .skip(count: 2, reason: .noChecksum)
    }
    return .message(count: end + 1)
  }

  static let soh: [UInt8] = [0x01]
  static let beginMarker: [UInt8] = Array("8=".utf8)
  static let checksumMarker: [UInt8] = [0x01] + Array("10=".utf8)

  /// The offset of `pattern` in `buffer[from..<min(count, limit)]`.
  private func find(_ pattern: [UInt8], in buffer: UnsafeRawBufferPointer, from: Int, limit: Int = .max) -> Int? {
    let end = min(buffer.count, limit) - pattern.count
    guard from <= end else { return nil }
    var index = max(from, 0)
    while index <= end {
      if buffer[index] == pattern[0] {
        var matched = 1
        while matched < pattern.count && buffer[index + matched] == pattern[matched] { matched += 1 }
        if matched == pattern.count { return index }
      }
      index += 1
    }
    return nil
  }
}

/// Why bytes were dropped as garbled (FIX: ignored, logged, no sequence number consumed).
public enum FIXGarble: String, Error, Sendable, Equatable {
  case noBeginString = "bytes before 8="
  case noBodyLength = "BodyLength (9) is not the second field"
  case badBodyLength = "BodyLength (9) is not a number"
  case bodyTooLong = "BodyLength (9) is over the limit"
  case noChecksum = "no CheckSum (10) within the message limit"
  case wrongBodyLength = "BodyLength (9) does not match the body"
  case wrongChecksum = "CheckSum (10) does not match"
  case badCheckSumField = "CheckSum (10) is not three digits"
  case notTagValue = "a field is not tag=value"
  case tooManyFields = "more fields than the message limit"
  case msgTypeNotThird = "MsgType (35) is not the third field"
}
