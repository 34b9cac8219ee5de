import StratDiagnostics

/// Decodes MoldUDP64 packets into ITCH messages and watches the sequence numbers: a packet that
/// starts after the next expected number is a gap (`data.moldudp64.sequence-gap`, a warning kept
/// in `diagnostics`, never thrown); one that starts before it repeats messages
/// (`data.moldudp64.sequence-repeat`). Malformed blocks follow the `MalformedInputPolicy`.
public struct MoldUDP64Decoder {
  /// Diagnostics kept (gaps, repeats and skipped blocks).
  public static let keptDiagnostics = 100

  /// The source name used in error locations.
  public let name: String
  /// What to do with malformed message blocks.
  public let policy: MalformedInputPolicy
  /// The sequence number the next packet should start at; nil before the first packet.
  public private(set) var nextSequence: UInt64?
  /// Number of gaps seen and messages missing in them.
  public private(set) var gapCount = 0
  /// Messages missing in all gaps.
  public private(set) var missingMessages: UInt64 = 0
  /// Malformed message blocks skipped (under `.skip`).
  public private(set) var skippedCount = 0
  /// The first `keptDiagnostics` warnings and skipped problems.
  public private(set) var diagnostics: [Diagnostic] = []

  /// Creates a decoder for packets from `name`.
  public init(name: String, policy: MalformedInputPolicy = .stop) {
    self.name = name
    self.policy = policy
  }

  /// Decodes one packet; `offset` is its position in the capture, for error locations.
  public mutating func decode(_ packet: UnsafeRawBufferPointer, at offset: Int = 0)
    throws(MarketDataError) -> MoldUDP64Packet
  {
    guard packet.count >= MoldUDP64Packet.headerLength, let base = packet.baseAddress else {
      throw MarketDataError(diagnostics: [
        ITCHDiagnostics.moldTruncated(
          expected: MoldUDP64Packet.headerLength,
          found: packet.count,
          path: name,
          offset: offset,
          what: "MoldUDP64 header"
        )
      ])
    }
    let wire = ITCHWire(base)
    var result = MoldUDP64Packet(
      session: Self.sessionText(base),
      sequenceNumber: wire.u64(10),
      messageCount: wire.u16(18),
      messages: []
    )
    checkSequence(result, offset: offset)
    if result.isHeartbeat || result.isEndOfSession {
      try checkEnd(MoldUDP64Packet.headerLength, packet.count, offset: offset)
      return result
    }
    result.messages = try blocks(of: packet, count: Int(result.messageCount), offset: offset)
    return result
  }

  /// Decodes the `count` message blocks after the header.
  private mutating func blocks(of packet: UnsafeRawBufferPointer, count: Int, offset: Int)
    throws(MarketDataError) -> [ITCHMessage]
  {
    var messages: [ITCHMessage] = []
    messages.reserveCapacity(count)
    var position = MoldUDP64Packet.headerLength
    for _ in 0..<count {
      let left = packet.count - position
      let length = left >= 2 ? Int(ITCHWire(packet.baseAddress! + position).u16(0)) : 0
      guard left >= 2 && left - 2 >= length else {
        let (expected, found) = left >= 2 ? (length, left - 2) : (2, left)
        let what = left >= 2 ? "message block" : "message block length"
        try report(
          ITCHDiagnostics.moldTruncated(
            expected: expected,
            found: found,
            path: name,
            offset: offset + position,
            what: what
          )
        )
        return messages
      }
      let start = packet.baseAddress! + position + 2
      if let message = try message(at: start, length: length, offset: offset + position) {
        messages.append(message)
      }
      position += 2 + length
    }
    try checkEnd(position, packet.count, offset: offset)
    return messages
  }

  /// The session field: 10 bytes, trailing spaces removed.
  private static func sessionText(_ base: UnsafeRawPointer) -> String {
    var bytes = Array(UnsafeRawBufferPointer(start: base, count: 10))
    while let last = bytes.last, last == 0x20 { bytes.removeLast() }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Decodes one message block; nil (after reporting) when it is malformed.
  private mutating func message(at base: UnsafeRawPointer, length: Int, offset: Int)
    throws(MarketDataError) -> ITCHMessage?
  {
    guard length > 0 else {
      try report(
        ITCHDiagnostics.moldTruncated(
          expected: 1,
          found: 0,
          path: name,
          offset: offset,
          what: "message in a block"
        )
      )
      return nil
    }
    let type = base.load(as: UInt8.self)
    guard let expected = ITCHMessageType.length(of: type) else {
      try report(ITCHDiagnostics.unknownType(type, path: name, offset: offset + 2, skipped: true))
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
      return nil
    }
    return ITCHMessage(wire: ITCHWire(base))
  }

  /// Records a gap or a repeat, and moves the expected number past this packet.
  private mutating func checkSequence(_ packet: MoldUDP64Packet, offset: Int) {
    if let expected = nextSequence {
      if packet.sequenceNumber > expected {
        gapCount += 1
        missingMessages += packet.sequenceNumber - expected
        keep(
          ITCHDiagnostics.sequenceGap(
            expected: expected,
            found: packet.sequenceNumber,
            path: name,
            offset: offset + 10
          )
        )
      } else if packet.sequenceNumber < expected && !packet.isHeartbeat && !packet.isEndOfSession {
        keep(
          ITCHDiagnostics.sequenceRepeat(
            expected: expected,
            found: packet.sequenceNumber,
            path: name,
            offset: offset + 10
          )
        )
      }
    }
    let (next, overflow) = packet.sequenceNumber.addingReportingOverflow(packet.sequenceSpan)
    nextSequence = overflow ? UInt64.max : max(next, nextSequence ?? 0)
  }

  /// Reports bytes after the last block.
  private mutating func checkEnd(_ position: Int, _ count: Int, offset: Int) throws(MarketDataError)
  {
    if position < count {
      try report(
        ITCHDiagnostics.moldTrailingBytes(
          count: count - position,
          path: name,
          offset: offset + position
        )
      )
    }
  }

  /// Throws under `.stop`; counts and keeps the diagnostic under `.skip`.
  private mutating func report(_ diagnostic: Diagnostic) throws(MarketDataError) {
    if policy == .stop { throw MarketDataError(diagnostics: [diagnostic]) }
    skippedCount += 1
    keep(diagnostic)
  }

  private mutating func keep(_ diagnostic: Diagnostic) {
    if diagnostics.count < Self.keptDiagnostics { diagnostics.append(diagnostic) }
  }
}
