import StratDiagnostics

/// Builds MoldUDP64 packets and replay captures (see `MoldUDP64FileReader`).
public enum MoldUDP64Encoder {
  /// A packet carrying `messages`, the first numbered `sequenceNumber`. `session` is padded with
  /// spaces (or cut) to 10 bytes.
  public static func packet(session: String, sequenceNumber: UInt64, messages: [ITCHMessage])
    throws(MarketDataError) -> [UInt8]
  {
    var output = header(
      session: session,
      sequenceNumber: sequenceNumber,
      count: UInt16(clamping: messages.count)
    )
    for message in messages.prefix(Int(UInt16.max - 1)) {
      try ITCHEncoder.append(message, to: &output)
    }
    return output
  }

  /// A heartbeat: no messages; `sequenceNumber` is the next one to be sent.
  public static func heartbeat(session: String, sequenceNumber: UInt64) -> [UInt8] {
    header(session: session, sequenceNumber: sequenceNumber, count: 0)
  }

  /// The end-of-session packet (message count 0xFFFF).
  public static func endOfSession(session: String, sequenceNumber: UInt64) -> [UInt8] {
    header(
      session: session,
      sequenceNumber: sequenceNumber,
      count: MoldUDP64Packet.endOfSessionCount
    )
  }

  /// A replay capture: each packet preceded by its 2-byte big-endian length.
  public static func capture(_ packets: [[UInt8]]) -> [UInt8] {
    var output: [UInt8] = []
    for packet in packets {
      output += [
        UInt8(truncatingIfNeeded: packet.count >> 8), UInt8(truncatingIfNeeded: packet.count),
      ]
      output += packet
    }
    return output
  }

  /// The 20-byte header.
  private static func header(session: String, sequenceNumber: UInt64, count: UInt16) -> [UInt8] {
    var output = Array(session.utf8.prefix(10))
    while output.count < 10 { output.append(0x20) }
    for shift in stride(from: 56, through: 0, by: -8) {
      output.append(UInt8(truncatingIfNeeded: sequenceNumber >> UInt64(shift)))
    }
    output += [UInt8(count >> 8), UInt8(truncatingIfNeeded: count)]
    return output
  }
}
