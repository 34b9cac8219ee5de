@testable import StratMarket

/// Crafted MoldUDP64 packets of system-event messages whose timestamp is their sequence number,
/// and a recorder that writes each delivery as a short word ("m3", "lost 3+2", "end 7").
enum MoldTestPackets {
  static let session = "TESTSESS01"

  /// A 12-byte ITCH system event ('S') carrying `number` as its timestamp.
  static func message(_ number: UInt64) -> [UInt8] {
    var bytes: [UInt8] = [0x53, 0, 0, 0, 0]
    for shift in stride(from: 40, through: 0, by: -8) {
      bytes.append(UInt8(truncatingIfNeeded: number >> UInt64(shift)))
    }
    return bytes + [0x4F]
  }

  static func header(_ session: String, _ sequence: UInt64, _ count: UInt16) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: 20)
    bytes.withUnsafeMutableBytes { MoldUDP64Session(session).write(to: $0.baseAddress!) }
    for index in 0..<8 {
      bytes[10 + index] = UInt8(truncatingIfNeeded: sequence >> UInt64(56 - 8 * index))
    }
    bytes[18] = UInt8(count >> 8)
    bytes[19] = UInt8(truncatingIfNeeded: count)
    return bytes
  }

  /// Messages `range` in one packet.
  static func data(_ range: ClosedRange<UInt64>, session: String = session) -> [UInt8] {
    var bytes = header(session, range.lowerBound, UInt16(range.count))
    for number in range { bytes += [0, 12] + message(number) }
    return bytes
  }

  static func heartbeat(_ next: UInt64, session: String = session) -> [UInt8] {
    header(session, next, 0)
  }

  static func end(_ next: UInt64, session: String = session) -> [UInt8] {
    header(session, next, 0xFFFF)
  }
}

/// Drives a sequencer and keeps what it delivered.
final class SequencerRecorder {
  let sequencer: MoldUDP64Sequencer
  var words: [String] = []

  init(_ limits: MoldUDP64SequencerLimits = MoldUDP64SequencerLimits()) {
    sequencer = MoldUDP64Sequencer(limits: limits)
  }

  func accept(_ packet: [UInt8]) {
    packet.withUnsafeBytes { sequencer.accept($0, record) }
  }

  func request(at now: Int64) -> MoldUDP64Request? {
    sequencer.nextRequest(nowNanos: now, record)
  }

  /// Delivered words after the session start.
  var messages: [String] { words.filter { !$0.hasPrefix("start") } }

  private func record(_ delivery: MoldUDP64Delivery) {
    switch delivery {
    case .message(let sequence, let bytes):
      let stamp = ITCHWire(bytes.baseAddress!).u48(5)
      words.append(stamp == sequence ? "m\(sequence)" : "m\(sequence)≠\(stamp)")
    case .lost(let first, let count): words.append("lost \(first)+\(count)")
    case .sessionStarted(let session): words.append("start \(session)")
    case .sessionEnded(_, let next): words.append("end \(next)")
    }
  }
}
