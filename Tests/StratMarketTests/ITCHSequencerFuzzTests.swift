import Foundation
import Testing

@testable import StratMarket

/// The sequencer part of the `itch` harness (`ITCHFuzzTarget.sequencer`), which the corpus
/// replay runs on every input: its seed, and its checker catching what it must catch.
@Suite("ITCH fuzz harness: the MoldUDP64 sequencer")
struct ITCHSequencerFuzzTests {
  @Test("The scripted seed crosses gaps, losses, an end and a second session, in order")
  func scriptedSeed() throws {
    let bytes = [UInt8](
      try Data(
        contentsOf: ITCHFuzzCorpusTests.folder
          .appendingPathComponent("seed-sequencer-script.bin")
      )
    )
    #expect(bytes.withUnsafeBytes { ITCHFuzzTarget.sequencer($0) } == [])
    let packets = bytes.withUnsafeBytes { ITCHFuzzTarget.scripted($0) }
    #expect(packets.count == 9)
    let sequencer = MoldUDP64Sequencer(limits: MoldUDP64SequencerLimits(bufferedMessages: 8))
    var words: [String] = []
    for packet in packets {
      packet.withUnsafeBytes {
        sequencer.accept($0) { delivery in
          if case .lost(let first, let count) = delivery { words.append("lost \(first)+\(count)") }
          if case .sessionStarted(let session) = delivery { words.append("start \(session)") }
        }
      }
    }
    #expect(words == ["start A", "lost 4+2", "lost 8+5", "lost 13+7", "lost 21+4", "start B"])
    #expect(sequencer.counters.foreignPackets == 1 && sequencer.counters.duplicatePackets == 1)
    #expect(sequencer.counters.malformedPackets == 1 && sequencer.counters.bufferOverflows == 1)
  }

  @Test("The order check flags a skipped number, a repeat and a loss out of place")
  func checkerCatches() {
    let message: [UInt8] = [0x53] + [UInt8](repeating: 0, count: 10) + [0x4F]
    message.withUnsafeBytes { bytes in
      var skip = ITCHFuzzTarget.DeliveryOrder()
      skip.check(.message(sequence: 1, bytes: bytes))
      skip.check(.message(sequence: 3, bytes: bytes))
      #expect(skip.broken == "internal.moldudp64.out-of-order")
      var repeated = ITCHFuzzTarget.DeliveryOrder()
      repeated.check(.message(sequence: 1, bytes: bytes))
      repeated.check(.message(sequence: 1, bytes: bytes))
      #expect(repeated.broken == "internal.moldudp64.out-of-order")
      var lost = ITCHFuzzTarget.DeliveryOrder()
      lost.check(.message(sequence: 1, bytes: bytes))
      lost.check(.lost(first: 5, count: 1))
      #expect(lost.broken == "internal.moldudp64.lost-out-of-order")
      var fine = ITCHFuzzTarget.DeliveryOrder()
      fine.check(.message(sequence: 1, bytes: bytes))
      fine.check(.lost(first: 2, count: 3))
      fine.check(.message(sequence: 5, bytes: bytes))
      #expect(fine.broken == nil)
    }
  }
}
