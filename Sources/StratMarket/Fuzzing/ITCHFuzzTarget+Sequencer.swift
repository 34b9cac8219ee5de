// The MoldUDP64 receiver under the ITCH harness: packets cut from the input, in order and
// reversed, and a script of crafted packets that reaches gaps, holds, losses and sessions.

extension ITCHFuzzTarget {
  /// Held messages allowed: small, so the buffer overflows often.
  static let fuzzWindow = 8

  /// Runs the sequencer three ways over `input`; an id `internal.moldudp64.*` when a number came
  /// out twice, out of order or skipped, or the held messages passed the cap.
  static func sequencer(_ input: UnsafeRawBufferPointer) -> [String] {
    let packets = captured(input)
    var ids = replay(packets.map { $0[...] })
    ids += replay(packets.reversed().map { $0[...] })
    ids += replay(scripted(input).map { $0[...] })
    return ids
  }

  /// The input as a capture: each packet after its 2-byte big-endian length.
  static func captured(_ input: UnsafeRawBufferPointer) -> [[UInt8]] {
    var packets: [[UInt8]] = []
    var position = 0
    while input.count - position >= 2 {
      let length = Int(input[position]) << 8 | Int(input[position + 1])
      let end = min(input.count, position + 2 + length)
      packets.append(Array(input[(position + 2)..<end]))
      position = end
    }
    return packets
  }

  /// Every 4 input bytes make one packet of session A or B: data (small numbers, 1 to 8 system
  /// events), a heartbeat, an end of session, or a malformed cut.
  static func scripted(_ input: UnsafeRawBufferPointer) -> [[UInt8]] {
    stride(from: 0, to: input.count - 3, by: 4).map { index in
      let (op, sequence, count) = (input[index], UInt64(input[index + 1]), input[index + 2])
      let session = op & 0x80 == 0 ? "A" : "B"
      var packet = MoldUDP64Encoder.heartbeat(session: session, sequenceNumber: sequence)
      switch op & 3 {
      case 0, 1:
        packet[19] = count % 8 + 1
        for number in 0..<UInt64(count % 8 + 1) {
          packet += [
            0, 12, 0x53, 0, 0, 0, 0, 0, 0, 0, 0, 0, UInt8(truncatingIfNeeded: sequence + number),
            0x4F,
          ]
        }
      case 2: packet[18...19] = [0xFF, 0xFF]
      default: packet.removeLast(Int(input[index + 3] % 4))
      }
      return packet
    }
  }

  /// Feeds packets with a clock that moves on, asking for requests after each; checks the order.
  static func replay(_ packets: [ArraySlice<UInt8>]) -> [String] {
    let limits = MoldUDP64SequencerLimits(
      bufferedMessages: fuzzWindow,
      requestTimeoutNanos: 2,
      requestAttempts: 2,
      requestMessages: 5
    )
    let sequencer = MoldUDP64Sequencer(limits: limits)
    var order = DeliveryOrder()
    var now: Int64 = 0
    for packet in packets {
      packet.withUnsafeBytes { sequencer.accept($0) { order.check($0) } }
      now += 1
      _ = sequencer.nextRequest(nowNanos: now) { order.check($0) }
      if sequencer.heldMessages > fuzzWindow { order.broken = "internal.moldudp64.held-past-cap" }
    }
    for step in 0..<20 {
      _ = sequencer.nextRequest(nowNanos: now + 3 * Int64(step + 1)) { order.check($0) }
    }
    return order.broken.map { [$0] } ?? []
  }

  /// Within a session, numbers (delivered or lost) must follow each other with none skipped.
  struct DeliveryOrder {
    var next: UInt64?
    var broken: String?

    mutating func check(_ delivery: MoldUDP64Delivery) {
      switch delivery {
      case .sessionStarted: next = nil
      case .message(let sequence, let bytes):
        if let next, sequence != next { broken = "internal.moldudp64.out-of-order" }
        if bytes.isEmpty || ITCHMessageType.length(of: bytes[0]) != bytes.count {
          broken = "internal.moldudp64.bad-message"
        }
        next = sequence &+ 1
      case .lost(let first, let count):
        if let next, first != next { broken = "internal.moldudp64.lost-out-of-order" }
        if count == 0 { broken = "internal.moldudp64.empty-loss" }
        next = first &+ count
      case .sessionEnded: break
      }
    }
  }
}
